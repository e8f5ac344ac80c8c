/**
 * An X.509 certificate (RFC 5280 §4) read strictly from DER, with the exact bytes that are signed and hashed
 * kept as they came, the extensions imzala acts on decoded, and the Azerbaijani identity of its subject.
 */
import { encodingOf, type Tlv, TAG } from '../encoding/der-reader.js';
import { bytesEqual } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { digest } from '../crypto/hash.js';
import { readAlgorithmIdentifierAt, readWholeTlv } from '../crypto/der-primitives.js';
import type { AlgorithmIdentifierDer } from '../crypto/signature-algorithms.js';
import { ImzalaError } from '../errors.js';
import { readAzIdentity, type AzIdentity } from './az-identity.js';
import { childrenWithTag, integerContent, readBitString, readOctetAlignedBitString, readSmallInteger, readTime, serialHexOf } from './der-values.js';
import {
  ACCESS_METHOD_OIDS, decodeExtension, EXTENSION_OIDS, readAuthorityKeyIdentifier, readBasicConstraints,
  readCertificatePolicies, readCrlDistributionPoints, readExtendedKeyUsage, readExtensions, readInfoAccess,
  readInhibitAnyPolicy, readKeyUsage, readPolicyConstraints, readPolicyMappings, readSubjectKeyIdentifier, urisOf,
  type AuthorityKeyIdentifier, type BasicConstraints, type Extension, type KeyUsageName, type PolicyConstraints,
  type PolicyMapping,
} from './extensions.js';
import { readGeneralNames, type GeneralName } from './general-name.js';
import { ATTRIBUTE_OIDS, DistinguishedName, namesMatch } from './name.js';
import { readNameConstraints, type NameConstraints } from './name-constraints.js';

/** Largest certificate accepted: real ones are a few kilobytes; this bounds the work on hostile input. */
export const MAX_CERTIFICATE_SIZE = 256 * 1024;

/** Extensions imzala understands, so that a critical one is not "unknown" (RFC 5280 §4.2). */
export const KNOWN_CERTIFICATE_EXTENSIONS: ReadonlySet<string> = new Set([
  EXTENSION_OIDS.subjectKeyIdentifier,
  EXTENSION_OIDS.authorityKeyIdentifier,
  EXTENSION_OIDS.keyUsage,
  EXTENSION_OIDS.extKeyUsage,
  EXTENSION_OIDS.basicConstraints,
  EXTENSION_OIDS.subjectAltName,
  EXTENSION_OIDS.issuerAltName,
  EXTENSION_OIDS.nameConstraints,
  EXTENSION_OIDS.certificatePolicies,
  EXTENSION_OIDS.policyConstraints,
  EXTENSION_OIDS.policyMappings,
  EXTENSION_OIDS.inhibitAnyPolicy,
  EXTENSION_OIDS.crlDistributionPoints,
  EXTENSION_OIDS.freshestCrl,
  EXTENSION_OIDS.authorityInfoAccess,
  EXTENSION_OIDS.subjectInfoAccess,
]);

function malformed(reason: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError('CERTIFICATE_MALFORMED', `the certificate cannot be read: ${reason}`, { reason, ...details });
}

/** A parsed certificate. Build one with `Certificate.fromDer`. */
export class Certificate {
  /** The whole certificate, exactly as given. */
  readonly der: Uint8Array;
  /** TBSCertificate bytes exactly as in the input: what the issuer signed. */
  readonly tbs: Uint8Array;
  /** SHA-256 of the DER, lower-case hex: the certificate's fingerprint. */
  readonly sha256: string;
  /** 1, 2 or 3. */
  readonly version: number;
  /** Serial number as hex (content octets without the sign-only leading zero), lower case. */
  readonly serialNumberHex: string;
  /** The serial number INTEGER's content octets exactly as encoded (for CMS IssuerAndSerialNumber). */
  readonly serialNumber: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifierDer;
  readonly signatureValue: Uint8Array;
  readonly extensions: readonly Extension[];
  readonly subjectKeyIdentifier?: Uint8Array;
  readonly authorityKeyIdentifier?: AuthorityKeyIdentifier;
  readonly basicConstraints?: BasicConstraints;
  readonly keyUsage?: ReadonlySet<KeyUsageName>;
  readonly extendedKeyUsage?: readonly string[];
  /** certificatePolicies OIDs; empty when the extension is absent. */
  readonly certificatePolicies: readonly string[];
  readonly policyConstraints?: PolicyConstraints;
  readonly policyMappings?: readonly PolicyMapping[];
  readonly inhibitAnyPolicy?: number;
  /** subjectAltName entries; empty when the extension is absent. */
  readonly subjectAltNames: readonly GeneralName[];
  readonly nameConstraints?: NameConstraints;
  /** URIs of the CRL distribution points (fullName). */
  readonly crlDistributionPoints: readonly string[];
  readonly ocspUrls: readonly string[];
  readonly caIssuersUrls: readonly string[];
  /** Issuer and subject names match (RFC 5280 §6.1: self-issued). */
  readonly isSelfIssued: boolean;
  readonly identity: AzIdentity;

