/**
 * A strict, allocation-free DER walker for taking exact bytes out of structures (issuer names, serial
 * numbers, signed attributes) without re-encoding them. Definite lengths only; anything else throws RangeError.
 */
/** Universal tag bytes (X.690) as they appear in DER. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
} as const;

export interface Tlv {
  tag: number;
  /** Offset of the tag byte in the buffer. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset after the last content byte. */
  end: number;
}

/** Reads the TLV starting at `offset`; it must end within `limit` (default: the buffer's end). */
export function readTlv(bytes: Uint8Array, offset = 0, limit = bytes.length): Tlv {
  if (offset + 2 > limit) throw new RangeError('DER: truncated header');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('DER: multi-byte tags are not supported');
  let at = offset + 1;
  const first = bytes[at++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new RangeError('DER: indefinite length');
    if (count > 4) throw new RangeError('DER: length too large');
    if (at + count > limit) throw new RangeError('DER: truncated length');
    if (bytes[at] === 0) throw new RangeError('DER: non-minimal length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at++]!;
    if (length < 0x80) throw new RangeError('DER: non-minimal length');
  }
  const end = at + length;
  if (end > limit) throw new RangeError('DER: content runs past its container');
  return { tag, start: offset, contentStart: at, end };
}

/** The direct children of a constructed TLV. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(bytes, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The whole encoding (tag, length and content) of a TLV. */
export function encodingOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.start, tlv.end);
}

export function contentOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.contentStart, tlv.end);
}

/** Issuer Name and serialNumber INTEGER encodings of an X.509 certificate, byte-exact. */
export function certificateIssuerAndSerial(certificate: Uint8Array): { issuer: Uint8Array; serialNumber: Uint8Array } {
  const cert = readTlv(certificate);
  const tbs = children(certificate, cert)[0];
  if (!tbs) throw new RangeError('DER: not a certificate');
  const fields = children(certificate, tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version is optional
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (!serial || !issuer || serial.tag !== 0x02 || issuer.tag !== 0x30) throw new RangeError('DER: not a certificate');
  return { issuer: encodingOf(certificate, issuer), serialNumber: encodingOf(certificate, serial) };
}
