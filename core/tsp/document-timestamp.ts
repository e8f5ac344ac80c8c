/**
 * Document timestamps (PAdES, ETSI EN 319 142-1 §5.4; PDF 2.0 /SubFilter /ETSI.RFC3161): the signature
 * dictionary's /Contents is the TimeStampToken itself, and its imprint is the digest of the /ByteRange.
 */
import type { HashAlgorithm } from '../crypto/hash.js';
import type { ByteSource } from '../io/byte-source.js';
import { hashRanges } from '../io/hash-ranges.js';

/** The /SubFilter of a document timestamp. */
export const DOCUMENT_TIMESTAMP_SUBFILTER = 'ETSI.RFC3161';

/**
 * The `imprintOf` of a document timestamp: the digest of the bytes the /ByteRange covers, streamed. The
 * ByteRange must already have passed the PDF checks (core/pdf/byte-range.ts): start at 0, inside the file.
 */
export function documentTimestampImprint(source: ByteSource, byteRange: readonly number[]): (hash: HashAlgorithm) => Promise<Uint8Array> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + 1 < byteRange.length; i += 2) ranges.push([byteRange[i]!, byteRange[i + 1]!]);
  return async (hash) => (await hashRanges(source, [{ algorithm: hash, ranges }]))[0]!;
}
