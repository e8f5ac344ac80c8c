/**
 * GeneralName and GeneralNames (RFC 5280 §4.2.1.6), used by subjectAltName, authorityKeyIdentifier, CRL
 * distribution points, authority information access and name constraints.
 */
import { contentOf, encodingOf, type Tlv, TAG } from '../encoding/der-reader.js';
import { childrenOf, readOid } from '../crypto/der-primitives.js';
import { DistinguishedName } from './name.js';
import { childrenWithTag, readIa5String } from './der-values.js';

export type GeneralName =
  | { type: 'otherName'; typeId: string; /** DER of the whole [0] value */ der: Uint8Array }
  | { type: 'rfc822Name'; value: string }
  | { type: 'dNSName'; value: string }
  | { type: 'x400Address'; der: Uint8Array }
  | { type: 'directoryName'; value: DistinguishedName }
  | { type: 'ediPartyName'; der: Uint8Array }
  | { type: 'uniformResourceIdentifier'; value: string }
  | { type: 'iPAddress'; /** 4 or 16 octets in a name; 8 or 32 (address + mask) in a constraint */ bytes: Uint8Array }
  | { type: 'registeredID'; value: string };

export type GeneralNameType = GeneralName['type'];

/** Most names one GeneralNames may hold: far above real certificates, low enough to bound later matching. */
export const MAX_GENERAL_NAMES = 4096;

/**
 * Reads one GeneralName at `tlv`. The context tags are IMPLICIT except directoryName, whose Name is a CHOICE
 * and so is wrapped explicitly.
 * @throws RangeError when it is not DER of a GeneralName.
 */
export function readGeneralName(bytes: Uint8Array, tlv: Tlv): GeneralName {
  switch (tlv.tag) {
    case 0xa0: {
      // OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
      const [typeIdTlv, valueTlv, ...rest] = childrenOf(bytes, tlv, 2);
      if (!valueTlv || valueTlv.tag !== 0xa0 || rest.length) throw new RangeError('DER: malformed otherName');
      childrenOf(bytes, valueTlv, 1);
      return { type: 'otherName', typeId: readOid(bytes, typeIdTlv, 'otherName type-id'), der: encodingOf(bytes, tlv).slice() };
    }
    case 0x81:
      return { type: 'rfc822Name', value: readIa5String(bytes, tlv, 'rfc822Name', 0x81) };
    case 0x82:
      return { type: 'dNSName', value: readIa5String(bytes, tlv, 'dNSName', 0x82) };
    case 0xa3:
      return { type: 'x400Address', der: encodingOf(bytes, tlv).slice() };
    case 0xa4: {
      const [nameTlv, ...rest] = childrenOf(bytes, tlv, 1);
      if (!nameTlv || rest.length) throw new RangeError('DER: directoryName must hold one Name');
      return { type: 'directoryName', value: DistinguishedName.fromTlv(bytes, nameTlv) };
    }
    case 0xa5:
      return { type: 'ediPartyName', der: encodingOf(bytes, tlv).slice() };
    case 0x86:
      return { type: 'uniformResourceIdentifier', value: readIa5String(bytes, tlv, 'uniformResourceIdentifier', 0x86) };
    case 0x87:
      return { type: 'iPAddress', bytes: contentOf(bytes, tlv).slice() };
    case 0x88: {
      // registeredID [8] IMPLICIT OBJECT IDENTIFIER: read the content as an OID.
      return { type: 'registeredID', value: readOid(bytes, { ...tlv, tag: TAG.OID }, 'registeredID') };
    }
    default:
      throw new RangeError(`DER: unknown GeneralName tag 0x${tlv.tag.toString(16)}`);
  }
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, at `tlv` (which may carry an IMPLICIT context tag). */
export function readGeneralNames(bytes: Uint8Array, tlv: Tlv, what: string, expectedTag: number = TAG.SEQUENCE): GeneralName[] {
  const items = childrenWithTag(bytes, tlv, expectedTag, what, MAX_GENERAL_NAMES);
  if (items.length === 0) throw new RangeError(`DER: ${what} is empty`);
  return items.map((item) => readGeneralName(bytes, item));
}

/** A short readable form (for evidence and reports). */
export function generalNameToString(name: GeneralName): string {
  switch (name.type) {
    case 'rfc822Name':
      return `email:${name.value}`;
    case 'dNSName':
      return `DNS:${name.value}`;
    case 'uniformResourceIdentifier':
      return `URI:${name.value}`;
    case 'directoryName':
      return `DirName:${name.value.toString()}`;
    case 'iPAddress':
      return `IP:${formatIpAddress(name.bytes)}`;
    case 'registeredID':
      return `RID:${name.value}`;
    case 'otherName':
      return `othername:${name.typeId}`;
    default:
      return name.type;
  }
}

/** Dotted IPv4, RFC 5952-ish IPv6 (no zero compression), or `address/mask` for 8- and 32-octet constraint values. */
export function formatIpAddress(bytes: Uint8Array): string {
  const part = (b: Uint8Array) =>
    b.length === 4
      ? [...b].join('.')
      : b.length === 16
        ? Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16)).join(':')
        : [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  if (bytes.length === 8 || bytes.length === 32) {
    const half = bytes.length / 2;
    return `${part(bytes.subarray(0, half))}/${part(bytes.subarray(half))}`;
  }
  return part(bytes);
}
