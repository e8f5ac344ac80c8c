/**
 * X.509 v3 extensions (RFC 5280 §4.2, §5.2, §5.3): the Extensions list and strict readers for every extension
 * imzala acts on. A known extension that does not decode makes its certificate or CRL malformed: a value that
 * cannot be read cannot be honoured, and guessing is worse than refusing.
 */
import { contentOf, type Tlv, TAG } from '../encoding/der-reader.js';
import { toHex } from '../encoding/hex.js';
import { readWholeTlv, readOid } from '../crypto/der-primitives.js';
import { childrenWithTag, integerContent, readBitString, readBoolean, readSmallInteger, readTime, serialHexOf, setBits } from './der-values.js';
import { readGeneralName, readGeneralNames, type GeneralName } from './general-name.js';

export const EXTENSION_OIDS = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
} as const;

/** Access methods in AIA (RFC 5280 §4.2.2.1). */
export const ACCESS_METHOD_OIDS = {
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
} as const;

/** anyPolicy (RFC 5280 §4.2.1.4). */
export const ANY_POLICY_OID = '2.5.29.32.0';

export interface Extension {
  oid: string;
  critical: boolean;
  /** DER of the extnValue contents (the structure inside the OCTET STRING). */
  value: Uint8Array;
}

/** Most extensions one certificate or CRL may carry. */
export const MAX_EXTENSIONS = 256;

/**
 * Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, at `tlv`. An explicitly encoded `critical FALSE` is
 * tolerated (common in the wild and harmless: the signature covers the bytes as they are).
 * @throws RangeError on malformed DER or a repeated extension (RFC 5280 §4.2: one instance per OID).
 */
export function readExtensions(bytes: Uint8Array, tlv: Tlv, what: string): Extension[] {
  const items = childrenWithTag(bytes, tlv, TAG.SEQUENCE, what, MAX_EXTENSIONS);
  if (items.length === 0) throw new RangeError(`DER: ${what} is an empty SEQUENCE`);
  const seen = new Set<string>();
  return items.map((item) => {
    const fields = childrenWithTag(bytes, item, TAG.SEQUENCE, 'Extension', 3);
    const oid = readOid(bytes, fields[0], 'extnID');
    if (seen.has(oid)) throw new RangeError(`duplicate extension ${oid}`);
    seen.add(oid);
    let critical = false;
    let valueTlv = fields[1];
    if (fields.length === 3) {
      critical = readBoolean(bytes, fields[1], 'critical');
      valueTlv = fields[2];
    }
    if (!valueTlv || valueTlv.tag !== TAG.OCTET_STRING) throw new RangeError(`DER: extension ${oid} has no extnValue OCTET STRING`);
    return { oid, critical, value: contentOf(bytes, valueTlv).slice() };
  });
}

/** Runs `read` over an extension value, naming the extension in any error. */
export function decodeExtension<T>(ext: Extension, name: string, read: (bytes: Uint8Array, tlv: Tlv) => T): T {
  try {
    return read(ext.value, readWholeTlv(ext.value));
  } catch (e) {
    throw new RangeError(`${name} extension: ${(e as Error).message}`);
  }
}

export interface BasicConstraints {
  ca: boolean;
  pathLenConstraint?: number;
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
export function readBasicConstraints(bytes: Uint8Array, tlv: Tlv): BasicConstraints {
  const fields = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'BasicConstraints', 2);
  let i = 0;
  let ca = false;
  if (fields[i]?.tag === TAG.BOOLEAN) ca = readBoolean(bytes, fields[i++], 'cA');
  const out: BasicConstraints = { ca };
  if (fields[i]) out.pathLenConstraint = readSmallInteger(bytes, fields[i++], 'pathLenConstraint');
  if (i !== fields.length) throw new RangeError('DER: unexpected BasicConstraints field');
  return out;
}

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

export const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
];

/** KeyUsage ::= BIT STRING; at least one bit must be set (RFC 5280 §4.2.1.3). Bits beyond decipherOnly are refused. */
export function readKeyUsage(bytes: Uint8Array, tlv: Tlv): Set<KeyUsageName> {
  const bits = setBits(readBitString(bytes, tlv, 'KeyUsage'));
  if (bits.length === 0) throw new RangeError('KeyUsage asserts no bit');
  const out = new Set<KeyUsageName>();
  for (const bit of bits) {
    const name = KEY_USAGE_BITS[bit];
    if (!name) throw new RangeError(`KeyUsage bit ${bit} is not defined`);
    out.add(name);
  }
  return out;
}

/** ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
export function readExtendedKeyUsage(bytes: Uint8Array, tlv: Tlv): string[] {
  const items = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'ExtKeyUsageSyntax', 1024);
  if (items.length === 0) throw new RangeError('ExtKeyUsageSyntax is empty');
  return items.map((item) => readOid(bytes, item, 'KeyPurposeId'));
}

/** SubjectKeyIdentifier ::= OCTET STRING */
export function readSubjectKeyIdentifier(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.tag !== TAG.OCTET_STRING) throw new RangeError('SubjectKeyIdentifier is not an OCTET STRING');
  return contentOf(bytes, tlv).slice();
}

export interface AuthorityKeyIdentifier {
  keyIdentifier?: Uint8Array;
  issuer?: GeneralName[];
  /** authorityCertSerialNumber as hex (see serialHexOf). */
  serial?: string;
}

/**
 * AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL,
 * authorityCertIssuer [1] IMPLICIT GeneralNames OPTIONAL, authorityCertSerialNumber [2] IMPLICIT INTEGER OPTIONAL }
 */
export function readAuthorityKeyIdentifier(bytes: Uint8Array, tlv: Tlv): AuthorityKeyIdentifier {
  const out: AuthorityKeyIdentifier = {};
  let last = -1;
  for (const field of childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'AuthorityKeyIdentifier', 3)) {
    const number = field.tag & 0x1f;
    if ((field.tag & 0xc0) !== 0x80 || number > 2 || number <= last) throw new RangeError('unexpected AuthorityKeyIdentifier field');
    last = number;
    if (number === 0 && field.tag === 0x80) out.keyIdentifier = contentOf(bytes, field).slice();
    else if (number === 1 && field.tag === 0xa1) out.issuer = readGeneralNames(bytes, field, 'authorityCertIssuer', 0xa1);
    else if (number === 2 && field.tag === 0x82) out.serial = serialHexOf(integerContent(bytes, field, 'authorityCertSerialNumber', 0x82));
    else throw new RangeError('AuthorityKeyIdentifier field has the wrong form');
  }
  // RFC 5280 §4.2.1.1: issuer and serial come together or not at all.
  if ((out.issuer === undefined) !== (out.serial === undefined)) throw new RangeError('authorityCertIssuer and authorityCertSerialNumber must come together');
  return out;
}

/** PolicyInformation OIDs of certificatePolicies; a policy listed twice is refused (RFC 5280 §4.2.1.4). */
export function readCertificatePolicies(bytes: Uint8Array, tlv: Tlv): string[] {
  const items = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'certificatePolicies', 1024);
  if (items.length === 0) throw new RangeError('certificatePolicies is empty');
  const oids = items.map((item) => {
    const [idTlv, qualifiers, ...rest] = childrenWithTag(bytes, item, TAG.SEQUENCE, 'PolicyInformation', 2);
    if (rest.length || (qualifiers && qualifiers.tag !== TAG.SEQUENCE)) throw new RangeError('malformed PolicyInformation');
    return readOid(bytes, idTlv, 'policyIdentifier');
  });
  if (new Set(oids).size !== oids.length) throw new RangeError('a policy appears twice in certificatePolicies');
  return oids;
}

export interface PolicyConstraints {
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
}

/** PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL, inhibitPolicyMapping [1] SkipCerts OPTIONAL } */
export function readPolicyConstraints(bytes: Uint8Array, tlv: Tlv): PolicyConstraints {
  const out: PolicyConstraints = {};
  const fields = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'PolicyConstraints', 2);
  // RFC 5280 §4.2.1.11: conforming CAs MUST NOT issue an empty policyConstraints.
  if (fields.length === 0) throw new RangeError('PolicyConstraints is empty');
  let last = -1;
  for (const field of fields) {
    const number = field.tag - 0x80;
    if (number < 0 || number > 1 || number <= last) throw new RangeError('unexpected PolicyConstraints field');
    last = number;
    const value = readSmallInteger(bytes, field, 'SkipCerts', field.tag);
    if (number === 0) out.requireExplicitPolicy = value;
    else out.inhibitPolicyMapping = value;
  }
  return out;
}

