/** A file on disk as core's ByteSource: read on demand (in libuv's thread pool, so reads overlap hashing), never loaded whole. */
import { closeSync, fstatSync, openSync, read } from 'node:fs';
import type { ByteSource } from '../../core/io/byte-source.js';

export interface FileByteSource extends ByteSource {
  close(): void;
}

function readAt(fd: number, buf: Uint8Array, offset: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buf, offset, buf.length - offset, position, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

export function openFileByteSource(path: string): FileByteSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  let closed = false;
  const readInto = async (offset: number, target: Uint8Array): Promise<number> => {
    const start = Math.max(0, Math.min(offset, size));
    const want = Math.min(target.length, size - start);
    let got = 0;
    while (got < want) {
      const n = await readAt(fd, target.subarray(0, want), got, start + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  };
  return {
    size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, size));
      const want = Math.max(0, Math.min(length, size - start));
      // Not zero-filled: every byte handed out is one read from the file.
      const buf = new Uint8Array(Buffer.allocUnsafeSlow(want).buffer, 0, want);
      const got = await readInto(start, buf);
      return got === want ? buf : buf.subarray(0, got);
    },
    readInto,
    close() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}
