/**
 * Does this certificate belong to this private key? Both sides are reduced to the public key itself
 * (RSA modulus and exponent, EC point, Ed25519 key) and compared; for EC the public point is computed
 * from the private scalar rather than taken from the optional copy inside the key file.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { bytesEqual, toArrayBuffer } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import { KEY_FILE_UNSUPPORTED_KEY } from './codes.js';
import {
  algorithmIdentifierOf,
  explicitContent,
  isContextTag,
  malformed,
  octetsOf,
  oidOf,
  parseBer,
  sequenceItems,
  smallIntegerOf,
  unsignedIntegerBytes,
} from './key-file-asn1.js';

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';

const CURVES = {
  '1.2.840.10045.3.1.7': { name: 'P-256', curve: p256, size: 32 },
  '1.3.132.0.34': { name: 'P-384', curve: p384, size: 48 },
  '1.3.132.0.35': { name: 'P-521', curve: p521, size: 66 },
} as const;
type CurveOid = keyof typeof CURVES;

/** A public key reduced to what identifies it. */
export interface PublicKeyFacts {
  /** 'RSA' (rsaEncryption and RSASSA-PSS keys alike), 'EC' or 'Ed25519'. */
  family: 'RSA' | 'EC' | 'Ed25519';
  /** For EC: 'P-256', 'P-384' or 'P-521'. */
  namedCurve?: string;
  /** RSA: [modulus, exponent] without sign padding; EC: [uncompressed point]; Ed25519: [32-byte key]. */
  material: Uint8Array[];
}

export interface PrivateKeyFacts {
  /** Algorithm OID of the PrivateKeyInfo. */
  algorithmOid: string;
  /** A readable name for messages: 'RSA-2048', 'EC-P-256', 'Ed25519'. */
  description: string;
  publicKey: PublicKeyFacts;
}

function unsupportedKey(algorithm: string): ImzalaError {
  return new ImzalaError(KEY_FILE_UNSUPPORTED_KEY, `unsupported private key type ${algorithm}`, { algorithm });
}

function curveOf(oid: string | undefined): (typeof CURVES)[CurveOid] {
  const entry = oid !== undefined && Object.hasOwn(CURVES, oid) ? CURVES[oid as CurveOid] : undefined;
  if (!entry) throw unsupportedKey(`EC curve ${oid ?? '(none)'}`);
  return entry;
}

/** Left-pads an EC scalar some encoders shortened (leading zero bytes dropped). */
function fixedLength(bytes: Uint8Array, size: number, structure: string): Uint8Array {
  if (bytes.length > size) throw malformed(structure, { reason: 'EC private key too long' });
  const out = new Uint8Array(size);
  out.set(bytes, size - bytes.length);
  return out;
}

/**
 * Reads a PKCS#8 PrivateKeyInfo (RFC 5208 / OneAsymmetricKey, RFC 5958) and computes its public key.
 * Throws KEY_FILE_MALFORMED for a broken key and KEY_FILE_UNSUPPORTED_KEY for other key types.
 */
