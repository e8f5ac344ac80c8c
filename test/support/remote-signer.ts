/**
 * What a token or a phone does with a digest: signs it as an already-hashed value, outside imzala's code (node:crypto
 * for RSA PKCS#1 v1.5 over DigestInfo, @noble/curves for ECDSA P-256 without a second hash). Tests of the
 * hash-signing paths use it as the signer's tool.
 */
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { HASH_OID_BY_ALGORITHM, type HashAlgorithm } from '../../core/crypto/hash.js';
import { octetString, oid, sequence, tlv } from '../../core/encoding/der-writer.js';

/** `privateKey`: PKCS#8 DER or PEM. ECDSA values come back as DER, or raw r||s with `p1363`. */
export function signDigest(privateKey: Uint8Array | string, digest: Uint8Array, hash: HashAlgorithm, options: { p1363?: boolean } = {}): Uint8Array {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType === 'rsa') {
    const digestInfo = sequence(sequence(oid(HASH_OID_BY_ALGORITHM[hash]), tlv(0x05)), octetString(digest));
    return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
  }
  const d = Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url');
  return p256.sign(digest, d, { prehash: false, format: options.p1363 ? 'compact' : 'der' });
}
