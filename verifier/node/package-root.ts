/**
 * The directory of imzala's package.json, found by walking up from this module: the same answer whether the code
 * runs from the sources (tests), from dist/ (tsc output) or from the bundled CLI in dist/cli/. Static files the
 * service serves (the page's bundle, pdf.js, fonts) are found from here, never from the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = import.meta.dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'imzala') {
      return (cached = dir);
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`imzala's package.json was not found above ${import.meta.dirname}`);
    dir = up;
  }
}
