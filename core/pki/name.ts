/**
 * X.501 distinguished names (RFC 5280 §4.1.2.4): reading, RFC 4514 display, and the name comparison RFC 5280
 * §7.1 asks for when chaining issuer to subject and applying directoryName constraints.
 */
import { children, contentOf, encodingOf, type Tlv, TAG } from '../encoding/der-reader.js';
import { bytesEqual } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { readWholeTlv, readOid } from '../crypto/der-primitives.js';
import { childrenWithTag, decodeStringValue, isCharacterStringTag, isDirectoryStringTag } from './der-values.js';

/** Attribute type OIDs of the names imzala reads (X.520, RFC 4519, PKCS #9, RFC 4524). */
export const ATTRIBUTE_OIDS = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  streetAddress: '2.5.4.9',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  title: '2.5.4.12',
  postalCode: '2.5.4.17',
  givenName: '2.5.4.42',
  initials: '2.5.4.43',
  generationQualifier: '2.5.4.44',
  dnQualifier: '2.5.4.46',
  pseudonym: '2.5.4.65',
  organizationIdentifier: '2.5.4.97',
  domainComponent: '0.9.2342.19200300.100.1.25',
  userId: '0.9.2342.19200300.100.1.1',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

/** Short names for display: RFC 4514 §3 ones plus those OpenSSL and Windows show for the rest. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  [ATTRIBUTE_OIDS.commonName]: 'CN',
  [ATTRIBUTE_OIDS.surname]: 'SN',
  [ATTRIBUTE_OIDS.serialNumber]: 'serialNumber',
  [ATTRIBUTE_OIDS.countryName]: 'C',
  [ATTRIBUTE_OIDS.localityName]: 'L',
  [ATTRIBUTE_OIDS.stateOrProvinceName]: 'ST',
  [ATTRIBUTE_OIDS.streetAddress]: 'STREET',
  [ATTRIBUTE_OIDS.organizationName]: 'O',
  [ATTRIBUTE_OIDS.organizationalUnitName]: 'OU',
  [ATTRIBUTE_OIDS.title]: 'title',
  [ATTRIBUTE_OIDS.postalCode]: 'postalCode',
  [ATTRIBUTE_OIDS.givenName]: 'GN',
  [ATTRIBUTE_OIDS.initials]: 'initials',
  [ATTRIBUTE_OIDS.generationQualifier]: 'generationQualifier',
  [ATTRIBUTE_OIDS.dnQualifier]: 'dnQualifier',
  [ATTRIBUTE_OIDS.pseudonym]: 'pseudonym',
  [ATTRIBUTE_OIDS.organizationIdentifier]: 'organizationIdentifier',
  [ATTRIBUTE_OIDS.domainComponent]: 'DC',
  [ATTRIBUTE_OIDS.userId]: 'UID',
  [ATTRIBUTE_OIDS.emailAddress]: 'emailAddress',
};

/** More attributes than this in one RDN is refused: real RDNs hold one to three, and matching is quadratic in it. */
export const MAX_ATTRIBUTES_PER_RDN = 32;

export interface AttributeTypeAndValue {
  /** Attribute type OID. */
  type: string;
  /** The value as text; a value that is not a character string is shown as `#` + hex of its DER (RFC 4514 §2.4). */
  value: string;
  /** DER tag of the value (e.g. 0x0c UTF8String, 0x13 PrintableString). */
  valueTag: number;
  /** The value's whole DER encoding, exactly as in the input. */
  valueDer: Uint8Array;
}

export type RelativeDistinguishedName = readonly AttributeTypeAndValue[];

/** A Name (RDNSequence) with its exact DER bytes. */
export class DistinguishedName {
  private constructor(
    /** RDNs in encoded order (most significant first, e.g. C before CN). */
    readonly rdns: readonly RelativeDistinguishedName[],
    /** The Name's DER encoding exactly as in the input. */
    readonly der: Uint8Array,
  ) {}

  /**
   * Reads a DER Name.
   * @throws RangeError when the bytes are not a DER RDNSequence (callers turn it into their own code).
   */
  static fromDer(der: Uint8Array): DistinguishedName {
    return DistinguishedName.fromTlv(der, readWholeTlv(der));
  }