  private constructor(der: Uint8Array) {
    this.der = der;
    const certificate = readWholeTlv(der);
    const [tbsTlv, algorithmTlv, signatureTlv, ...extra] = childrenWithTag(der, certificate, TAG.SEQUENCE, 'Certificate', 3);
    if (!signatureTlv || extra.length) throw new RangeError('Certificate must hold tbsCertificate, signatureAlgorithm and signatureValue');
    this.tbs = encodingOf(der, tbsTlv!).slice();
    this.signatureAlgorithm = readAlgorithmIdentifierAt(der, algorithmTlv, 'signatureAlgorithm');
    this.signatureValue = readOctetAlignedBitString(der, signatureTlv, 'signatureValue').slice();
    this.sha256 = toHex(digest('SHA-256', der));

    const fields = childrenWithTag(der, tbsTlv, TAG.SEQUENCE, 'TBSCertificate', 10);
    let i = 0;
    let version = 1;
    if (fields[i]?.tag === 0xa0) {
      const [versionTlv, ...rest] = childrenWithTag(der, fields[i++], 0xa0, 'version', 1);
      if (rest.length) throw new RangeError('version holds more than one value');
      const v = readSmallInteger(der, versionTlv, 'version');
      if (v > 2) throw new RangeError(`unknown certificate version ${v + 1}`);
      version = v + 1;
    }
    this.version = version;

    const serial = integerContent(der, fields[i++], 'serialNumber');
    this.serialNumber = serial.slice();
    this.serialNumberHex = serialHexOf(serial);

    const innerAlgorithmTlv = fields[i++];
    readAlgorithmIdentifierAt(der, innerAlgorithmTlv, 'TBSCertificate.signature');
    // RFC 5280 §4.1.1.2: the signed copy of the algorithm MUST equal the outer one. Compared byte for byte so that
    // a parameter difference cannot slip through either.
    if (!bytesEqual(encodingOf(der, innerAlgorithmTlv!), encodingOf(der, algorithmTlv!))) {
      throw new RangeError('signatureAlgorithm differs from TBSCertificate.signature');
    }

    this.issuer = DistinguishedName.fromTlv(der, expectPresent(fields[i++], 'issuer'));
    const [notBeforeTlv, notAfterTlv, ...validityExtra] = childrenWithTag(der, fields[i++], TAG.SEQUENCE, 'validity', 2);
    if (validityExtra.length) throw new RangeError('validity holds extra values');
    this.notBefore = readTime(der, notBeforeTlv, 'notBefore');
    this.notAfter = readTime(der, notAfterTlv, 'notAfter');
    this.subject = DistinguishedName.fromTlv(der, expectPresent(fields[i++], 'subject'));
    const spkiTlv = expectPresent(fields[i++], 'subjectPublicKeyInfo');
    childrenWithTag(der, spkiTlv, TAG.SEQUENCE, 'subjectPublicKeyInfo', 2);
    this.subjectPublicKeyInfo = encodingOf(der, spkiTlv).slice();

    let extensions: Extension[] = [];
    let lastTag = 0;
    for (; i < fields.length; i++) {
      const field = fields[i]!;
      // [1] issuerUniqueID, [2] subjectUniqueID (v2/v3), [3] extensions (v3), each at most once and in order.
      const number = field.tag & 0x1f;
      if ((field.tag & 0xc0) !== 0x80 || number < 1 || number > 3 || number <= lastTag) {
        throw new RangeError(`unexpected TBSCertificate field with tag 0x${field.tag.toString(16)}`);
      }
      lastTag = number;
      if (number < 3) {
        if (version < 2) throw new RangeError('unique identifiers need version 2 or 3');
        readBitString(der, { ...field, tag: TAG.BIT_STRING }, 'unique identifier');
        continue;
      }
      if (version !== 3) throw new RangeError('extensions need version 3');
      const [extensionsTlv, ...rest] = childrenWithTag(der, field, 0xa3, 'extensions', 1);
      if (!extensionsTlv || rest.length) throw new RangeError('[3] must hold one Extensions value');
      extensions = readExtensions(der, extensionsTlv, 'Extensions');
    }
    this.extensions = extensions;

    const find = (oid: string) => extensions.find((e) => e.oid === oid);
    const ski = find(EXTENSION_OIDS.subjectKeyIdentifier);
    if (ski) this.subjectKeyIdentifier = decodeExtension(ski, 'subjectKeyIdentifier', readSubjectKeyIdentifier);
    const aki = find(EXTENSION_OIDS.authorityKeyIdentifier);
    if (aki) this.authorityKeyIdentifier = decodeExtension(aki, 'authorityKeyIdentifier', readAuthorityKeyIdentifier);
    const bc = find(EXTENSION_OIDS.basicConstraints);
    if (bc) this.basicConstraints = decodeExtension(bc, 'basicConstraints', readBasicConstraints);
    const ku = find(EXTENSION_OIDS.keyUsage);
    if (ku) this.keyUsage = decodeExtension(ku, 'keyUsage', readKeyUsage);
    const eku = find(EXTENSION_OIDS.extKeyUsage);
    if (eku) this.extendedKeyUsage = decodeExtension(eku, 'extKeyUsage', readExtendedKeyUsage);
    const cp = find(EXTENSION_OIDS.certificatePolicies);
    this.certificatePolicies = cp ? decodeExtension(cp, 'certificatePolicies', readCertificatePolicies) : [];
    const pc = find(EXTENSION_OIDS.policyConstraints);
    if (pc) this.policyConstraints = decodeExtension(pc, 'policyConstraints', readPolicyConstraints);
    const pm = find(EXTENSION_OIDS.policyMappings);
    if (pm) this.policyMappings = decodeExtension(pm, 'policyMappings', readPolicyMappings);
    const iap = find(EXTENSION_OIDS.inhibitAnyPolicy);
    if (iap) this.inhibitAnyPolicy = decodeExtension(iap, 'inhibitAnyPolicy', readInhibitAnyPolicy);
    const san = find(EXTENSION_OIDS.subjectAltName);
    this.subjectAltNames = san ? decodeExtension(san, 'subjectAltName', (b, t) => readGeneralNames(b, t, 'subjectAltName')) : [];
    const ian = find(EXTENSION_OIDS.issuerAltName);
    if (ian) decodeExtension(ian, 'issuerAltName', (b, t) => readGeneralNames(b, t, 'issuerAltName'));
    const nc = find(EXTENSION_OIDS.nameConstraints);
    if (nc) this.nameConstraints = decodeExtension(nc, 'nameConstraints', readNameConstraints);
    const dp = find(EXTENSION_OIDS.crlDistributionPoints);
    this.crlDistributionPoints = dp ? decodeExtension(dp, 'cRLDistributionPoints', readCrlDistributionPoints).flatMap((p) => urisOf(p.fullName)) : [];
    const freshest = find(EXTENSION_OIDS.freshestCrl);
    if (freshest) decodeExtension(freshest, 'freshestCRL', readCrlDistributionPoints);
    const aia = find(EXTENSION_OIDS.authorityInfoAccess);
    const access = aia ? decodeExtension(aia, 'authorityInfoAccess', readInfoAccess) : [];
    const sia = find(EXTENSION_OIDS.subjectInfoAccess);
    if (sia) decodeExtension(sia, 'subjectInfoAccess', readInfoAccess);
    this.ocspUrls = urisOf(access.filter((a) => a.method === ACCESS_METHOD_OIDS.ocsp).map((a) => a.location));
    this.caIssuersUrls = urisOf(access.filter((a) => a.method === ACCESS_METHOD_OIDS.caIssuers).map((a) => a.location));

    this.isSelfIssued = namesMatch(this.issuer, this.subject);
    this.identity = readAzIdentity(this.subject, this.subjectAltNames);
  }

