/**
 * Signing with a private key held in memory (PKCS#8, e.g. out of a .p12 file), through WebCrypto. Used by the
 * CLI (`imzala sign --p12`) and tests; tokens and phones sign elsewhere. Output is in CMS form (ECDSA as DER).
 * New signatures never use MD5 or SHA-1, nor RSA keys below 2048 bits.
 */
import { ImzalaError } from '../errors.js';
import { toArrayBuffer } from '../encoding/bytes.js';
import { encodingOf, TAG } from '../encoding/der-reader.js';
import { nullValue, oid, sequence, smallInteger } from '../encoding/der-writer.js';
import { HASH_SIZE, isWeakHash, type HashAlgorithm } from './hash.js';
import { childrenOf, expectTag, readAlgorithmIdentifierAt, readNonNegativeInteger, readOid, readWholeTlv } from './der-primitives.js';
import { ecdsaP1363ToDer } from './ecdsa-encoding.js';
import { namedCurveFromOid, type NamedCurve, type PublicKeyInfo } from './public-key.js';
import {
  ecdsaAlgorithm, parsePssParameters, rsaPkcs1Algorithm, rsaPssAlgorithm, SIGNATURE_OIDS, signatureAlgorithmProblem,
  type SignatureAlgorithm,
} from './signature-algorithms.js';
import { RECOMMENDED_RSA_BITS } from './verify-signature.js';

const WEBCRYPTO_NAME = { 'RSASSA-PKCS1-v1_5': 'RSASSA-PKCS1-v1_5', 'RSA-PSS': 'RSA-PSS', ECDSA: 'ECDSA' } as const;

function subtleCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) throw new ImzalaError('SIGNING_FAILED', 'WebCrypto is not available here', { reason: 'no crypto.subtle' });
  return subtle;
}

function mismatch(reason: string): ImzalaError {
  return new ImzalaError('KEY_ALGORITHM_MISMATCH', `the key cannot sign with this algorithm: ${reason}`, { reason });
}

function malformedKey(reason: string): ImzalaError {
  return new ImzalaError('MALFORMED_PRIVATE_KEY', `the private key cannot be read: ${reason}`, { reason });
}

/** Refuses algorithms that must not be used for new signatures or that WebCrypto cannot perform. */
function assertSignable(algorithm: SignatureAlgorithm): void {
  const problem = signatureAlgorithmProblem(algorithm);
  if (problem) throw new ImzalaError('UNSUPPORTED_ALGORITHM', `unsupported signature algorithm: ${problem}`, { reason: problem });
  if (isWeakHash(algorithm.hash)) {
    throw new ImzalaError('WEAK_ALGORITHM_REFUSED', `${algorithm.hash} is not used for new signatures`, { algorithm: algorithm.hash });
  }
  if (algorithm.hash === 'SHA-224') {
    throw new ImzalaError('UNSUPPORTED_ALGORITHM', 'SHA-224 is not available for signing (WebCrypto does not define it)', {
      reason: 'SHA-224 signing', algorithm: algorithm.hash,
    });
  }
  if (algorithm.pss && algorithm.pss.mgfHash !== algorithm.hash) {
    // WebCrypto's RSA-PSS always uses MGF1 with the message hash.
    throw new ImzalaError('UNSUPPORTED_ALGORITHM', 'RSASSA-PSS signing needs MGF1 with the message hash', {
      reason: 'MGF1 hash differs from the message hash', hash: algorithm.hash, mgfHash: algorithm.pss.mgfHash,
    });
  }
}

interface PrivateKeyInfo {
  algorithmOid: string;
  parameters?: Uint8Array;
  /** The privateKey OCTET STRING, whole encoding. */
  privateKey: Uint8Array;
}

