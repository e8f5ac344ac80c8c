import { describe, expect, it } from 'vitest';
import { bytesSource, forEachChunk, type ByteSource } from './byte-source.js';

/** A source that answers reads out of order (random delays) and supports readInto, like a file. */
function slowSource(data: Uint8Array): ByteSource {
  const inner = bytesSource(data);
  const later = () => new Promise((r) => setTimeout(r, Math.random() * 3));
  return {
    size: data.length,
    read: async (o, n) => (await later(), inner.read(o, n)),
    readInto: async (o, target) => {
      await later();
      const part = await inner.read(o, target.length);
      target.set(part);
      return part.length;
    },
  };
}

describe('forEachChunk', () => {
  it.each([1, 7, 64, 1000, 5000])('delivers every byte once, in order, with reused buffers (chunk %i)', async (chunkSize) => {
    const data = Uint8Array.from({ length: 4099 }, (_, i) => (i * 13) & 0xff);
    const seen: number[] = [];
    await forEachChunk(slowSource(data), 3, 4000, (c) => seen.push(...c), chunkSize);
    expect(Uint8Array.from(seen)).toEqual(data.subarray(3, 4003));
  });

  it('waits for the reads under way before passing on an error from onChunk', async () => {
    let inFlight = 0;
    const src = slowSource(new Uint8Array(100));
    const counting: ByteSource = { ...src, readInto: async (o, t) => (inFlight++, await src.readInto!(o, t).finally(() => inFlight--)) };
    await expect(forEachChunk(counting, 0, 100, () => { throw new Error('stop'); }, 10)).rejects.toThrow('stop');
    expect(inFlight).toBe(0);
  });
});
