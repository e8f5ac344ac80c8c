/**
 * Strict decoding of the DER values X.509 certificates and CRLs carry (times, strings, BOOLEAN, BIT STRING,
 * INTEGER serials). Built on the shared TLV walker (core/encoding/der-reader.ts) and the OID/INTEGER readers of
 * core/crypto/der-primitives.ts. Every deviation throws RangeError; Certificate.fromDer and Crl.fromDer turn it
 * into their own named code with the reason.
 *
 * Why not asn1js: it decodes BER leniently (indefinite lengths, non-minimal encodings only warn), and a
 * certificate's signature is over its exact DER bytes, so imzala reads those bytes itself and refuses anything
 * that is not DER where it matters.
 */
import { contentOf, TAG, type Tlv } from '../encoding/der-reader.js';
import { latin1String } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { childrenOf, expectTag } from '../crypto/der-primitives.js';


/** Most elements any SEQUENCE OF in a certificate or CRL entry may hold; bounds work on hostile input. */
export const MAX_SEQUENCE_ITEMS = 100_000;

/** The children of a constructed value (bounded), after checking its tag. */
export function childrenWithTag(bytes: Uint8Array, tlv: Tlv | undefined, tag: number, what: string, max = MAX_SEQUENCE_ITEMS): Tlv[] {
  return childrenOf(bytes, expectTag(tlv, tag, what), max);
}

/** DER BOOLEAN: one octet, 0x00 or 0xFF (X.690 §11.1). */
export function readBoolean(bytes: Uint8Array, tlv: Tlv | undefined, what: string): boolean {
  const content = contentOf(bytes, expectTag(tlv, TAG.BOOLEAN, what));
  if (content.length !== 1 || (content[0] !== 0x00 && content[0] !== 0xff)) throw new RangeError(`DER: ${what} is not a DER BOOLEAN`);
  return content[0] === 0xff;
}

/** Content octets of an INTEGER, checked to be minimal two's complement (X.690 §8.3.2). */
export function integerContent(bytes: Uint8Array, tlv: Tlv | undefined, what: string, tag: number = TAG.INTEGER): Uint8Array {
  const content = contentOf(bytes, expectTag(tlv, tag, what));
  if (content.length === 0) throw new RangeError(`DER: ${what} is an empty INTEGER`);
  if (content.length > 1) {
    const [b0, b1] = [content[0]!, content[1]!];
    if ((b0 === 0x00 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80)) throw new RangeError(`DER: ${what} is a non-minimal INTEGER`);
  }
  return content;
}

/** A small non-negative INTEGER (versions, pathLenConstraint, skip counts) as a number; huge values saturate. */
export function readSmallInteger(bytes: Uint8Array, tlv: Tlv | undefined, what: string, tag: number = TAG.INTEGER): number {
  const content = integerContent(bytes, tlv, what, tag);
  if (content[0]! & 0x80) throw new RangeError(`DER: ${what} is negative`);
  let value = 0;
  for (const b of content) value = Math.min(value * 256 + b, Number.MAX_SAFE_INTEGER);
  return value;
}

/**
 * Hex of a serial number as people and CRLs compare it: the INTEGER's content octets without the sign-only
 * leading 0x00, lower case. Negative serials keep their two's-complement octets (they never equal a positive one).
 */
export function serialHexOf(content: Uint8Array): string {
  const magnitude = content.length > 1 && content[0] === 0 ? content.subarray(1) : content;
  return toHex(magnitude);
}

export interface BitString {
  unusedBits: number;
  bytes: Uint8Array;
}

/** DER BIT STRING: unused-bit count 0..7, unused bits zero, no unused bits in an empty string (X.690 §11.2). */
export function readBitString(bytes: Uint8Array, tlv: Tlv | undefined, what: string): BitString {
  const content = contentOf(bytes, expectTag(tlv, TAG.BIT_STRING, what));
  if (content.length === 0) throw new RangeError(`DER: ${what} is an empty BIT STRING`);
  const unusedBits = content[0]!;
  if (unusedBits > 7) throw new RangeError(`DER: ${what} has ${unusedBits} unused bits`);
  const data = content.subarray(1);
  if (data.length === 0 && unusedBits !== 0) throw new RangeError(`DER: ${what} has unused bits but no data`);
  if (unusedBits && (data[data.length - 1]! & ((1 << unusedBits) - 1)) !== 0) throw new RangeError(`DER: ${what} has non-zero unused bits`);
  return { unusedBits, bytes: data };
}

/** A BIT STRING that holds whole octets (signature values, keys). */
export function readOctetAlignedBitString(bytes: Uint8Array, tlv: Tlv | undefined, what: string): Uint8Array {
  const bits = readBitString(bytes, tlv, what);
  if (bits.unusedBits !== 0) throw new RangeError(`DER: ${what} is not octet-aligned`);
  return bits.bytes;
}

