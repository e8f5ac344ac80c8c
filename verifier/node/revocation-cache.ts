/**
 * A file cache of revocation data (CRLs and OCSP answers) under $IMZALA_DATA_DIR/cache/revocation, so that
 * repeated checks do not fetch again and offline checks can use what was fetched before. Each entry is two
 * files named by the SHA-256 of its address: `<hash>.der` (the bytes) and `<hash>.json` ({ url, expires }).
 * An entry past its `expires` (the data's nextUpdate) is not returned. The cache is never evidence by itself:
 * core checks cached bytes exactly like fetched ones.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RevocationCache } from '../../core/pki/revocation/revocation-data.js';
import { dataDir } from './config.js';

export interface FileRevocationCacheOptions {
  /** Default $IMZALA_DATA_DIR/cache/revocation. */
  dir?: string;
  /** The clock, for tests; default the current time. */
  now?: () => Date;
}

/** The default place of the cache. */
export function revocationCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'cache', 'revocation');
}

/** A RevocationCache on the file system. */
export function createFileRevocationCache(options: FileRevocationCacheOptions = {}): RevocationCache {
  const dir = options.dir ?? revocationCacheDir();
  const now = options.now ?? (() => new Date());
  const base = (url: string) => join(dir, createHash('sha256').update(url, 'utf8').digest('hex'));
  return {
    async get(url) {
      const path = base(url);
      let meta: { url?: unknown; expires?: unknown };
      try {
        meta = JSON.parse(await readFile(`${path}.json`, 'utf8')) as typeof meta;
      } catch {
        return undefined;
      }
      // A hash collision is out of reach, but a file edited by hand is not: the address must match.
      if (meta.url !== url || typeof meta.expires !== 'string') return undefined;
      const expires = Date.parse(meta.expires);
      if (!Number.isFinite(expires) || expires < now().getTime()) return undefined;
      try {
        return new Uint8Array(await readFile(`${path}.der`));
      } catch {
        return undefined;
      }
    },
    async set(url, bytes, expires) {
      await mkdir(dir, { recursive: true });
      const path = base(url);
      // Written under temporary names and renamed, so a reader never sees half a file.
      const suffix = `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
      await writeFile(`${path}.der${suffix}`, bytes);
      await writeFile(`${path}.json${suffix}`, JSON.stringify({ url, expires: expires.toISOString() }));
      await rename(`${path}.der${suffix}`, `${path}.der`);
      await rename(`${path}.json${suffix}`, `${path}.json`);
    },
  };
}

/** Removes every cached entry (for `imzala` maintenance and tests). */
export async function clearRevocationCache(dir: string = revocationCacheDir()): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
