/**
 * A DigestSigner from key material at hand (a PKCS#12 file's contents, a test key): the signature algorithm
 * follows the certificate's public key, the private key is imported into WebCrypto once and used for every
 * signature. Tokens and phones sign through their own DigestSigners; this one is for keys held in memory.
 */
import { subjectPublicKeyInfoOf } from '../cms/build-signed-data.js';
import type { DigestSigner } from '../cms/digest-signer.js';
import { defaultSignatureAlgorithm, importSigningKey, signWithKey } from '../crypto/key-signer.js';
import { describePublicKey } from '../crypto/public-key.js';

export interface KeyPairMaterial {
  /** DER of the signer's certificate. */
  certificate: Uint8Array;
  /** DER of the issuing CA certificates to embed (ICA first). */
  chain: readonly Uint8Array[];
  /** PKCS#8 DER of the private key. */
  privateKeyPkcs8: Uint8Array;
}

/** The public side of a signer: its certificate, chain, and the algorithm its key signs with by default. */
export function signerDescription(certificate: Uint8Array, chain: readonly Uint8Array[]): Omit<DigestSigner, 'sign'> {
  return { certificate, chain: [...chain], algorithm: defaultSignatureAlgorithm(describePublicKey(subjectPublicKeyInfoOf(certificate))) };
}

export async function keyPairSigner(material: KeyPairMaterial): Promise<DigestSigner> {
  const description = signerDescription(material.certificate, material.chain);
  const key = await importSigningKey(material.privateKeyPkcs8, description.algorithm);
  return { ...description, sign: ({ toBeSigned }) => signWithKey(key, description.algorithm, toBeSigned) };
}