/** The numbers of the bits set in a named-bit BIT STRING (bit 0 is the most significant bit of the first octet). */
export function setBits(bits: BitString): number[] {
  const out: number[] = [];
  for (let i = 0; i < bits.bytes.length * 8 - bits.unusedBits; i++) {
    if (bits.bytes[i >> 3]! & (0x80 >> (i & 7))) out.push(i);
  }
  return out;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function timeFromDigits(year: number, digits: string, what: string): Date {
  const [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map((i) => Number(digits.slice(i, i + 2)));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month! - 1];
  if (!monthDays || day! < 1 || day! > monthDays || hour! > 23 || minute! > 59 || second! > 59) {
    throw new RangeError(`DER: ${what} is not a valid date`);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month! - 1, day!);
  date.setUTCHours(hour!, minute!, second!, 0);
  return date;
}

/**
 * RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ (YY >= 50 is 19YY) or GeneralizedTime YYYYMMDDHHMMSSZ, both in UTC,
 * with seconds and without fractions. Anything else is refused rather than guessed.
 */
export function readTime(bytes: Uint8Array, tlv: Tlv | undefined, what: string): Date {
  if (!tlv) throw new RangeError(`DER: ${what} is missing`);
  const text = latin1String(contentOf(bytes, tlv));
  if (tlv.tag === TAG.UTC_TIME) {
    if (!/^\d{12}Z$/.test(text)) throw new RangeError(`DER: ${what} is not a UTCTime of the form YYMMDDHHMMSSZ`);
    const yy = Number(text.slice(0, 2));
    return timeFromDigits(yy >= 50 ? 1900 + yy : 2000 + yy, text.slice(2, 12), what);
  }
  if (tlv.tag === TAG.GENERALIZED_TIME) {
    if (!/^\d{14}Z$/.test(text)) throw new RangeError(`DER: ${what} is not a GeneralizedTime of the form YYYYMMDDHHMMSSZ`);
    return timeFromDigits(Number(text.slice(0, 4)), text.slice(4, 14), what);
  }
  throw new RangeError(`DER: ${what} has tag 0x${tlv.tag.toString(16)}, expected a time`);
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function ascii(content: Uint8Array, what: string): string {
  for (const b of content) if (b > 0x7f) throw new RangeError(`DER: ${what} holds a non-ASCII byte`);
  return latin1String(content);
}

/** An IA5String (e-mail addresses, DNS names, URIs): ASCII only (RFC 5280 §4.2.1.6, §7.2-7.4). */
export function readIa5String(bytes: Uint8Array, tlv: Tlv | undefined, what: string, tag: number = TAG.IA5_STRING): string {
  return ascii(contentOf(bytes, expectTag(tlv, tag, what)), what);
}

/** True for the string types RFC 5280 §7.1 compares case-insensitively (DirectoryString choices). */
export function isDirectoryStringTag(tag: number): boolean {
  return tag === TAG.PRINTABLE_STRING || tag === TAG.UTF8_STRING || tag === TAG.BMP_STRING || tag === TAG.UNIVERSAL_STRING;
}

const CHARACTER_STRING_TAGS: ReadonlySet<number> = new Set([
  TAG.UTF8_STRING, TAG.PRINTABLE_STRING, TAG.IA5_STRING, TAG.NUMERIC_STRING, TAG.VISIBLE_STRING,
  TAG.TELETEX_STRING, TAG.BMP_STRING, TAG.UNIVERSAL_STRING,
]);

/** True for the character-string types decodeStringValue reads. */
export function isCharacterStringTag(tag: number): boolean {
  return CHARACTER_STRING_TAGS.has(tag);
}

/**
 * Text of a character-string value, or undefined when `tag` is not a string type. TeletexString is read as
 * Latin-1, which is what the CAs that still emit it put in it.
 */
export function decodeStringValue(tag: number, content: Uint8Array, what: string): string | undefined {
  switch (tag) {
    case TAG.UTF8_STRING:
      try {
        return utf8Strict.decode(content);
      } catch {
        throw new RangeError(`DER: ${what} is not valid UTF-8`);
      }
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.NUMERIC_STRING:
    case TAG.VISIBLE_STRING:
      return ascii(content, what);
    case TAG.TELETEX_STRING:
      return latin1String(content);
    case TAG.BMP_STRING: {
      if (content.length % 2) throw new RangeError(`DER: ${what} BMPString has an odd length`);
      let s = '';
      for (let i = 0; i < content.length; i += 2) s += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      if (content.length % 4) throw new RangeError(`DER: ${what} UniversalString length is not a multiple of 4`);
      let s = '';
      for (let i = 0; i < content.length; i += 4) {
        const cp = ((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new RangeError(`DER: ${what} holds an invalid code point`);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}
