/** The `imzala` command line: verify, sign, pki demo, demo. Exit codes are a stable interface (ARCHITECTURE.md). */
import { isImzalaError } from '../../core/errors.js';
import { localizeCli as localize } from './messages.js';
import { installNodeHasher } from '../node/node-hasher.js';
import { UsageError } from './args.js';
import { processIo, type CliIo } from './io.js';
import { cliLanguage } from './language.js';

import { EXIT_INTERNAL, EXIT_UNREADABLE, EXIT_USAGE } from './exit-codes.js';

export const USAGE = `imzala — sign documents with an Azerbaijani e-signature and check signed documents

  imzala verify FILE... [--content FILE] [--trust DIR]... [--crl FILE]... [--at ISO-8601] [--json] [--offline]
                [--require-revocation] [--lang az|en|ru]
  imzala sign FILE --out FILE --p12 FILE [--pass-env VAR] [--reason TEXT] [--location TEXT] [--tsa URL] [--lt [--trust DIR]] [--certify 1|2|3]
                (PDF -> PAdES; other files -> detached .p7s, or an ASiC-E container when --out ends in .asice)
  imzala timestamp FILE --out FILE --tsa URL   add a document timestamp to a PDF (PAdES B-LTA)
  imzala pki demo DIR      write a TEST certificate hierarchy (RCA -> PCA -> ICA -> people and companies)
  imzala serve             the verification service (what npm start runs; configured by environment variables)
  imzala asan-sim list|approve ID|deny ID [--url URL]   the ASAN İmza simulator's "phone" (IMZALA_ASAN=simulator only)
  imzala sima-sim URL [--person NAME] [--pki DIR] [--cancel]   the SİMA app simulator "scans" a QR code (IMZALA_SIMA=simulator)
  imzala demo [DIR]        sign a sample PDF with TEST certificates and check it
  imzala host install|uninstall [--browser chrome|chromium|edge|firefox]... [--system] [--user-data-dir DIR] [--host PATH]
                           register the token bridge (native messaging host) with the browsers (docs/native-host.md)

verify exits 0 VALID, 1 INVALID, 2 INDETERMINATE, 3 UNSIGNED, 64 bad usage, 65 unreadable input.`;

/** The language for a failure report: the command's --lang when it is readable, else the environment's. */
function errorLanguage(argv: string[], env: NodeJS.ProcessEnv) {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice(7) : argv[i + 1];
  try {
    return cliLanguage(flag, env);
  } catch {
    return cliLanguage(undefined, env);
  }
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  installNodeHasher();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Each command loads only its own modules: a verification never pays for key-file or certificate-building code.
      case 'verify':
        return await (await import('./verify-command.js')).verifyCommand(rest, io);
      case 'sign':
        return await (await import('./sign-command.js')).signCommand(rest, io);
      case 'serve':
        return await (await import('./serve-command.js')).serveCommand(rest, io);
      case 'asan-sim':
        return await (await import('./asan-sim-command.js')).asanSimCommand(rest, io);
      case 'sima-sim':
        return await (await import('./sima-sim-command.js')).simaSimCommand(rest, io);
      case 'host':
        return await (await import('./host-command.js')).hostCommand(rest, io);
      case 'timestamp':
        return await (await import('./timestamp-command.js')).timestampCommand(rest, io);
      case 'pki':
        return await (await import('./pki-command.js')).pkiCommand(rest, io);
      case 'demo':
        return await (await import('./pki-command.js')).demoCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT_USAGE : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`imzala: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const lang = errorLanguage(rest, io.env);
    if (isImzalaError(e)) {
      io.err(`imzala: ${localize(e.code, lang, e.details)} [${e.code}]`);
      return EXIT_UNREADABLE;
    }
    io.err(`imzala: ${localize('INTERNAL_ERROR', lang)} ${io.debug ? (e as Error).stack : String(e)}`);
    return EXIT_INTERNAL;
  }
}
