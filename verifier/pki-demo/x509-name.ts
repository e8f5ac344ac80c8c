/**
 * Distinguished names for built certificates, encoded as the Azerbaijani certificates are: country and
 * serialNumber (the FIN) as PrintableString, everything people read (names with ə, ı, ö, ü, ş, ç, ğ)
 * as UTF8String. One attribute per RDN, in the order given.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** X.520 attribute types by the short names used in this project. */
export const NAME_ATTRIBUTE_OIDS = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  title: '2.5.4.12',
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  GN: '2.5.4.42',
  serialNumber: '2.5.4.5',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

export type NameAttributeType = keyof typeof NAME_ATTRIBUTE_OIDS;

export interface NameAttribute {
  /** A short name (C, CN, SN, GN, serialNumber, O, OU, title, ...) or a dotted OID. */
  type: NameAttributeType | string;
  value: string;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function encodeValue(oid: string, value: string): pkijs.AttributeValueType {
  if (oid === NAME_ATTRIBUTE_OIDS.C || oid === NAME_ATTRIBUTE_OIDS.serialNumber) {
    // X.520 requires PrintableString for these two; a value outside its alphabet is a caller bug.
    if (!PRINTABLE.test(value)) throw new RangeError(`${oid} must be PrintableString, got ${JSON.stringify(value)}`);
    return new asn1js.PrintableString({ value });
  }
  if (oid === NAME_ATTRIBUTE_OIDS.emailAddress) return new asn1js.IA5String({ value });
  return new asn1js.Utf8String({ value });
}

function oidOf(type: string): string {
  if (Object.hasOwn(NAME_ATTRIBUTE_OIDS, type)) return NAME_ATTRIBUTE_OIDS[type as NameAttributeType];
  if (/^\d+(\.\d+)+$/.test(type)) return type;
  throw new RangeError(`unknown name attribute ${type}`);
}

/**
 * A pkijs Name from attributes, one RDN each. Built as DER and parsed back: pkijs's own encoder would
 * put every attribute into a single multi-valued RDN ("C=AZ + CN=..."), which is not the profile.
 */
export function buildName(attributes: readonly NameAttribute[]): pkijs.RelativeDistinguishedNames {
  const rdnSequence = new asn1js.Sequence({
    value: attributes.map(({ type, value }) => {
      const oid = oidOf(type);
      const atv = new pkijs.AttributeTypeAndValue({ type: oid, value: encodeValue(oid, value) });
      return new asn1js.Set({ value: [atv.toSchema()] });
    }),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(rdnSequence.toBER(false));
}
