/**
 * Signing a digest that is already hashed, as a SIM card, a token or a remote tool does: RSA PKCS#1 v1.5 over
 * DigestInfo(digest) (RFC 8017 §9.2; the private-key operation on the padded DigestInfo is exactly what privateEncrypt
 * with PKCS#1 padding computes), or ECDSA over the digest itself (@noble/curves with prehash off: WebCrypto only signs
 * whole messages). Used by the ASAN İmza simulator and by tests that play a signer's tool.
 */
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { HASH_OID_BY_ALGORITHM, type HashAlgorithm } from '../../core/crypto/hash.js';
import { nullValue, octetString, oid, sequence } from '../../core/encoding/der-writer.js';

/** ECDSA values as DER (CMS) or raw r||s (what tokens return). */
export type SignPreHashed = (digest: Uint8Array, algorithm: HashAlgorithm, format?: 'der' | 'p1363') => Uint8Array;

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

/** A signer of pre-hashed digests for a PKCS#8 key (DER or PEM); throws an Error naming why a key cannot be used. */
export function preHashedSigner(privateKey: Uint8Array | string): SignPreHashed {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType === 'rsa') {
    return (digest, algorithm) => {
      const digestInfo = sequence(sequence(oid(HASH_OID_BY_ALGORITHM[algorithm]), nullValue()), octetString(digest));
      return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
    };
  }
  const curveName = key.asymmetricKeyDetails?.namedCurve;
  const curve = curveName === 'prime256v1' ? CURVES['P-256'] : curveName === 'secp384r1' ? CURVES['P-384'] : curveName === 'secp521r1' ? CURVES['P-521'] : null;
  if (key.asymmetricKeyType === 'ec' && curve) {
    const scalar = new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).d ?? '', 'base64url'));
    return (digest, _algorithm, format = 'der') => curve.sign(digest, scalar, { prehash: false, format: format === 'p1363' ? 'compact' : 'der' });
  }
  throw new Error(`the key type is not supported (RSA, EC P-256/384/521): ${key.asymmetricKeyType}${curveName ? ` ${curveName}` : ''}`);
}