/** PrivateKeyInfo / OneAsymmetricKey (RFC 5958 §2): version, privateKeyAlgorithm, privateKey, ... */
function readPrivateKeyInfo(pkcs8: Uint8Array): PrivateKeyInfo {
  try {
    const seq = expectTag(readWholeTlv(pkcs8), TAG.SEQUENCE, 'PrivateKeyInfo');
    // RSAPrivateKey has 9 fields; read a few more than PKCS#8's 5 to tell the two apart.
    const fields = childrenOf(pkcs8, seq, 10);
    const [version, algorithm, privateKey] = fields;
    if (version?.tag === TAG.SEQUENCE) throw malformedKey('the key is encrypted (EncryptedPrivateKeyInfo): decrypt it first');
    if (algorithm && algorithm.tag !== TAG.SEQUENCE) throw new RangeError('not PKCS#8 (a traditional PKCS#1 or SEC1 key?)');
    if (fields.length > 5) throw new RangeError('PrivateKeyInfo has more than 5 fields');
    const v = readNonNegativeInteger(pkcs8, version, 1, 'version');
    if (v > 1n) throw new RangeError(`unknown version ${v}`);
    const id = readAlgorithmIdentifierAt(pkcs8, algorithm, 'privateKeyAlgorithm');
    const key = expectTag(privateKey, TAG.OCTET_STRING, 'privateKey');
    if (key.end - key.contentStart === 0) throw new RangeError('empty privateKey');
    return { algorithmOid: id.oid, ...(id.parameters ? { parameters: id.parameters } : {}), privateKey: encodingOf(pkcs8, key) };
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw malformedKey((e as Error).message);
  }
}

/** A version 0 PrivateKeyInfo around an existing privateKey OCTET STRING. */
function privateKeyInfo(algorithm: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return sequence(smallInteger(0), algorithm, privateKey);
}

const RSA_ENCRYPTION_IDENTIFIER = sequence(oid(SIGNATURE_OIDS.rsaEncryption), nullValue());

/** Checks the key's type against the algorithm; returns what WebCrypto's importKey needs. */
function importPlan(info: PrivateKeyInfo, algorithm: SignatureAlgorithm): { der: Uint8Array; params: RsaHashedImportParams | EcKeyImportParams } {
  switch (info.algorithmOid) {
    case SIGNATURE_OIDS.rsaEncryption: {
      if (algorithm.scheme === 'ECDSA') throw mismatch('an RSA key cannot make ECDSA signatures');
      return { der: privateKeyInfo(RSA_ENCRYPTION_IDENTIFIER, info.privateKey), params: { name: WEBCRYPTO_NAME[algorithm.scheme], hash: algorithm.hash } };
    }
    case SIGNATURE_OIDS.rsassaPss: {
      if (algorithm.scheme !== 'RSA-PSS') throw mismatch('an RSASSA-PSS key may only make RSASSA-PSS signatures');
      if (info.parameters) {
        const { hash, pss } = parsePssParameters(info.parameters);
        const wanted = algorithm.pss!;
        if (hash !== algorithm.hash || pss.mgfHash !== wanted.mgfHash || wanted.saltLength < pss.saltLength) {
          throw mismatch(`the key requires ${hash}, MGF1 with ${pss.mgfHash} and a salt of at least ${pss.saltLength} bytes`);
        }
      }
      // WebCrypto (Node 20 at least) refuses the id-RSASSA-PSS OID; the RSAPrivateKey inside is the same
      // structure, so it is re-labelled rsaEncryption after the parameter check above.
      return { der: privateKeyInfo(RSA_ENCRYPTION_IDENTIFIER, info.privateKey), params: { name: 'RSA-PSS', hash: algorithm.hash } };
    }
    case SIGNATURE_OIDS.ecPublicKey: {
      if (algorithm.scheme !== 'ECDSA') throw mismatch(`an EC key cannot make ${algorithm.scheme} signatures`);
      let curve: NamedCurve | undefined;
      try {
        if (info.parameters?.[0] === TAG.OID) curve = namedCurveFromOid(readOid(info.parameters, readWholeTlv(info.parameters), 'namedCurve'));
      } catch (e) {
        throw malformedKey((e as Error).message);
      }
      if (!curve) throw new ImzalaError('UNSUPPORTED_ALGORITHM', 'the EC key is not on P-256, P-384 or P-521', { reason: 'curve' });
      return { der: privateKeyInfo(sequence(oid(SIGNATURE_OIDS.ecPublicKey), info.parameters!), info.privateKey), params: { name: 'ECDSA', namedCurve: curve } };
    }
    default:
      throw new ImzalaError('UNSUPPORTED_ALGORITHM', `unsupported private key algorithm ${info.algorithmOid}`, { reason: 'key algorithm', oid: info.algorithmOid });
  }
}

/**
 * Imports an unencrypted PKCS#8 private key for signing with `algorithm` (non-extractable).
 * @throws ImzalaError 'MALFORMED_PRIVATE_KEY' | 'KEY_ALGORITHM_MISMATCH' | 'UNSUPPORTED_ALGORITHM' |
 *   'WEAK_ALGORITHM_REFUSED' (MD5/SHA-1) | 'WEAK_KEY' (RSA below 2048 bits) | 'SIGNING_FAILED' (no WebCrypto)
 */
