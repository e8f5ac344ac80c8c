/**
 * A minimal DER writer for the structures imzala builds itself (CMS signed attributes, SignedData).
 * Building bytes directly keeps embedded DER (certificates) byte-exact and makes SET OF ordering explicit.
 */
import { concatBytes, latin1Bytes, utf8Bytes } from './bytes.js';
import { TAG } from './der-reader.js';

/** Tag bytes used by the builders. */
export const Tag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV with a single-byte tag. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  return concatBytes(Uint8Array.of(tag), encodeLength(body.length), body);
}

export function sequence(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SEQUENCE, ...items);
}

/** SET OF in DER order: elements sorted by their encodings (X.690 §11.6). */
export function setOf(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, ...sortEncodings(items));
}

/** DER ordering of encodings: byte-wise, a shorter prefix first. */
export function sortEncodings(items: Uint8Array[]): Uint8Array[] {
  return [...items].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
}

/** [n] EXPLICIT (constructed context tag). */
export function explicit(n: number, ...content: Uint8Array[]): Uint8Array {
  return tlv(0xa0 | n, ...content);
}

/** [n] IMPLICIT for a constructed type: the universal tag replaced by a context tag. */
export function implicitConstructed(n: number, encoded: Uint8Array): Uint8Array {
  const out = encoded.slice();
  out[0] = 0xa0 | n;
  return out;
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => BigInt(p));
  if (parts.length < 2) throw new RangeError(`bad OID ${dotted}`);
  const arcs = [parts[0]! * 40n + parts[1]!, ...parts.slice(2)];
  const bytes: number[] = [];
  for (const arc of arcs) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number((v & 0x7fn) | 0x80n));
    bytes.push(...group);
  }
  return tlv(TAG.OID, Uint8Array.from(bytes));
}

/** INTEGER from unsigned big-endian magnitude bytes (a leading 0 is added when the top bit is set). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const body = trimmed.length && trimmed[0]! & 0x80 ? concatBytes(Uint8Array.of(0), trimmed) : trimmed;
  return tlv(TAG.INTEGER, body.length ? body : Uint8Array.of(0));
}

export function smallInteger(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new RangeError('integer out of range');
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  return unsignedInteger(Uint8Array.from(bytes));
}

export function octetString(bytes: Uint8Array): Uint8Array {
  return tlv(TAG.OCTET_STRING, bytes);
}

export function nullValue(): Uint8Array {
  return Uint8Array.of(TAG.NULL, 0);
}

export function utf8String(text: string): Uint8Array {
  return tlv(TAG.UTF8_STRING, utf8Bytes(text));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** RFC 5280/5652 time: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds, UTC. */
export function time(date: Date): Uint8Array {
  const y = date.getUTCFullYear();
  const rest =
    pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()) + pad(date.getUTCHours()) + pad(date.getUTCMinutes()) + pad(date.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, latin1Bytes(pad(y % 100) + rest));
  return tlv(TAG.GENERALIZED_TIME, latin1Bytes(pad(y, 4) + rest));
}
