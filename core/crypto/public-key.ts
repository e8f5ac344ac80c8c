/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) read strictly: RSA (RFC 3279 §2.3.1), RSASSA-PSS keys with optional
 * parameter restrictions (RFC 4055 §1.2, §3.1) and EC keys on the named curves P-256, P-384 and P-521 (RFC 5480).
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ImzalaError } from '../errors.js';
import { contentOf, TAG } from '../encoding/der-reader.js';
import type { HashAlgorithm } from './hash.js';
import { childrenOf, expectTag, isDerNull, readAlgorithmIdentifierAt, readNonNegativeInteger, readOid, readWholeTlv } from './der-primitives.js';
import { parsePssParameters, SIGNATURE_OIDS, type PssParameters } from './signature-algorithms.js';

export type NamedCurve = 'P-256' | 'P-384' | 'P-521';

/** Restrictions an id-RSASSA-PSS key places on its signatures (RFC 4055 §3.1): saltLength is a minimum. */
export interface PssKeyParameters extends PssParameters {
  hash: HashAlgorithm;
}

export interface PublicKeyInfo {
  type: 'RSA' | 'RSA-PSS' | 'EC';
  /** Modulus length (RSA) or curve size (EC) in bits. */
  bits: number;
  curve?: NamedCurve;
  /** Present when an id-RSASSA-PSS key carries parameters; absent parameters allow any PSS signature. */
  pssParams?: PssKeyParameters;
}

export interface RsaPublicKey {
  modulus: bigint;
  publicExponent: bigint;
}

/** A public key read out of its SPKI, ready for the verifier. */
export interface ParsedPublicKey {
  info: PublicKeyInfo;
  rsa?: RsaPublicKey;
  /** Uncompressed SEC1 point (04 || x || y), already checked to lie on the curve. */
  ecPoint?: Uint8Array;
}

/** Largest RSA modulus imzala works with: bounds the cost of the public operation on hostile keys. */
export const MAX_RSA_BITS = 16384;
/** FIPS 186-5 caps e below 2^256; a larger exponent only costs time. */
const MAX_RSA_EXPONENT_BITS = 256;

export const CURVES = {
  'P-256': { oid: '1.2.840.10045.3.1.7', noble: p256, bytes: 32, bits: 256 },
  'P-384': { oid: '1.3.132.0.34', noble: p384, bytes: 48, bits: 384 },
  'P-521': { oid: '1.3.132.0.35', noble: p521, bytes: 66, bits: 521 },
} as const;

const CURVE_BY_OID: Readonly<Record<string, NamedCurve>> = Object.fromEntries(
  (Object.keys(CURVES) as NamedCurve[]).map((name) => [CURVES[name].oid, name]),
);

/** The named curve of an RFC 5480 namedCurve OID, if imzala supports it. */
export function namedCurveFromOid(oid: string): NamedCurve | undefined {
  return Object.hasOwn(CURVE_BY_OID, oid) ? CURVE_BY_OID[oid] : undefined;
}

function malformed(reason: string): ImzalaError {
  return new ImzalaError('MALFORMED_PUBLIC_KEY', `malformed public key: ${reason}`, { reason });
}

