/**
 * Inflating through the platform's DecompressionStream (Node 18+, browsers), with a cap on the output: a few
 * kilobytes of deflate can expand to gigabytes, so output is counted as it arrives and the stream is cancelled as
 * soon as it passes the cap. One piece of code for PDF streams (zlib) and ZIP entries (raw deflate).
 */
import { concatBytes } from '../encoding/bytes.js';

export interface CappedInflate {
  /** complete: all input decoded; too-large: the output passed the cap; corrupt: the data was cut short or damaged. */
  status: 'complete' | 'too-large' | 'corrupt';
  /** What was decoded (before the damage, for 'corrupt'; nothing past the cap, for 'too-large'). */
  bytes: Uint8Array;
}

/** Input is fed in small pieces so that one piece cannot expand into much more than the cap before it is checked. */
const INPUT_PIECE = 4096;

export async function inflateWithCap(data: Uint8Array, format: 'deflate' | 'deflate-raw', maxOutput: number): Promise<CappedInflate> {
  const stream = new DecompressionStream(format);
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
  // Errors surface on the reader; the writer's promise is only awaited so that it is not left unhandled.
  writing.catch(() => undefined);
  const parts: Uint8Array[] = [];
  let total = 0;
  let status: CappedInflate['status'] = 'complete';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxOutput) {
        stop = true;
        status = 'too-large';
        await reader.cancel().catch(() => undefined);
        break;
      }
      parts.push(value);
    }
  } catch {
    stop = true;
    status = 'corrupt';
  }
  return { status, bytes: parts.length === 1 ? parts[0]! : concatBytes(...parts) };
}
