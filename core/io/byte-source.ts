/**
 * Random access to a document's bytes without holding them all: a file on disk (Node), a Blob (browser)
 * or a Uint8Array. PDF verification reads the structure it needs and streams the signed byte ranges.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads up to `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A ByteSource over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.length));
      return bytes.subarray(start, Math.min(bytes.length, start + Math.max(0, length)));
    },
  };
}

/**
 * Calls `onChunk` for every chunk of [offset, offset+length), in order, reading at most `chunkSize` at a time.
 * The next chunk is already being read while `onChunk` works on the current one, so reading from disk and
 * hashing overlap. `onChunk` must not keep the chunk.
 */
export async function forEachChunk(
  source: ByteSource,
  offset: number,
  length: number,
  onChunk: (chunk: Uint8Array) => void,
  chunkSize = 4 * 1024 * 1024,
): Promise<void> {
  const end = offset + length;
  let at = offset;
  let pending = at < end ? source.read(at, Math.min(chunkSize, end - at)) : null;
  while (pending) {
    const chunk = await pending;
    if (chunk.length === 0) throw new RangeError('read past the end of the source');
    at += chunk.length;
    pending = at < end ? source.read(at, Math.min(chunkSize, end - at)) : null;
    try {
      onChunk(chunk);
    } catch (e) {
      // Let the read already under way finish before the caller closes the source.
      await pending?.catch(() => undefined);
      throw e;
    }
  }
}