function unsupported(reason: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError('UNSUPPORTED_ALGORITHM', `unsupported public key: ${reason}`, { reason, ...details });
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** subjectPublicKey BIT STRING content without the unused-bits octet, which must be 0 for keys. */
function keyBits(bitString: Uint8Array): Uint8Array {
  if (bitString.length < 2 || bitString[0] !== 0) throw malformed('subjectPublicKey BIT STRING has unused bits or is empty');
  return bitString.subarray(1);
}

function parseRsaPublicKey(bytes: Uint8Array): RsaPublicKey {
  // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
  const seq = readWholeTlv(bytes);
  expectTag(seq, TAG.SEQUENCE, 'RSAPublicKey');
  const [n, e, ...rest] = childrenOf(bytes, seq, 2);
  if (rest.length) throw new RangeError('RSAPublicKey has extra elements');
  let modulus: bigint;
  try {
    modulus = readNonNegativeInteger(bytes, n, MAX_RSA_BITS / 8, 'modulus');
  } catch (error) {
    if (error instanceof RangeError && /longer than/.test(error.message)) {
      throw unsupported(`RSA modulus above ${MAX_RSA_BITS} bits`);
    }
    throw error;
  }
  const publicExponent = readNonNegativeInteger(bytes, e, MAX_RSA_BITS / 8, 'publicExponent');
  if (modulus % 2n === 0n || modulus < 3n) throw malformed('RSA modulus is not an odd number above 2');
  if (publicExponent < 3n || publicExponent % 2n === 0n) throw malformed('RSA public exponent is not an odd number >= 3');
  if (bitLength(publicExponent) > MAX_RSA_EXPONENT_BITS) throw unsupported(`RSA public exponent above 2^${MAX_RSA_EXPONENT_BITS}`);
  if (publicExponent >= modulus) throw malformed('RSA public exponent is not below the modulus');
  return { modulus, publicExponent };
}

function parseEcPoint(curve: NamedCurve, encoded: Uint8Array): Uint8Array {
  const spec = CURVES[curve];
  const size = spec.bytes;
  // SEC1 §2.3.3: uncompressed 04||x||y or compressed 02/03||x; no hybrid forms, no point at infinity.
  const fits = (encoded[0] === 0x04 && encoded.length === 1 + 2 * size) || ((encoded[0] === 0x02 || encoded[0] === 0x03) && encoded.length === 1 + size);
  if (!fits) throw malformed(`EC point encoding does not fit ${curve}`);
  try {
    const point = spec.noble.Point.fromBytes(encoded);
    point.assertValidity();
    return point.toBytes(false);
  } catch {
    throw malformed(`EC point is not on ${curve}`);
  }
}

/**
 * Reads a DER SubjectPublicKeyInfo.
 * @throws ImzalaError('MALFORMED_PUBLIC_KEY') for bytes that are not a valid key,
 *   ImzalaError('UNSUPPORTED_ALGORITHM') for keys imzala does not verify with (DSA, Ed25519, other curves, ...).
 */
export function parsePublicKey(spki: Uint8Array): ParsedPublicKey {
  try {
    const seq = readWholeTlv(spki);
    expectTag(seq, TAG.SEQUENCE, 'SubjectPublicKeyInfo');
    const [algorithmTlv, keyTlv, ...rest] = childrenOf(spki, seq, 2);
    if (rest.length) throw new RangeError('SubjectPublicKeyInfo has extra elements');
    const algorithm = readAlgorithmIdentifierAt(spki, algorithmTlv, 'SubjectPublicKeyInfo.algorithm');
    const key = keyBits(contentOf(spki, expectTag(keyTlv, TAG.BIT_STRING, 'subjectPublicKey')));

    if (algorithm.oid === SIGNATURE_OIDS.rsaEncryption) {
      // RFC 3279 §2.3.1 says NULL; some encoders leave the parameters out.
      if (algorithm.parameters && !isDerNull(algorithm.parameters)) throw malformed('rsaEncryption parameters must be NULL');
      const rsa = parseRsaPublicKey(key);
      return { info: { type: 'RSA', bits: bitLength(rsa.modulus) }, rsa };
    }
    if (algorithm.oid === SIGNATURE_OIDS.rsassaPss) {
      const rsa = parseRsaPublicKey(key);
      const info: PublicKeyInfo = { type: 'RSA-PSS', bits: bitLength(rsa.modulus) };
      // RFC 4055 §1.2: absent parameters mean "any PSS parameters"; present ones bind every signature.
      if (algorithm.parameters) {
        const { hash, pss } = parsePssParameters(algorithm.parameters);
        info.pssParams = { hash, ...pss };
      }
      return { info, rsa };
    }
    if (algorithm.oid === SIGNATURE_OIDS.ecPublicKey) {
      // RFC 5480 §2.1.1: namedCurve only; implicit and specified curves are refused.
      if (!algorithm.parameters || algorithm.parameters[0] !== TAG.OID) throw unsupported('EC key without a named curve');
      const curveOid = readOid(algorithm.parameters, readWholeTlv(algorithm.parameters), 'namedCurve');
      const curve = namedCurveFromOid(curveOid);
      if (!curve) throw unsupported(`curve ${curveOid}`, { oid: curveOid });
      const ecPoint = parseEcPoint(curve, key);
      return { info: { type: 'EC', bits: CURVES[curve].bits, curve }, ecPoint };
    }
    throw unsupported(`key algorithm ${algorithm.oid}`, { oid: algorithm.oid });
  } catch (e) {
    if (e instanceof ImzalaError) {
      // PSS parameter problems inside a key make the key unusable: report them as such.
      if (e.code === 'UNSUPPORTED_ALGORITHM' && String(e.details.reason ?? '').startsWith('malformed RSASSA-PSS')) {
        throw malformed(String(e.details.reason));
      }
      throw e;
    }
    throw malformed((e as Error).message);
  }
}

/**
 * What a SubjectPublicKeyInfo holds: key type, size, curve, and the PSS restrictions of an id-RSASSA-PSS key.
 * @throws ImzalaError('MALFORMED_PUBLIC_KEY' | 'UNSUPPORTED_ALGORITHM')
 */
export function describePublicKey(spki: Uint8Array): PublicKeyInfo {
  return parsePublicKey(spki).info;
}
