/**
 * Files stored once by SHA-256: `<dir>/<first two hex digits>/<sha256>`. A file is written to a temporary name,
 * fsync'ed and renamed into place, so a name in the store always holds all of its bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ImzalaError } from '../../core/errors.js';
import { syncPath } from './durable-file.js';
import type { StoredFile } from './repository.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Above the 100 MB per process, with room for the signatures added to a signed PDF. */
export const DEFAULT_MAX_FILE_BYTES = 128 * 1024 * 1024;

function checkSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) {
    throw new ImzalaError('STORE_INVALID_HASH', `invalid SHA-256: ${sha256.slice(0, 80)}`, { hash: sha256.slice(0, 80) });
  }
}

export class BlobStore {
  constructor(readonly dir: string) {}

  #path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(source: Uint8Array | AsyncIterable<Uint8Array>, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<StoredFile> {
    const temp = join(this.dir, `.upload-${randomBytes(12).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(temp, 'wx');
    try {
      const chunks = source instanceof Uint8Array ? [source] : source;
      for await (const chunk of chunks) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          throw new ImzalaError('STORE_FILE_TOO_LARGE', `file larger than ${maxBytes} bytes`, { limit: maxBytes });
        }
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (e) {
      await handle.close();
      await unlink(temp);
      throw e;
    }
    await handle.close();
    const sha256 = hash.digest('hex');
    const target = this.#path(sha256);
    if (await this.has(sha256)) {
      // Stored once: the same bytes are already there under their hash.
      await unlink(temp);
      return { sha256, size };
    }
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    await rename(temp, target);
    await syncPath(join(this.dir, sha256.slice(0, 2)));
    return { sha256, size };
  }

  async has(sha256: string): Promise<boolean> {
    checkSha256(sha256);
    try {
      return (await stat(this.#path(sha256))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  async path(sha256: string): Promise<string | undefined> {
    return (await this.has(sha256)) ? this.#path(sha256) : undefined;
  }

  async read(sha256: string): Promise<Uint8Array> {
    checkSha256(sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(this.#path(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ImzalaError('STORE_FILE_NOT_FOUND', `file ${sha256} not stored`, { sha256 });
      }
      throw e;
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      throw new ImzalaError('STORE_FILE_CORRUPT', `stored file ${sha256} hashes to ${actual}`, { sha256, actual });
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
