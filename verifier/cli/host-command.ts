/**
 * `imzala host install|uninstall [--browser chrome|chromium|edge|firefox]... [--system] [--user-data-dir DIR] [--host PATH]`:
 * registers imzala's native messaging host (the token bridge) with the browsers, naming only imzala's extension ids.
 * Without --host the host is this package's dist/host/imzala-host.js (a launcher script is written beside the
 * manifest); an IT department installs the self-contained package instead (docs/native-host.md).
 */
import { join } from 'node:path';
import { installCommand } from '../../extension/native-host/install.js';
import { packageRoot } from '../node/package-root.js';
import type { CliIo } from './io.js';
import { cliLanguage } from './language.js';

export async function hostCommand(argv: string[], io: CliIo): Promise<number> {
  const at = argv.indexOf('--lang');
  const lang = at >= 0 ? argv[at + 1] : undefined;
  const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
  return installCommand(rest, {
    out: io.out,
    err: io.err,
    defaultHostPath: join(packageRoot(), 'dist', 'host', 'imzala-host.js'),
    language: cliLanguage(lang, io.env),
    env: io.env,
  });
}