export async function importSigningKey(pkcs8: Uint8Array, algorithm: SignatureAlgorithm): Promise<CryptoKey> {
  assertSignable(algorithm);
  if (!(pkcs8 instanceof Uint8Array)) throw malformedKey('no key bytes');
  const plan = importPlan(readPrivateKeyInfo(pkcs8), algorithm);
  let key: CryptoKey;
  try {
    // Only the fields PKCS#8 v1 needs are passed on (attributes and v2 public keys are dropped).
    key = await subtleCrypto().importKey('pkcs8', toArrayBuffer(plan.der), plan.params, false, ['sign']);
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw malformedKey(`the key was refused: ${(e as Error).message}`);
  }
  const modulusLength = (key.algorithm as Partial<RsaHashedKeyAlgorithm>).modulusLength;
  if (modulusLength !== undefined && modulusLength < RECOMMENDED_RSA_BITS) {
    throw new ImzalaError('WEAK_KEY', `an RSA key of ${modulusLength} bits is not used for new signatures`, {
      bits: modulusLength, minimumBits: RECOMMENDED_RSA_BITS,
    });
  }
  return key;
}

/**
 * Signs `toBeSigned` (hashed by WebCrypto) and returns the signature value as CMS carries it
 * (RSA: k octets; ECDSA: DER Ecdsa-Sig-Value).
 * @throws ImzalaError 'KEY_ALGORITHM_MISMATCH' | 'UNSUPPORTED_ALGORITHM' | 'WEAK_ALGORITHM_REFUSED' | 'SIGNING_FAILED'
 */
export async function signWithKey(key: CryptoKey, algorithm: SignatureAlgorithm, toBeSigned: Uint8Array): Promise<Uint8Array> {
  assertSignable(algorithm);
  if (key.type !== 'private' || !key.usages.includes('sign')) throw mismatch('not a private signing key');
  if (key.algorithm.name !== WEBCRYPTO_NAME[algorithm.scheme]) throw mismatch(`the key was imported for ${key.algorithm.name}`);
  const keyHash = (key.algorithm as Partial<RsaHashedKeyAlgorithm>).hash?.name;
  if (keyHash !== undefined && keyHash !== algorithm.hash) throw mismatch(`the key was imported for ${keyHash}`);
  const params: AlgorithmIdentifier | RsaPssParams | EcdsaParams =
    algorithm.scheme === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: algorithm.pss!.saltLength }
      : algorithm.scheme === 'ECDSA' ? { name: 'ECDSA', hash: algorithm.hash }
        : { name: 'RSASSA-PKCS1-v1_5' };
  let signature: Uint8Array;
  try {
    signature = new Uint8Array(await subtleCrypto().sign(params, key, toArrayBuffer(toBeSigned)));
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw new ImzalaError('SIGNING_FAILED', 'the key did not sign', { reason: (e as Error).message });
  }
  return algorithm.scheme === 'ECDSA' ? ecdsaP1363ToDer(signature) : signature;
}

/**
 * The algorithm a new signature with this key uses when nothing else is asked for: RSA -> sha256WithRSAEncryption,
 * an RSASSA-PSS key -> PSS with the key's own parameters (else SHA-256), P-256 -> ecdsa-with-SHA256,
 * P-384 -> ecdsa-with-SHA384, P-521 -> ecdsa-with-SHA512.
 */
export function defaultSignatureAlgorithm(key: PublicKeyInfo): SignatureAlgorithm {
  switch (key.type) {
    case 'RSA':
      return rsaPkcs1Algorithm('SHA-256');
    case 'RSA-PSS': {
      const p = key.pssParams;
      if (!p) return rsaPssAlgorithm('SHA-256');
      // The key's saltLength is a minimum (RFC 4055 §3.1); the usual salt is as long as the hash.
      return rsaPssAlgorithm(p.hash, { mgfHash: p.mgfHash, saltLength: Math.max(p.saltLength, HASH_SIZE[p.hash]) });
    }
    case 'EC': {
      const byCurve: Record<NamedCurve, HashAlgorithm> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' };
      return ecdsaAlgorithm(byCurve[key.curve ?? 'P-256']);
    }
  }
}
