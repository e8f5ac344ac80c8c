/**
 * Raw deflate (RFC 1951, ZIP method 8) through the platform's DecompressionStream, with the output held to the
 * size the central directory declares: a few kilobytes of deflate can expand to gigabytes, so output is counted
 * as it arrives and the stream is cancelled as soon as it passes the declared size.
 */
import { concatBytes } from '../encoding/bytes.js';

/** Input is fed in small pieces so that one piece cannot expand far past the cap before it is checked. */
const INPUT_PIECE = 4096;

export type InflateOutcome =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'corrupt' };

/** Inflates raw deflate data; never returns more than `maxOutput` bytes. */
export async function inflateRawCapped(data: Uint8Array, maxOutput: number): Promise<InflateOutcome> {
  const stream = new DecompressionStream('deflate-raw');
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
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxOutput) {
        stop = true;
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      parts.push(value);
    }
  } catch {
    stop = true;
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, bytes: parts.length === 1 ? parts[0]! : concatBytes(...parts) };
}

/** Raw deflate of the bytes through CompressionStream. */
export async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const writing = (async () => {
    await writer.write(data.slice());
    await writer.close();
  })();
  const parts: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  await writing;
  return concatBytes(...parts);
}
