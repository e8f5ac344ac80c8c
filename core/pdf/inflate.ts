/** FlateDecode for PDF streams, capped (core/io/inflate.ts). */
import { ImzalaError } from '../errors.js';
import { inflateWithCap } from '../io/inflate.js';

export interface InflateResult {
  bytes: Uint8Array;
  /** False when the deflate data was cut short or damaged; `bytes` then holds what was decoded before that. */
  complete: boolean;
}

/** Inflates zlib (RFC 1950) data; throws PDF_STREAM_TOO_LARGE when the output would pass `maxOutput` bytes. */
export async function inflateCapped(data: Uint8Array, maxOutput: number): Promise<InflateResult> {
  const { status, bytes } = await inflateWithCap(data, 'deflate', maxOutput);
  if (status === 'too-large') {
    throw new ImzalaError('PDF_STREAM_TOO_LARGE', 'a compressed stream expands beyond the limit', { maxDecodedBytes: maxOutput });
  }
  return { bytes, complete: status === 'complete' };
}
