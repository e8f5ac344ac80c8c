/** Raw deflate (RFC 1951, ZIP method 8): inflating capped at the declared size (core/io/inflate.ts), and deflating. */
import { concatBytes } from '../encoding/bytes.js';
import { inflateWithCap } from '../io/inflate.js';

export type InflateOutcome =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'corrupt' };

/** Inflates raw deflate data; never returns more than `maxOutput` bytes. */
export async function inflateRawCapped(data: Uint8Array, maxOutput: number): Promise<InflateOutcome> {
  const { status, bytes } = await inflateWithCap(data, 'deflate-raw', maxOutput);
  return status === 'complete' ? { ok: true, bytes } : { ok: false, reason: status };
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
