/**
 * Builds X.509 v3 certificates with pkijs + WebCrypto (no openssl at run time: `imzala pki demo` works
 * on a user's machine). The demo hierarchy uses it, and so do tests that need special certificates:
 * an untrusted root, odd key usages, RSA-PSS or ECDSA issuers, expired or not-yet-valid holders.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest } from '../../core/crypto/hash.js';
import { toArrayBuffer } from '../../core/encoding/bytes.js';
import { parseCertificate, readPrivateKeyInfo } from '../../core/keys/key-pair-match.js';
import { buildName, type NameAttribute } from './x509-name.js';
import { KEY_USAGE_BITS, type KeyUsageName } from '../../core/pki/extensions.js';

/** Extended key usages seen in the Azerbaijani profile and in tests. */
export const EXTENDED_KEY_USAGE_OIDS = {
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** Microsoft "Document Signing", present in SİMA certificates. */
  documentSigning: '1.3.6.1.4.1.311.10.3.12',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

export const ANY_POLICY_OID = '2.5.29.32.0';

const EXTENSION_OIDS = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;

const ACCESS_METHOD_OIDS = { ocsp: '1.3.6.1.5.5.7.48.1', caIssuers: '1.3.6.1.5.5.7.48.2' } as const;

export type SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** How the issuer signs: the hash, and for RSA issuers PKCS#1 v1.5 (default) or PSS. */
export interface SignatureSpec {
  hash?: SignatureHash;
  rsaPss?: boolean;
}

export type KeySpec =
  | { algorithm: 'RSA'; modulusLength?: number }
  | { algorithm: 'EC'; namedCurve?: 'P-256' | 'P-384' | 'P-521' };

/** A CA that signs: its certificate and its unencrypted PKCS#8 key, both DER. */
export interface Issuer {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

export interface CertificateSpec {
  subject: readonly NameAttribute[];
  /** The issuing CA; absent for a self-signed certificate. */
  issuer?: Issuer;
  /** The subject's key to generate (default RSA 2048) ... */
  key?: KeySpec;
  /** ... or an existing extractable key pair (a renewed certificate for the same key). */
  keyPair?: CryptoKeyPair;
  notBefore: Date;
  notAfter: Date;
  /** Default: 16 random bytes, positive. */
  serialNumber?: Uint8Array;
  signature?: SignatureSpec;
  /** Absent: no extension. `ca: false` writes an explicit CA:FALSE. Critical by default for CAs. */
  basicConstraints?: { ca: boolean; pathLength?: number; critical?: boolean };
  /** Critical by default. */
  keyUsage?: { usages: readonly KeyUsageName[]; critical?: boolean };
  /** EKU OIDs (see EXTENDED_KEY_USAGE_OIDS); non-critical. */
  extendedKeyUsage?: readonly string[];
  /** Policy OIDs, without qualifiers. */
  certificatePolicies?: readonly string[];
  subjectAltName?: { email?: readonly string[]; dns?: readonly string[]; uri?: readonly string[] };
  /** CRL distribution point URLs (one fullName each). */
  crlDistributionPoints?: readonly string[];
  authorityInfoAccess?: { caIssuers?: readonly string[]; ocsp?: readonly string[] };
  /** Default true. */
  subjectKeyIdentifier?: boolean;
  /** Default true: the issuer's SKI (the own SKI when self-signed). */
  authorityKeyIdentifier?: boolean;
  /** Anything else, already DER-encoded (e.g. an unknown critical extension for a negative test). */
  extraExtensions?: readonly { oid: string; critical: boolean; value: Uint8Array }[];
}

export interface IssuedCertificate {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  publicKeySpki: Uint8Array;
  keys: CryptoKeyPair;
}

const RSA_PUBLIC_EXPONENT = new Uint8Array([1, 0, 1]);

/** A fresh extractable signing key pair. */
export async function generateKeyPair(spec: KeySpec): Promise<CryptoKeyPair> {
  const algorithm =
    spec.algorithm === 'RSA'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: spec.modulusLength ?? 2048,
          publicExponent: RSA_PUBLIC_EXPONENT,
          hash: 'SHA-256',
        }
      : { name: 'ECDSA', namedCurve: spec.namedCurve ?? 'P-256' };
  return (await globalThis.crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** 'RSA-2048', 'EC-P-256': how the demo names a key. */
export function describeKeySpec(spec: KeySpec): string {
  return spec.algorithm === 'RSA' ? `RSA-${spec.modulusLength ?? 2048}` : `EC-${spec.namedCurve ?? 'P-256'}`;
}

/**
 * Imports a PKCS#8 key for signing with `signature`. pkijs signs RSA with the hash bound to the key, so
 * the key is imported per use rather than kept as one CryptoKey.
 */
export async function importSigningKey(pkcs8: Uint8Array, signature: SignatureSpec = {}): Promise<CryptoKey> {
  const hash = signature.hash ?? 'SHA-256';
  const { publicKey } = readPrivateKeyInfo(pkcs8);
  let algorithm: RsaHashedImportParams | EcKeyImportParams;
  if (publicKey.family === 'RSA') {
    algorithm = { name: signature.rsaPss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash };
  } else if (publicKey.family === 'EC') {
    algorithm = { name: 'ECDSA', namedCurve: publicKey.namedCurve! };
  } else {
    throw new RangeError(`pkijs cannot sign with a ${publicKey.family} key`);
  }
  return globalThis.crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), algorithm, false, ['sign']);
}

/** 16 random bytes read as a positive INTEGER with no leading zero byte (RFC 5280 4.1.2.2). */
export function randomSerialNumber(): Uint8Array {
  const serial = globalThis.crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5); whole seconds only. */
export function x509Time(date: Date): pkijs.Time {
  const value = new Date(Math.floor(date.getTime() / 1000) * 1000);
  const year = value.getUTCFullYear();
  return new pkijs.Time({ type: year >= 1950 && year < 2050 ? 0 : 1, value });
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes. */
export function keyIdentifier(spki: pkijs.PublicKeyInfo): Uint8Array {
  return digest('SHA-1', spki.subjectPublicKey.valueBlock.valueHexView);
}

/** The issuer-side key identifier: the certificate's SKI extension, or computed when it has none. */
export function subjectKeyIdentifierOf(certificate: pkijs.Certificate): Uint8Array {
  const extension = certificate.extensions?.find((e) => e.extnID === EXTENSION_OIDS.subjectKeyIdentifier);
  if (!extension) return keyIdentifier(certificate.subjectPublicKeyInfo);
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result;
  if (!(parsed instanceof asn1js.OctetString)) throw new RangeError('issuer has a malformed subjectKeyIdentifier');
  return parsed.valueBlock.valueHexView.slice();
}

function extension(extnID: string, critical: boolean, value: asn1js.AsnType | Uint8Array): pkijs.Extension {
  const der = value instanceof Uint8Array ? toArrayBuffer(value) : value.toBER(false);
  return new pkijs.Extension({ extnID, critical, extnValue: der });
}

/** The KeyUsage BIT STRING, DER: trailing zero bits dropped (X.690 11.2.2). */
function keyUsageBits(usages: readonly KeyUsageName[]): asn1js.BitString {
  // RFC 5280 §4.2.1.3 bit positions are the order of KEY_USAGE_BITS.
  const bits = usages.map((u) => KEY_USAGE_BITS.indexOf(u));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array((highest >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits: 7 - (highest & 7) });
}

const uriName = (uri: string) => new pkijs.GeneralName({ type: 6, value: uri });

function buildExtensions(spec: CertificateSpec, subjectKeyId: Uint8Array, authorityKeyId: Uint8Array): pkijs.Extension[] {
  const out: pkijs.Extension[] = [];
  if (spec.subjectKeyIdentifier ?? true) {
    out.push(extension(EXTENSION_OIDS.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(subjectKeyId) })));
  }
  if (spec.authorityKeyIdentifier ?? true) {
    const keyIdentifier = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: toArrayBuffer(authorityKeyId) });
    out.push(extension(EXTENSION_OIDS.authorityKeyIdentifier, false, new asn1js.Sequence({ value: [keyIdentifier] })));
  }
  if (spec.basicConstraints) {
    const { ca, pathLength, critical } = spec.basicConstraints;
    const value: asn1js.AsnType[] = [];
    // DER leaves out DEFAULT values: cA FALSE is an empty SEQUENCE.
    if (ca) value.push(new asn1js.Boolean({ value: true }));
    if (pathLength !== undefined) value.push(new asn1js.Integer({ value: pathLength }));
    out.push(extension(EXTENSION_OIDS.basicConstraints, critical ?? ca, new asn1js.Sequence({ value })));
  }
  if (spec.keyUsage && spec.keyUsage.usages.length > 0) {
    out.push(extension(EXTENSION_OIDS.keyUsage, spec.keyUsage.critical ?? true, keyUsageBits(spec.keyUsage.usages)));
  }
  if (spec.extendedKeyUsage?.length) {
    const purposes = spec.extendedKeyUsage.map((value) => new asn1js.ObjectIdentifier({ value }));
    out.push(extension(EXTENSION_OIDS.extKeyUsage, false, new asn1js.Sequence({ value: purposes })));
  }
  if (spec.certificatePolicies?.length) {
    const policies = spec.certificatePolicies.map(
      (value) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value })] }),
    );
    out.push(extension(EXTENSION_OIDS.certificatePolicies, false, new asn1js.Sequence({ value: policies })));
  }
  const san = spec.subjectAltName;
  if (san && (san.email?.length || san.dns?.length || san.uri?.length)) {
    const names = [
      ...(san.email ?? []).map((value) => new pkijs.GeneralName({ type: 1, value })),
      ...(san.dns ?? []).map((value) => new pkijs.GeneralName({ type: 2, value })),
      ...(san.uri ?? []).map(uriName),
    ];
    out.push(extension(EXTENSION_OIDS.subjectAltName, false, new pkijs.GeneralNames({ names }).toSchema()));
  }
  if (spec.crlDistributionPoints?.length) {
    // DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } }
    const points = spec.crlDistributionPoints.map(
      (url) =>
        new asn1js.Sequence({
          value: [
            new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 0 },
              value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [uriName(url).toSchema()] })],
            }),
          ],
        }),
    );
    out.push(extension(EXTENSION_OIDS.crlDistributionPoints, false, new asn1js.Sequence({ value: points })));
  }
  const aia = spec.authorityInfoAccess;
  if (aia && (aia.caIssuers?.length || aia.ocsp?.length)) {
    const accessDescription = (method: string, url: string) =>
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: method }), uriName(url).toSchema()] });
    const descriptions = [
      ...(aia.ocsp ?? []).map((url) => accessDescription(ACCESS_METHOD_OIDS.ocsp, url)),
      ...(aia.caIssuers ?? []).map((url) => accessDescription(ACCESS_METHOD_OIDS.caIssuers, url)),
    ];
    out.push(extension(EXTENSION_OIDS.authorityInfoAccess, false, new asn1js.Sequence({ value: descriptions })));
  }
  for (const extra of spec.extraExtensions ?? []) out.push(extension(extra.oid, extra.critical, extra.value));
  return out;
}