export function readPrivateKeyInfo(pkcs8: Uint8Array): PrivateKeyFacts {
  const [versionNode, algorithmNode, keyNode] = sequenceItems(parseBer(pkcs8, 'PrivateKeyInfo'), 'PrivateKeyInfo', {
    min: 3,
    max: 5,
  });
  const version = smallIntegerOf(versionNode, 'PrivateKeyInfo version');
  if (version > 1) throw malformed('PrivateKeyInfo version', { version });
  const algorithm = algorithmIdentifierOf(algorithmNode, 'PrivateKeyInfo algorithm');
  const keyBytes = octetsOf(keyNode, 'PrivateKeyInfo privateKey');

  switch (algorithm.oid) {
    case OID_RSA:
    case OID_RSASSA_PSS: {
      const [, modulus, exponent] = sequenceItems(parseBer(keyBytes, 'RSAPrivateKey'), 'RSAPrivateKey', { min: 9 });
      const n = unsignedIntegerBytes(modulus, 'RSAPrivateKey modulus');
      const e = unsignedIntegerBytes(exponent, 'RSAPrivateKey publicExponent');
      return {
        algorithmOid: algorithm.oid,
        description: `RSA-${bitLength(n)}`,
        publicKey: { family: 'RSA', material: [n, e] },
      };
    }
    case OID_EC_PUBLIC_KEY: {
      const items = sequenceItems(parseBer(keyBytes, 'ECPrivateKey'), 'ECPrivateKey', { min: 2, max: 4 });
      const scalar = octetsOf(items[1], 'ECPrivateKey privateKey');
      // The curve is named in the AlgorithmIdentifier, or else inside ECPrivateKey as [0] parameters.
      const curveNode =
        algorithm.parameters instanceof asn1js.ObjectIdentifier
          ? algorithm.parameters
          : explicitContent(items.find((n) => isContextTag(n, 0)), 0, 'ECPrivateKey parameters');
      const { name, curve, size } = curveOf(oidOf(curveNode, 'EC namedCurve'));
      let point: Uint8Array;
      try {
        point = curve.getPublicKey(fixedLength(scalar, size, 'ECPrivateKey privateKey'), false);
      } catch {
        throw malformed('ECPrivateKey privateKey', { reason: 'not a valid scalar for the curve' });
      }
      const embedded = items.find((n) => isContextTag(n, 1));
      if (embedded) {
        const bitString = explicitContent(embedded, 1, 'ECPrivateKey publicKey');
        if (!(bitString instanceof asn1js.BitString)) throw malformed('ECPrivateKey publicKey');
        // A key file whose stored public key disagrees with its private key has been tampered with.
        if (!bytesEqual(normalisePoint(curve, bitString.valueBlock.valueHexView, 'ECPrivateKey publicKey'), point)) {
          throw malformed('ECPrivateKey publicKey', { reason: 'does not match the private key' });
        }
      }
      return {
        algorithmOid: algorithm.oid,
        description: `EC-${name}`,
        publicKey: { family: 'EC', namedCurve: name, material: [point] },
      };
    }
    case OID_ED25519: {
      const seed = octetsOf(parseBer(keyBytes, 'Ed25519 CurvePrivateKey'), 'Ed25519 CurvePrivateKey');
      if (seed.length !== 32) throw malformed('Ed25519 CurvePrivateKey', { reason: 'not 32 bytes' });
      return {
        algorithmOid: algorithm.oid,
        description: 'Ed25519',
        publicKey: { family: 'Ed25519', material: [ed25519.getPublicKey(seed)] },
      };
    }
    default:
      throw unsupportedKey(algorithm.oid);
  }
}

function bitLength(unsigned: Uint8Array): number {
  if (unsigned.length === 0) return 0;
  return (unsigned.length - 1) * 8 + (32 - Math.clz32(unsigned[0]!));
}

function normalisePoint(curve: (typeof CURVES)[CurveOid]['curve'], bytes: Uint8Array, structure: string): Uint8Array {
  try {
    return curve.Point.fromBytes(bytes).toBytes(false);
  } catch {
    throw malformed(structure, { reason: 'not a point on the curve' });
  }
}

/**
 * The public key of a certificate, or undefined for key types this module does not handle (such a
 * certificate simply cannot match a supported private key).
 */
export function certificatePublicKey(certificate: pkijs.Certificate): PublicKeyFacts | undefined {
  const spki = certificate.subjectPublicKeyInfo;
  const keyBits = spki.subjectPublicKey.valueBlock.valueHexView;
  switch (spki.algorithm.algorithmId) {
    case OID_RSA:
    case OID_RSASSA_PSS: {
      const [n, e] = sequenceItems(parseBer(keyBits, 'RSAPublicKey'), 'RSAPublicKey', { min: 2, max: 2 });
      return {
        family: 'RSA',
        material: [unsignedIntegerBytes(n, 'RSAPublicKey modulus'), unsignedIntegerBytes(e, 'RSAPublicKey exponent')],
      };
    }
    case OID_EC_PUBLIC_KEY: {
      const params = spki.algorithm.algorithmParams;
      const oid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : undefined;
      if (oid === undefined || !Object.hasOwn(CURVES, oid)) return undefined;
      const { name, curve } = CURVES[oid as CurveOid];
      return { family: 'EC', namedCurve: name, material: [normalisePoint(curve, keyBits, 'certificate EC key')] };
    }
    case OID_ED25519:
      return { family: 'Ed25519', material: [keyBits.slice()] };
    default:
      return undefined;
  }
}

export function samePublicKey(a: PublicKeyFacts, b: PublicKeyFacts | undefined): boolean {
  return (
    !!b &&
    a.family === b.family &&
    a.namedCurve === b.namedCurve &&
    a.material.length === b.material.length &&
    a.material.every((part, i) => bytesEqual(part, b.material[i]!))
  );
}

/** Parses a DER certificate, naming the failure KEY_FILE_MALFORMED. */
export function parseCertificate(der: Uint8Array, structure = 'certificate'): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw malformed(structure, { reason: String(cause) });
  }
}
