/**
 * What a token or a phone does with a digest: signs it as an already-hashed value, outside imzala's signing code
 * (verifier/node/pre-hashed-signer.ts: node:crypto for RSA, @noble/curves for ECDSA). Tests of the hash-signing paths
 * use it as the signer's tool.
 */
import type { HashAlgorithm } from '../../core/crypto/hash.js';
import { preHashedSigner } from '../../verifier/node/pre-hashed-signer.js';

/** `privateKey`: PKCS#8 DER or PEM. ECDSA values come back as DER, or raw r||s with `p1363`. */
export function signDigest(privateKey: Uint8Array | string, digest: Uint8Array, hash: HashAlgorithm, options: { p1363?: boolean } = {}): Uint8Array {
  return preHashedSigner(privateKey)(digest, hash, options.p1363 ? 'p1363' : 'der');
}
