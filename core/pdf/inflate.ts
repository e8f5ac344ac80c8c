/**
 * FlateDecode through the platform's DecompressionStream (Node 18+, browsers), with a cap on the output: a few
 * kilobytes of deflate can expand to gigabytes, so output is counted as it arrives and the stream is cancelled as
 * soon as it passes the cap.
 */
import { ImzalaError } from '../errors.js';
import { concatBytes } from '../encoding/bytes.js';

export interface InflateResult {
  bytes: Uint8Array;
  /** False when the deflate data was cut short or damaged; `bytes` then holds what was decoded before that. */
  complete: boolean;
}

/** Input is fed in small pieces so that one piece cannot expand into much more than the cap before it is checked. */
const INPUT_PIECE = 4096;

/** Inflates zlib (RFC 1950) data; throws PDF_STREAM_TOO_LARGE when the output would pass `maxOutput` bytes. */
export async function inflateCapped(data: Uint8Array, maxOutput: number): Promise<InflateResult> {
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stop = false;
  const writing = (async () => {
    for (let i = 0; i < data.length && !stop; i += INPUT_PIECE) {
      await writer.ready;
      // A copy: the DOM typings want an ArrayBuffer-backed view, and a subarray of a shared buffer may not be one.
      await writer.write(data.slice(i, i + INPUT_PIECE));
    }
    if (!stop) await writer.close();
  })();
  // Errors surface on the reader; the writer's copy is only awaited so that it is not left unhandled.
  writing.catch(() => undefined);
  const parts: Uint8Array[] = [];
  let total = 0;
  let complete = true;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxOutput) {
        stop = true;
        await reader.cancel().catch(() => undefined);
        throw new ImzalaError('PDF_STREAM_TOO_LARGE', 'a compressed stream expands beyond the limit', {
          maxDecodedBytes: maxOutput,
        });
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    stop = true;
    complete = false;
  }
  return { bytes: parts.length === 1 ? parts[0]! : concatBytes(...parts), complete };
}
