/** node:crypto (OpenSSL) behind core's Hasher interface: several times faster than pure JS for large files. */
import { createHash, type Hash } from 'node:crypto';
import { useHasherFactory, type HashAlgorithm, type Hasher } from '../../core/crypto/hash.js';

const NODE_NAMES: Record<HashAlgorithm, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function wrap(h: Hash): Hasher {
  const hasher: Hasher = {
    update(chunk) {
      h.update(chunk);
      return hasher;
    },
    digest: () => new Uint8Array(h.digest()),
    clone: () => wrap(h.copy()),
  };
  return hasher;
}

export function nodeHasher(algorithm: HashAlgorithm): Hasher {
  return wrap(createHash(NODE_NAMES[algorithm]));
}

/** Makes core hash with node:crypto in this process. */
export function installNodeHasher(): void {
  useHasherFactory(nodeHasher);
}
