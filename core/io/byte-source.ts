/**
 * Random access to a document's bytes without holding them all: a file on disk (Node), a Blob (browser)
 * or a Uint8Array. PDF verification reads the structure it needs and streams the signed byte ranges.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads up to `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Optional: reads into `target` (as many bytes as fit, fewer only at the end) and returns the count. Lets
   * streaming reuse a few buffers instead of allocating one per chunk.
   */
  readInto?(offset: number, target: Uint8Array): Promise<number>;
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
 * A ByteSource over a Blob (a File the user chose, an attachment): only the slices asked for are read, so a large
 * document is never held whole. `onRead` reports the bytes read so far (a page's progress bar).
 */
export function blobSource(blob: Blob, onRead?: (bytesRead: number) => void): ByteSource {
  let total = 0;
  return {
    size: blob.size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, blob.size));
      const bytes = new Uint8Array(await blob.slice(start, Math.min(blob.size, start + Math.max(0, length))).arrayBuffer());
      total += bytes.length;
      onRead?.(total);
      return bytes;
    },
  };
}

/** Reads under way at once while `forEachChunk` works on a chunk: disk (or page cache) and hashing overlap. */
const READ_AHEAD = 2;

/**
 * Calls `onChunk` for every chunk of [offset, offset+length), in order, reading at most `chunkSize` at a time.
 * The next chunks are already being read while `onChunk` works on the current one, so reading and hashing
 * overlap. `onChunk` must not keep the chunk: with `readInto`, a few buffers are reused in turn.
 */
export async function forEachChunk(
  source: ByteSource,
  offset: number,
  length: number,
  onChunk: (chunk: Uint8Array) => void,
  chunkSize = 4 * 1024 * 1024,
): Promise<void> {
  const end = offset + length;
  const size = Math.min(chunkSize, Math.max(0, length));
  const ring = source.readInto ? Array.from({ length: READ_AHEAD + 1 }, () => new Uint8Array(size)) : [];
  let next = offset;
  let issued = 0;
  const issue = (): Promise<Uint8Array> => {
    const at = next;
    const n = Math.min(chunkSize, end - at);
    next += n;
    if (!source.readInto) return source.read(at, n);
    const buffer = ring[issued++ % ring.length]!.subarray(0, n);
    return source.readInto(at, buffer).then((got) => buffer.subarray(0, got));
  };
  const pending: Promise<Uint8Array>[] = [];
  while (pending.length < READ_AHEAD && next < end) pending.push(issue());
  try {
    while (pending.length) {
      const chunk = await pending.shift()!;
      if (chunk.length === 0) throw new RangeError('read past the end of the source');
      if (next < end) pending.push(issue());
      onChunk(chunk);
    }
  } catch (e) {
    // Let the reads already under way finish before the caller closes the source.
    await Promise.allSettled(pending);
    throw e;
  }
}