  /**
   * Reads a DER certificate.
   * @throws ImzalaError('CERTIFICATE_MALFORMED') with `reason` for anything that is not one DER certificate
   *   (truncation, trailing bytes, BER encodings, repeated or undecodable known extensions, bad times, ...).
   */
  static fromDer(der: Uint8Array): Certificate {
    if (!(der instanceof Uint8Array) || der.length === 0) throw malformed('no bytes');
    if (der.length > MAX_CERTIFICATE_SIZE) throw malformed(`larger than ${MAX_CERTIFICATE_SIZE} bytes`, { size: der.length });
    try {
      return new Certificate(der.slice());
    } catch (e) {
      if (e instanceof ImzalaError) throw e;
      throw malformed(e instanceof Error ? e.message : String(e));
    }
  }

  /** True when the certificate may sign certificates per basicConstraints (RFC 5280 §4.2.1.9). */
  get isCa(): boolean {
    return this.basicConstraints?.ca === true;
  }

  /** Critical extensions imzala does not know (RFC 5280 §4.2: such a certificate must be refused). */
  get unknownCriticalExtensions(): string[] {
    return this.extensions.filter((e) => e.critical && !KNOWN_CERTIFICATE_EXTENSIONS.has(e.oid)).map((e) => e.oid);
  }

  /** The extension with this OID, if present. */
  extension(oid: string): Extension | undefined {
    return this.extensions.find((e) => e.oid === oid);
  }

  /** emailAddress attributes of the subject (legacy e-mail placement that name constraints still cover). */
  get subjectEmailAddresses(): string[] {
    return this.subject.all(ATTRIBUTE_OIDS.emailAddress);
  }

  /** True when `time` lies within notBefore..notAfter, both inclusive (RFC 5280 §4.1.2.5). */
  isValidAt(time: Date): boolean {
    return time.getTime() >= this.notBefore.getTime() && time.getTime() <= this.notAfter.getTime();
  }

  /** A short description for logs and evidence. */
  toString(): string {
    return `${this.subject.toString()} (serial ${this.serialNumberHex}, sha256 ${this.sha256})`;
  }
}

function expectPresent(tlv: Tlv | undefined, what: string): Tlv {
  if (!tlv) throw new RangeError(`${what} is missing`);
  return tlv;
}
