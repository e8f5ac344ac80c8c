/**
 * Decoding the streams a reader of structure needs (cross-reference streams, object streams): FlateDecode with
 * predictors and ASCIIHexDecode. Content and image filters are never needed to find signatures.
 */
import { ImzalaError } from '../errors.js';
import { inflateCapped } from './inflate.js';
import { PdfDict, isInteger, type PdfObject } from './objects.js';
import { undoPredictor } from './predictors.js';

export interface DecodedStream {
  bytes: Uint8Array;
  /** False when compressed data ended early; the bytes decoded so far are returned. */
  complete: boolean;
}

function intParam(parms: PdfDict | null, key: string, fallback: number): number {
  const v: PdfObject = parms?.get(key) ?? null;
  return isInteger(v) ? v : fallback;
}

function decodeAsciiHex(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2) + 1);
  let n = 0;
  let high = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    let v = -1;
    if (c >= 0x30 && c <= 0x39) v = c - 0x30;
    else if (c >= 0x41 && c <= 0x46) v = c - 0x37;
    else if (c >= 0x61 && c <= 0x66) v = c - 0x57;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) continue;
    else throw new ImzalaError('PDF_STREAM_CORRUPT', 'invalid character in ASCIIHex data', {});
    if (high < 0) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high << 4;
  return out.subarray(0, n);
}

/**
 * Applies `filters` in order, each with its decode parameters (already resolved to dictionaries or null).
 * Output of every step is capped at `maxDecodedBytes` (PDF_STREAM_TOO_LARGE).
 */
export async function decodeStreamData(
  raw: Uint8Array,
  filters: readonly string[],
  parms: readonly (PdfDict | null)[],
  maxDecodedBytes: number,
): Promise<DecodedStream> {
  let bytes = raw;
  let complete = true;
  for (let i = 0; i < filters.length; i++) {
    const filter = filters[i]!;
    const p = parms[i] ?? null;
    if (filter === 'FlateDecode' || filter === 'Fl') {
      const inflated = await inflateCapped(bytes, maxDecodedBytes);
      complete &&= inflated.complete;
      bytes = undoPredictor(inflated.bytes, {
        predictor: intParam(p, 'Predictor', 1),
        colors: intParam(p, 'Colors', 1),
        bitsPerComponent: intParam(p, 'BitsPerComponent', 8),
        columns: intParam(p, 'Columns', 1),
      });
    } else if (filter === 'ASCIIHexDecode' || filter === 'AHx') {
      bytes = decodeAsciiHex(bytes);
    } else {
      throw new ImzalaError('PDF_UNSUPPORTED_FILTER', `stream filter ${filter} is not supported here`, { filter });
    }
    if (bytes.length > maxDecodedBytes) {
      throw new ImzalaError('PDF_STREAM_TOO_LARGE', 'a stream decodes beyond the limit', { maxDecodedBytes });
    }
  }
  return { bytes, complete };
}
