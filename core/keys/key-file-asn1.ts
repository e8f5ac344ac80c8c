/**
 * Guarded ASN.1 reading for key files. Every reader names the structure it expected, so a damaged file
 * fails with KEY_FILE_MALFORMED and says where; asn1js's own limits bound depth and node counts.
 * PKCS#12 files from NSS and Windows use BER (indefinite lengths, constructed OCTET STRINGs), so the
 * readers accept both forms.
 */
import * as asn1js from 'asn1js';
import { concatBytes } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import { KEY_FILE_MALFORMED } from './codes.js';

/** Largest number of ASN.1 nodes in one parsed structure (a p12 with a long chain has a few thousand). */
const MAX_NODES = 20_000;
/** Constructed OCTET STRINGs nest only a level or two in practice. */
const MAX_OCTET_STRING_DEPTH = 8;

export function malformed(structure: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError(KEY_FILE_MALFORMED, `malformed key file: ${structure}`, { structure, ...details });
}

/** Parses exactly one BER element filling all of `bytes`. */
export function parseBer(bytes: Uint8Array, structure: string): asn1js.AsnType {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    // parseEmbedded off: OCTET STRING contents are decoded on purpose, where the format says they hold ASN.1.
    parsed = asn1js.fromBER(bytes, { parseEmbedded: false, maxNodes: MAX_NODES });
  } catch (cause) {
    throw malformed(structure, { reason: String(cause) });
  }
  if (parsed.offset === -1) throw malformed(structure, { reason: parsed.result.error });
  if (parsed.offset !== bytes.length) {
    throw malformed(structure, { reason: 'trailing bytes', trailing: bytes.length - parsed.offset });
  }
  return parsed.result;
}

/** The elements of a SEQUENCE, with a bound on how many there may be. */
export function sequenceItems(
  node: asn1js.AsnType | undefined,
  structure: string,
  count: { min?: number; max?: number } = {},
): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) throw malformed(structure, { reason: 'expected SEQUENCE' });
  return boundedItems(node.valueBlock.value, structure, count);
}

/** The elements of a SET. */
export function setItems(
  node: asn1js.AsnType | undefined,
  structure: string,
  count: { min?: number; max?: number } = {},
): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Set)) throw malformed(structure, { reason: 'expected SET' });
  return boundedItems(node.valueBlock.value, structure, count);
}

function boundedItems(
  items: asn1js.AsnType[],
  structure: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number },
): asn1js.AsnType[] {
  if (items.length < min || items.length > max) {
    throw malformed(structure, { reason: 'unexpected number of elements', count: items.length });
  }
  return items;
}

export function oidOf(node: asn1js.AsnType | undefined, structure: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw malformed(structure, { reason: 'expected OBJECT IDENTIFIER' });
  return node.valueBlock.toString();
}

/** A non-negative INTEGER that fits a JS number (versions, iteration counts, key lengths). */
export function smallIntegerOf(node: asn1js.AsnType | undefined, structure: string): number {
  if (!(node instanceof asn1js.Integer)) throw malformed(structure, { reason: 'expected INTEGER' });
  const value = node.toBigInt();
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(structure, { reason: 'INTEGER out of range' });
  return Number(value);
}

/** The magnitude bytes of an INTEGER, without sign padding (RSA moduli and exponents). */
export function unsignedIntegerBytes(node: asn1js.AsnType | undefined, structure: string): Uint8Array {
  if (!(node instanceof asn1js.Integer)) throw malformed(structure, { reason: 'expected INTEGER' });
  const bytes = node.valueBlock.valueHexView;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.slice(start);
}

/**
 * The bytes of an OCTET STRING, primitive or constructed (BER chunks), or of an IMPLICIT-tagged one
 * (`[0] IMPLICIT OCTET STRING`, which asn1js sees as a context-specific Primitive or Constructed).
 */
export function octetsOf(node: asn1js.AsnType | undefined, structure: string, depth = 0): Uint8Array {
  if (depth > MAX_OCTET_STRING_DEPTH) throw malformed(structure, { reason: 'OCTET STRING nested too deep' });
  const isOctetString = node instanceof asn1js.OctetString;
  const isImplicit = node instanceof asn1js.Primitive || node instanceof asn1js.Constructed;
  if (!node || (!isOctetString && !(isImplicit && node.idBlock.tagClass === 3))) {
    throw malformed(structure, { reason: 'expected OCTET STRING' });
  }
  if (!node.idBlock.isConstructed) {
    return (node.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView.slice();
  }
  const parts = (node.valueBlock as unknown as { value: asn1js.AsnType[] }).value;
  return concatBytes(
    ...parts.map((part) => {
      if (!(part instanceof asn1js.OctetString)) throw malformed(structure, { reason: 'bad OCTET STRING chunk' });
      return octetsOf(part, structure, depth + 1);
    }),
  );
}

/** The single element inside an EXPLICIT context tag `[tagNumber]`. */
export function explicitContent(node: asn1js.AsnType | undefined, tagNumber: number, structure: string): asn1js.AsnType {
  if (
    !(node instanceof asn1js.Constructed) ||
    node.idBlock.tagClass !== 3 ||
    node.idBlock.tagNumber !== tagNumber ||
    node.valueBlock.value.length !== 1
  ) {
    throw malformed(structure, { reason: `expected [${tagNumber}] EXPLICIT` });
  }
  return node.valueBlock.value[0]!;
}

/** True for a context-specific tag with this number (to find OPTIONAL fields). */
export function isContextTag(node: asn1js.AsnType | undefined, tagNumber: number): boolean {
  return !!node && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tagNumber;
}

export interface AlgorithmIdentifierNode {
  oid: string;
  /** The parameters element, absent when the encoding has none. */
  parameters?: asn1js.AsnType;
}

export function algorithmIdentifierOf(node: asn1js.AsnType | undefined, structure: string): AlgorithmIdentifierNode {
  const [oid, parameters] = sequenceItems(node, structure, { min: 1, max: 2 });
  return { oid: oidOf(oid, structure), parameters };
}

/** DER of a freshly built ASN.1 value. */
export function derOf(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.toBER(false));
}