  /** Reads the Name at `tlv` inside `bytes` (used while walking a certificate). */
  static fromTlv(bytes: Uint8Array, tlv: Tlv): DistinguishedName {
    const rdns: RelativeDistinguishedName[] = [];
    for (const rdnTlv of childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'Name')) {
      const set = childrenWithTag(bytes, rdnTlv, TAG.SET, 'RelativeDistinguishedName', MAX_ATTRIBUTES_PER_RDN);
      if (set.length === 0) throw new RangeError('DER: empty RelativeDistinguishedName');
      rdns.push(set.map((atvTlv) => readAttribute(bytes, atvTlv)));
    }
    return new DistinguishedName(rdns, encodingOf(bytes, tlv).slice());
  }

  /** True for the empty RDNSequence. */
  get isEmpty(): boolean {
    return this.rdns.length === 0;
  }

  /** Every value of an attribute type, in encoded order. */
  all(type: string): string[] {
    return this.rdns.flatMap((rdn) => rdn.filter((a) => a.type === type).map((a) => a.value));
  }

  /** The first value of an attribute type, in encoded order. */
  first(type: string): string | undefined {
    return this.all(type)[0];
  }

  /** RFC 4514 string: RDNs last-to-first, `,` between RDNs, `+` inside a multi-valued RDN. */
  toString(): string {
    return [...this.rdns]
      .reverse()
      .map((rdn) => rdn.map((a) => `${SHORT_NAMES[a.type] ?? a.type}=${isCharacterStringTag(a.valueTag) ? escapeValue(a.value) : a.value}`).join('+'))
      .join(',');
  }
}

function readAttribute(bytes: Uint8Array, atvTlv: Tlv): AttributeTypeAndValue {
  const [typeTlv, valueTlv, ...rest] = childrenWithTag(bytes, atvTlv, TAG.SEQUENCE, 'AttributeTypeAndValue', 2);
  if (!valueTlv || rest.length) throw new RangeError('DER: AttributeTypeAndValue must hold a type and one value');
  const type = readOid(bytes, typeTlv, 'AttributeType');
  const valueDer = encodingOf(bytes, valueTlv).slice();
  const text = decodeStringValue(valueTlv.tag, contentOf(bytes, valueTlv), `attribute ${type}`);
  if (text === undefined) {
    // Not a string: make sure it is at least well-formed DER, then show it as RFC 4514 hex.
    if (valueTlv.tag & 0x20) children(bytes, valueTlv);
    return { type, value: `#${toHex(valueDer)}`, valueTag: valueTlv.tag, valueDer };
  }
  return { type, value: text, valueTag: valueTlv.tag, valueDer };
}

/** RFC 4514 §2.4 escaping. */
function escapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\u0000') out += '\\00';
    else if (',+"\\<>;'.includes(ch)) out += `\\${ch}`;
    else if ((i === 0 && (ch === ' ' || ch === '#')) || (i === value.length - 1 && ch === ' ')) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/**
 * RFC 4518-style preparation for caseIgnoreMatch: compatibility normalisation, case folding, surrounding
 * spaces dropped and runs of inner white space folded to one space.
 */
function prepareForComparison(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** RFC 5280 §7.1: attribute values compare case-insensitively for DirectoryString types, byte for byte otherwise. */
export function attributesMatch(a: AttributeTypeAndValue, b: AttributeTypeAndValue): boolean {
  if (a.type !== b.type) return false;
  if (isDirectoryStringTag(a.valueTag) && isDirectoryStringTag(b.valueTag)) {
    return prepareForComparison(a.value) === prepareForComparison(b.value);
  }
  return bytesEqual(a.valueDer, b.valueDer);
}

/** Two RDNs match when each attribute of one matches a distinct attribute of the other (order inside a SET is free). */
export function rdnsMatch(a: RelativeDistinguishedName, b: RelativeDistinguishedName): boolean {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  for (const atv of a) {
    const j = b.findIndex((other, k) => !used[k] && attributesMatch(atv, other));
    if (j < 0) return false;
    used[j] = true;
  }
  return true;
}

/**
 * Name equality per RFC 5280 §7.1: same number of RDNs, each pair matching. Identical DER is a match without
 * further work.
 */
export function namesMatch(a: DistinguishedName, b: DistinguishedName): boolean {
  if (bytesEqual(a.der, b.der)) return true;
  if (a.rdns.length !== b.rdns.length) return false;
  return a.rdns.every((rdn, i) => rdnsMatch(rdn, b.rdns[i]!));
}

/** True when `base`'s RDNs are a leading part of `name`'s (directoryName subtrees, RFC 5280 §4.2.1.10). */
export function nameWithinSubtree(name: DistinguishedName, base: DistinguishedName): boolean {
  if (base.rdns.length > name.rdns.length) return false;
  return base.rdns.every((rdn, i) => rdnsMatch(rdn, name.rdns[i]!));
}