/** InhibitAnyPolicy ::= SkipCerts (INTEGER 0..MAX) */
export function readInhibitAnyPolicy(bytes: Uint8Array, tlv: Tlv): number {
  return readSmallInteger(bytes, tlv, 'InhibitAnyPolicy');
}

export interface PolicyMapping {
  issuerDomainPolicy: string;
  subjectDomainPolicy: string;
}

/** PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy } */
export function readPolicyMappings(bytes: Uint8Array, tlv: Tlv): PolicyMapping[] {
  const items = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'PolicyMappings', 1024);
  if (items.length === 0) throw new RangeError('PolicyMappings is empty');
  return items.map((item) => {
    const [a, b, ...rest] = childrenWithTag(bytes, item, TAG.SEQUENCE, 'PolicyMapping', 2);
    if (rest.length) throw new RangeError('malformed PolicyMapping');
    return { issuerDomainPolicy: readOid(bytes, a, 'issuerDomainPolicy'), subjectDomainPolicy: readOid(bytes, b, 'subjectDomainPolicy') };
  });
}

export interface DistributionPoint {
  /** fullName entries of distributionPoint. */
  fullName?: GeneralName[];
  /** True when distributionPoint uses nameRelativeToCRLIssuer. */
  relativeName?: boolean;
  /** reasons BIT STRING, as set bit numbers. */
  reasons?: number[];
  crlIssuer?: GeneralName[];
}

/** DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN } inside its [0] wrapper. */
function readDistributionPointName(bytes: Uint8Array, wrapper: Tlv, into: DistributionPoint): void {
  const [choice, ...rest] = childrenWithTag(bytes, wrapper, wrapper.tag, 'distributionPoint', 1);
  if (!choice || rest.length) throw new RangeError('distributionPoint must hold one name');
  if (choice.tag === 0xa0) into.fullName = readGeneralNames(bytes, choice, 'fullName', 0xa0);
  else if (choice.tag === 0xa1) into.relativeName = true;
  else throw new RangeError('unknown DistributionPointName');
}

/**
 * CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
 * DistributionPoint ::= SEQUENCE { distributionPoint [0] OPTIONAL, reasons [1] ReasonFlags OPTIONAL, cRLIssuer [2] GeneralNames OPTIONAL }
 */
export function readCrlDistributionPoints(bytes: Uint8Array, tlv: Tlv): DistributionPoint[] {
  const items = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'CRLDistributionPoints', 256);
  if (items.length === 0) throw new RangeError('CRLDistributionPoints is empty');
  return items.map((item) => {
    const point: DistributionPoint = {};
    let last = -1;
    for (const field of childrenWithTag(bytes, item, TAG.SEQUENCE, 'DistributionPoint', 3)) {
      const number = field.tag & 0x1f;
      if ((field.tag & 0xc0) !== 0x80 || number > 2 || number <= last) throw new RangeError('unexpected DistributionPoint field');
      last = number;
      if (number === 0 && field.tag === 0xa0) readDistributionPointName(bytes, field, point);
      else if (number === 1 && field.tag === 0x81) point.reasons = setBits(readBitString(bytes, { ...field, tag: TAG.BIT_STRING }, 'reasons'));
      else if (number === 2 && field.tag === 0xa2) point.crlIssuer = readGeneralNames(bytes, field, 'cRLIssuer', 0xa2);
      else throw new RangeError('DistributionPoint field has the wrong form');
    }
    // RFC 5280 §4.2.1.13: a DistributionPoint MUST NOT consist of only the reasons field.
    if (!point.fullName && !point.relativeName && !point.crlIssuer) throw new RangeError('DistributionPoint has neither a name nor a cRLIssuer');
    return point;
  });
}

export interface AccessDescription {
  method: string;
  location: GeneralName;
}

/** AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription */
export function readInfoAccess(bytes: Uint8Array, tlv: Tlv): AccessDescription[] {
  const items = childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'AuthorityInfoAccessSyntax', 256);
  if (items.length === 0) throw new RangeError('AuthorityInfoAccessSyntax is empty');
  return items.map((item) => {
    const [methodTlv, locationTlv, ...rest] = childrenWithTag(bytes, item, TAG.SEQUENCE, 'AccessDescription', 2);
    if (!locationTlv || rest.length) throw new RangeError('malformed AccessDescription');
    return { method: readOid(bytes, methodTlv, 'accessMethod'), location: readGeneralName(bytes, locationTlv) };
  });
}