/**
 * Issues a certificate for `spec.subject`, signed by `spec.issuer` (or self-signed), and returns it
 * with the subject's key pair (PKCS#8 and SPKI DER, and the CryptoKeys).
 */
export async function issueCertificate(spec: CertificateSpec): Promise<IssuedCertificate> {
  const subtle = globalThis.crypto.subtle;
  const keys = spec.keyPair ?? (await generateKeyPair(spec.key ?? { algorithm: 'RSA' }));
  const privateKeyPkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  const publicKeySpki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(spec.serialNumber ?? randomSerialNumber()) });
  certificate.subject = buildName(spec.subject);
  const issuerCertificate = spec.issuer ? parseCertificate(spec.issuer.certificate, 'issuer certificate') : undefined;
  certificate.issuer = issuerCertificate ? issuerCertificate.subject : buildName(spec.subject);
  certificate.notBefore = x509Time(spec.notBefore);
  certificate.notAfter = x509Time(spec.notAfter);
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(publicKeySpki));

  const subjectKeyId = keyIdentifier(certificate.subjectPublicKeyInfo);
  const authorityKeyId = issuerCertificate ? subjectKeyIdentifierOf(issuerCertificate) : subjectKeyId;
  certificate.extensions = buildExtensions(spec, subjectKeyId, authorityKeyId);

  const signingKey = await importSigningKey(spec.issuer?.privateKeyPkcs8 ?? privateKeyPkcs8, spec.signature);
  await certificate.sign(signingKey, spec.signature?.hash ?? 'SHA-256');
  return {
    certificate: new Uint8Array(certificate.toSchema(true).toBER(false)),
    privateKeyPkcs8,
    publicKeySpki,
    keys,
  };
}
