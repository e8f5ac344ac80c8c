/**
 * Hashing for core. The default is @noble/hashes (pure JS, incremental, runs everywhere); a platform may
 * install a faster factory (the Node CLI installs node:crypto) with `useHasherFactory`. Hashing is
 * incremental so a 100 MB PDF's byte ranges are hashed as a stream, never held whole in memory.
 */
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';

export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface Hasher {
  update(chunk: Uint8Array): Hasher;
  digest(): Uint8Array;
  /** An independent hasher with the same state: inputs that share a prefix hash it once. */
  clone(): Hasher;
}

export type HasherFactory = (algorithm: HashAlgorithm) => Hasher;

/** Hash algorithms by OID (RFC 3279, RFC 5754, RFC 8017). */
export const HASH_ALGORITHM_OIDS: Readonly<Record<string, HashAlgorithm>> = {
  '1.2.840.113549.2.5': 'MD5',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export const HASH_OID_BY_ALGORITHM: Readonly<Record<HashAlgorithm, string>> = Object.fromEntries(
  Object.entries(HASH_ALGORITHM_OIDS).map(([oid, name]) => [name, oid]),
) as Record<HashAlgorithm, string>;

/** Digest sizes in bytes. */
export const HASH_SIZE: Readonly<Record<HashAlgorithm, number>> = {
  MD5: 16,
  'SHA-1': 20,
  'SHA-224': 28,
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

/** Algorithms that must not be used for new signatures and are reported as weak when verifying. */
export function isWeakHash(algorithm: HashAlgorithm): boolean {
  return algorithm === 'MD5' || algorithm === 'SHA-1';
}

const NOBLE = { MD5: md5, 'SHA-1': sha1, 'SHA-224': sha224, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };

type NobleHash = ReturnType<(typeof NOBLE)[HashAlgorithm]['create']>;

function wrapNoble(h: NobleHash): Hasher {
  const hasher: Hasher = {
    update(chunk) {
      h.update(chunk);
      return hasher;
    },
    digest: () => h.digest(),
    clone: () => wrapNoble(h.clone() as NobleHash),
  };
  return hasher;
}

function nobleHasher(algorithm: HashAlgorithm): Hasher {
  const impl = NOBLE[algorithm];
  if (!impl) throw new RangeError(`unsupported hash ${algorithm}`);
  return wrapNoble(impl.create());
}

let factory: HasherFactory = nobleHasher;

/** Installs a platform's hasher (e.g. node:crypto in the CLI). */
export function useHasherFactory(next: HasherFactory): void {
  factory = next;
}

export function createHasher(algorithm: HashAlgorithm): Hasher {
  return factory(algorithm);
}

/** One-shot digest. */
export function digest(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  return createHasher(algorithm).update(data).digest();
}
