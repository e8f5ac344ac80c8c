/** node:crypto (OpenSSL) behind core's Hasher interface: several times faster than pure JS for large files. */
import { createHash } from 'node:crypto';
import { useHasherFactory, type HashAlgorithm, type Hasher } from '../../core/crypto/hash.js';

const NODE_NAMES: Record<HashAlgorithm, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export function nodeHasher(algorithm: HashAlgorithm): Hasher {
  const h = createHash(NODE_NAMES[algorithm]);
  const hasher: Hasher = {
    update(chunk) {
      h.update(chunk);
      return hasher;
    },
    digest: () => new Uint8Array(h.digest()),
  };
  return hasher;
}

/** Makes core hash with node:crypto in this process. */
export function installNodeHasher(): void {
  useHasherFactory(nodeHasher);
}