/** URIs among GeneralNames. */
export function urisOf(names: readonly GeneralName[] | undefined): string[] {
  return (names ?? []).flatMap((n) => (n.type === 'uniformResourceIdentifier' ? [n.value] : []));
}

/** CRLNumber ::= INTEGER (0..MAX), as hex. */
export function readCrlNumber(bytes: Uint8Array, tlv: Tlv): string {
  const content = integerContent(bytes, tlv, 'CRLNumber');
  if (content[0]! & 0x80) throw new RangeError('CRLNumber is negative');
  // RFC 5280 §5.2.3: at most 20 octets.
  if (content.length > 21 || (content.length === 21 && content[0] !== 0)) throw new RangeError('CRLNumber is longer than 20 octets');
  return toHex(content);
}

export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'removeFromCRL'
  | 'privilegeWithdrawn'
  | 'aACompromise';

const REASONS: Readonly<Record<number, RevocationReason>> = {
  0: 'unspecified', 1: 'keyCompromise', 2: 'cACompromise', 3: 'affiliationChanged', 4: 'superseded',
  5: 'cessationOfOperation', 6: 'certificateHold', 8: 'removeFromCRL', 9: 'privilegeWithdrawn', 10: 'aACompromise',
};

/** CRLReason ::= ENUMERATED (RFC 5280 §5.3.1); value 7 is not used. */
export function readReasonCode(bytes: Uint8Array, tlv: Tlv): RevocationReason {
  const value = readSmallInteger(bytes, tlv, 'CRLReason', TAG.ENUMERATED);
  const reason = REASONS[value];
  if (!reason) throw new RangeError(`CRLReason ${value} is not defined`);
  return reason;
}

/** InvalidityDate ::= GeneralizedTime */
export function readInvalidityDate(bytes: Uint8Array, tlv: Tlv): Date {
  if (tlv.tag !== TAG.GENERALIZED_TIME) throw new RangeError('InvalidityDate is not a GeneralizedTime');
  return readTime(bytes, tlv, 'InvalidityDate');
}

export interface IssuingDistributionPoint {
  fullName?: GeneralName[];
  relativeName?: boolean;
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  onlySomeReasons?: number[];
  indirectCRL: boolean;
  onlyContainsAttributeCerts: boolean;
}

/**
 * IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0] OPTIONAL, onlyContainsUserCerts [1] BOOLEAN DEFAULT FALSE,
 * onlyContainsCACerts [2] BOOLEAN DEFAULT FALSE, onlySomeReasons [3] ReasonFlags OPTIONAL, indirectCRL [4] BOOLEAN DEFAULT FALSE,
 * onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
 */
export function readIssuingDistributionPoint(bytes: Uint8Array, tlv: Tlv): IssuingDistributionPoint {
  const out: IssuingDistributionPoint = { onlyContainsUserCerts: false, onlyContainsCACerts: false, indirectCRL: false, onlyContainsAttributeCerts: false };
  let last = -1;
  for (const field of childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'IssuingDistributionPoint', 6)) {
    const number = field.tag & 0x1f;
    if ((field.tag & 0xc0) !== 0x80 || number > 5 || number <= last) throw new RangeError('unexpected IssuingDistributionPoint field');
    last = number;
    if (number === 0) {
      if (field.tag !== 0xa0) throw new RangeError('distributionPoint has the wrong form');
      const point: DistributionPoint = {};
      readDistributionPointName(bytes, field, point);
      if (point.fullName) out.fullName = point.fullName;
      if (point.relativeName) out.relativeName = true;
    } else if (number === 3) {
      out.onlySomeReasons = setBits(readBitString(bytes, { ...field, tag: TAG.BIT_STRING }, 'onlySomeReasons'));
    } else {
      const flag = readBoolean(bytes, { ...field, tag: TAG.BOOLEAN }, 'IssuingDistributionPoint flag');
      if (number === 1) out.onlyContainsUserCerts = flag;
      else if (number === 2) out.onlyContainsCACerts = flag;
      else if (number === 4) out.indirectCRL = flag;
      else out.onlyContainsAttributeCerts = flag;
    }
  }
  return out;
}
