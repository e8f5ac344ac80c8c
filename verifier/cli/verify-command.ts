/** `imzala verify FILE... [--content FILE] [--trust DIR]... [--crl FILE]... [--at ISO] [--json] [--offline] [--lang L]` */
import { basename } from 'node:path';
import { ImzalaError, isImzalaError } from '../../core/errors.js';
import { localizeCli as localize } from './messages.js';
import { EXIT_UNREADABLE, VERIFY_EXIT } from './exit-codes.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import type { ValidationContext } from '../../core/validation/validation-context.js';
import { nodeRevocationPolicy } from '../node/revocation-policy.js';
import { openFileByteSource, type FileByteSource } from '../node/file-byte-source.js';
import { loadCrls, loadTrustStore, trustPaths } from '../node/trust-dir.js';
import { parseArgs, single, UsageError } from './args.js';
import { humanError, humanReport } from './human-report.js';
import { cliLanguage } from './language.js';
import type { CliIo } from './io.js';


/** With several files the worst outcome decides: invalid, then unreadable, then undecided, then unsigned. */
const SEVERITY = [0, 3, 2, 65, 1];

export function worstExit(codes: number[]): number {
  return codes.reduce((worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst), 0);
}

function parseTime(text: string): Date {
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime())) throw new UsageError(`--at needs an ISO-8601 time, got "${text}"`);
  return d;
}

function open(path: string): FileByteSource {
  try {
    return openFileByteSource(path);
  } catch (e) {
    throw new ImzalaError('FILE_UNREADABLE', `cannot read ${path}`, { detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['content', 'trust', 'crl', 'at', 'lang'], switches: ['json', 'offline', 'require-revocation'] });
  const lang = cliLanguage(single(args, 'lang'));
  if (args.positional.length === 0) throw new UsageError('imzala verify needs at least one FILE');
  const at = single(args, 'at');
  const checkedAt = new Date();
  const trust = loadTrustStore(trustPaths(args.values.get('trust'), io.env));
  for (const p of trust.problems) io.err(`imzala: ${p.file}: ${p.message}`);
  // Revocation: given (--crl) and embedded data, then the cache, then OCSP and CRLs from the certificates'
  // addresses; --offline (or IMZALA_OFFLINE=1) stops at the cache.
  const offline = args.switches.has('offline') || io.env.IMZALA_OFFLINE === '1';
  const context: ValidationContext = {
    anchors: trust.anchors,
    validationTime: at ? parseTime(at) : checkedAt,
    crls: loadCrls(args.values.get('crl') ?? []),
    language: lang,
    revocation: nodeRevocationPolicy({ offline, required: args.switches.has('require-revocation'), env: io.env }),
  };
  const contentPath = single(args, 'content');
  const exits: number[] = [];
  for (const path of args.positional) {
    const sources: FileByteSource[] = [];
    try {
      const source = open(path);
      sources.push(source);
      const content = contentPath ? open(contentPath) : undefined;
      if (content) sources.push(content);
      const report = await validateDocument({ name: basename(path), source, content }, context, checkedAt);
      io.out(args.switches.has('json') ? JSON.stringify(report) : humanReport(report, lang));
      exits.push(VERIFY_EXIT[report.status]);
    } catch (e) {
      const code = isImzalaError(e) ? e.code : 'INTERNAL_ERROR';
      const details = isImzalaError(e) ? e.details : { detail: String(e) };
      const message = localize(code, lang, details);
      if (args.switches.has('json')) {
        io.out(JSON.stringify({ schema: 'imzala.report/1', file: { name: basename(path) }, error: { code, message } }));
      } else {
        io.err(humanError(basename(path), message, lang));
      }
      if (!isImzalaError(e) && io.debug) io.err(String((e as Error).stack));
      exits.push(EXIT_UNREADABLE);
    } finally {
      for (const s of sources) s.close();
    }
  }
  return worstExit(exits);
}
