/**
 * `imzala sign FILE --out FILE (--p12 FILE [--pass-env VAR] | --pkcs11 LIB [--slot ID] [--pin-env VAR]) [--reason TEXT] [--location TEXT] [--tsa URL]`
 * PDF -> PAdES-B-B incremental update; any other file -> detached CAdES-B-B (.p7s).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ImzalaError } from '../../core/errors.js';
import { sniffFormat } from '../../core/validation/validate-document.js';
import { readPkcs12 } from '../../core/keys/pkcs12.js';
import { keyPairSigner } from '../../core/signing/key-pair-signer.js';
import type { DigestSigner } from '../../core/cms/digest-signer.js';
import type { ByteSource } from '../../core/io/byte-source.js';
import { openFileByteSource } from '../node/file-byte-source.js';
import { pkcs11Signer } from '../node/pkcs11-signer.js';
import { signAsicFile, signCmsFile, signPdfFile } from '../node/sign-file.js';
import { parseArgs, single, UsageError } from './args.js';
import { cliLanguage } from './language.js';
import type { CliIo } from './io.js';
import { readHiddenLine } from './prompt.js';
import { loadTrustStore, trustPaths } from '../node/trust-dir.js';

const SIGNED = { az: 'imzalandı', en: 'signed', ru: 'подписано' } as const;

async function keyFileSigner(p12Path: string, password: string): Promise<DigestSigner> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(p12Path));
  } catch (e) {
    throw new ImzalaError('FILE_UNREADABLE', `cannot read ${p12Path}`, { detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  return keyPairSigner(await readPkcs12(bytes, password));
}

/** A secret from the environment variable the option names, else asked on the terminal (hidden), else a usage error. */
function secretFrom(io: CliIo, variable: string | undefined, option: string, prompt: string): () => Promise<string> {
  if (variable) {
    const value = io.env[variable];
    if (value === undefined) throw new UsageError(`environment variable ${variable} (${option}) is not set`);
    return async () => value;
  }
  if (process.stdin.isTTY) return () => readHiddenLine(prompt);
  throw new UsageError(`give the secret with ${option} VAR (no terminal to ask on)`);
}

export async function signCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: ['out', 'p12', 'pass-env', 'pkcs11', 'slot', 'pin-env', 'reason', 'location', 'tsa', 'lang', 'trust', 'certify'],
    switches: ['lt'],
  });
  const lang = cliLanguage(single(args, 'lang'));
  const [input, ...extra] = args.positional;
  const out = single(args, 'out');
  if (!input || extra.length) throw new UsageError('imzala sign needs exactly one FILE');
  if (!out) throw new UsageError('imzala sign needs --out FILE');
  if (out === input) throw new UsageError('--out must not be the input file: the original is never rewritten');
  const p12 = single(args, 'p12');
  const pkcs11 = single(args, 'pkcs11');
  if (p12 && pkcs11) throw new UsageError('--p12 and --pkcs11 exclude each other');
  if (!p12 && !pkcs11) throw new UsageError('imzala sign needs --p12 FILE or --pkcs11 LIB');
  let signer: DigestSigner;
  if (pkcs11) {
    const slot = single(args, 'slot');
    const pinEnv = single(args, 'pin-env');
    const secret = secretFrom(io, pinEnv, '--pin-env', 'Token PIN / PIN: ');
    ({ signer } = await pkcs11Signer({ library: pkcs11, ...(slot === undefined ? {} : { slot }), pin: secret, documentName: basename(input) }));
  } else {
    signer = await keyFileSigner(p12!, await secretFrom(io, single(args, 'pass-env'), '--pass-env', 'PKCS#12 password / parol: ')());
  }

  const source = openFileByteSource(input);
  try {
    const format = await sniffFormat(source);
    // A signature timestamp from the TSA (--tsa, else IMZALA_TSA_URL): proof the signature existed at that time.
    const tsa = single(args, 'tsa') ?? io.env.IMZALA_TSA_URL;
    const certify = single(args, 'certify');
    if (certify !== undefined && !['1', '2', '3'].includes(certify)) throw new UsageError('--certify takes 1, 2 or 3');
    const options = {
      certification: certify === undefined ? undefined : (Number(certify) as 1 | 2 | 3),
      reason: single(args, 'reason'),
      location: single(args, 'location'),
      signingTime: new Date(),
      // Loaded only when asked for: the HTTP client is not part of every signature's start-up.
      timestamp: tsa ? async (cms: Uint8Array) => (await (await import('../node/tsa-client.js')).timestampSignature(cms, tsa)).cms : undefined,
      // PAdES B-LT: the chain and its revocation data into the document's /DSS (PDF only).
      longTerm: args.switches.has('lt')
        ? async (signed: ByteSource) => {
            const anchors = loadTrustStore(trustPaths(args.values.get('trust'), io.env)).anchors;
            return (await import('../node/long-term.js')).longTermValidationUpdate(signed, signer, io.env, anchors);
          }
        : undefined,
    };
    if (options.longTerm && format !== 'pdf') throw new UsageError('--lt applies to PDFs (PAdES B-LT)');
    if (format === 'pdf') await signPdfFile(source, out, signer, options);
    else if (format === 'asic' || /\.(asice|sce)$/i.test(out)) await signAsicFile(input, format === 'asic', out, signer, options);
    else await signCmsFile(source, out, signer, options);
  } finally {
    source.close();
  }
  io.err(`imzala: ${SIGNED[lang]}: ${out}`);
  return 0;
}
