/**
 * Whatever holds the private key: a USB token (PKCS#11), a phone (ASAN İmza, SİMA), or a key file.
 * The engine never needs the key: it hands over the digest of the CMS signed attributes and gets the
 * signature value back.
 */
import type { SignatureAlgorithm } from '../crypto/signature-algorithms.js';

export interface DigestSignerInput {
  /** hash(toBeSigned) with `algorithm.hash`: what a token or a phone signs as a pre-hashed value. */
  digest: Uint8Array;
  /** The DER of the signed attributes. Key-file signers may sign this directly (WebCrypto hashes itself). */
  toBeSigned: Uint8Array;
}

export interface DigestSigner {
  /** The signer's certificate, DER. */
  certificate: Uint8Array;
  /** Issuer certificates to embed (DER), nearest first; the trust anchor may be left out. */
  chain?: Uint8Array[];
  /** How the signature value is made: RSA PKCS#1 v1.5, RSA-PSS or ECDSA with SHA-256/384/512. */
  algorithm: SignatureAlgorithm;
  /** ECDSA values as DER (CMS form, default) or raw r||s as tokens return them. */
  signatureFormat?: 'der' | 'p1363';
  sign(input: DigestSignerInput): Promise<Uint8Array>;
}
