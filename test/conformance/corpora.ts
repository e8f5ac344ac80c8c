/** Where the shared conformance corpora are: ../shared/corpora beside the checkout, read in place (SOURCES.md). */
import { existsSync, readFileSync } from 'node:fs';

import path from 'node:path';
import { fileURLToPath } from 'node:url';


/** The repository root: the nearest folder up from here whose package.json is imzala's (works from dist/ too). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'imzala') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('imzala repository root not found');
    dir = parent;
  }
}

/** A path inside ../shared/corpora. */
export function corpusPath(...parts: string[]): string {
  return path.resolve(repoRoot(), '../shared/corpora', ...parts);
}
