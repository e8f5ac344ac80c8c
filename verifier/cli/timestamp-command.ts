/** `imzala timestamp FILE --out FILE --tsa URL`: adds a document timestamp (PAdES B-LTA) to a PDF. */
import { createHasher } from '../../core/crypto/hash.js';
import { embedSignatureContents, forEachSignedChunk } from '../../core/pdf/prepare-signature.js';
import { prepareDocumentTimestamp } from '../../core/pdf/document-timestamp.js';
import { sniffFormat } from '../../core/validation/validate-document.js';
import { openFileByteSource } from '../node/file-byte-source.js';
import { writeSignedPdf } from '../node/sign-file.js';
import { obtainTimestampToken } from '../node/tsa-client.js';
import { parseArgs, single, UsageError } from './args.js';
import { cliLanguage } from './language.js';
import type { CliIo } from './io.js';

/** Room for the token: the TSA's certificates and its signature. */
const TOKEN_ROOM = 16 * 1024;

export async function timestampCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['out', 'tsa', 'lang'] });
  cliLanguage(single(args, 'lang'));
  const [input, ...extra] = args.positional;
  const out = single(args, 'out');
  const tsa = single(args, 'tsa') ?? io.env.IMZALA_TSA_URL;
  if (!input || extra.length || !out) throw new UsageError('usage: imzala timestamp FILE --out FILE --tsa URL');
  if (out === input) throw new UsageError('--out must not be the input file: the original is never rewritten');
  if (!tsa) throw new UsageError('imzala timestamp needs --tsa URL (or IMZALA_TSA_URL)');
  const source = openFileByteSource(input);
  try {
    if ((await sniffFormat(source)) !== 'pdf') throw new UsageError('imzala timestamp adds document timestamps to PDFs');
    await writeSignedPdf(source, out, async (onSourceChunk) => {
      const prepared = await prepareDocumentTimestamp(source, { placeholderSize: TOKEN_ROOM });
      const hasher = createHasher('SHA-256');
      await forEachSignedChunk(source, prepared, (chunk, fromSource) => {
        hasher.update(chunk);
        if (fromSource) onSourceChunk(chunk);
      });
      const { token } = await obtainTimestampToken(tsa, { imprint: hasher.digest(), hash: 'SHA-256' });
      return { update: embedSignatureContents(prepared, token), prepared };
    });
  } finally {
    source.close();
  }
  io.err(`imzala: ${out}`);
  return 0;
}
