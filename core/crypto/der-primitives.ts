/**
 * Strict decoding of the few DER values the signature code reads itself: OBJECT IDENTIFIER, INTEGER, NULL
 * and AlgorithmIdentifier. Built on the shared TLV walker (core/encoding/der-reader.ts). Every deviation
 * from DER throws RangeError; the callers turn it into their own named code (MALFORMED_PUBLIC_KEY, ...).
 * The structures read here have a fixed shape, so nothing recurses on hostile input.
 */
import { toHex } from '../encoding/hex.js';
import { children, contentOf, encodingOf, readTlv, TAG, type Tlv } from '../encoding/der-reader.js';
import type { AlgorithmIdentifierDer } from './signature-algorithms.js';

/** Longest OBJECT IDENTIFIER content accepted: real ones are far shorter; this bounds the work. */
const MAX_OID_BYTES = 64;

/** Reads one TLV that must fill `bytes` exactly (no trailing bytes). */
export function readWholeTlv(bytes: Uint8Array): Tlv {
  const tlv = readTlv(bytes, 0, bytes.length);
  if (tlv.end !== bytes.length) throw new RangeError('DER: trailing bytes after the value');
  return tlv;
}

/** The children of a constructed TLV, refusing more than `maxCount` of them. */
export function childrenOf(bytes: Uint8Array, parent: Tlv, maxCount: number): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new RangeError('DER: expected a constructed value');
  const out = children(bytes, parent);
  if (out.length > maxCount) throw new RangeError(`DER: more than ${maxCount} elements`);
  return out;
}

/** `tlv` itself when present with the expected tag; RangeError naming `what` otherwise. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv) throw new RangeError(`DER: ${what} is missing`);
  if (tlv.tag !== tag) throw new RangeError(`DER: ${what} has tag 0x${tlv.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return tlv;
}

/** Dotted form of an OBJECT IDENTIFIER's content octets (X.690 §8.19), minimal encoding required. */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0 || content.length > MAX_OID_BYTES) throw new RangeError('DER: bad OBJECT IDENTIFIER length');
  if ((content[content.length - 1]! & 0x80) !== 0) throw new RangeError('DER: OBJECT IDENTIFIER ends inside a sub-identifier');
  // Arcs may exceed 2^53: UUID-based OIDs (2.25.<128-bit integer>, X.667) are legitimate, so arcs are BigInts.
  const arcs: bigint[] = [];
  let value = 0n;
  let startOfArc = true;
  for (const byte of content) {
    // A leading 0x80 would be a non-minimal (padded) sub-identifier.
    if (startOfArc && byte === 0x80) throw new RangeError('DER: non-minimal OBJECT IDENTIFIER sub-identifier');
    value = (value << 7n) | BigInt(byte & 0x7f);
    startOfArc = (byte & 0x80) === 0;
    if (startOfArc) {
      arcs.push(value);
      value = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** The dotted OBJECT IDENTIFIER at `tlv`. */
export function readOid(bytes: Uint8Array, tlv: Tlv | undefined, what = 'OBJECT IDENTIFIER'): string {
  return decodeOid(contentOf(bytes, expectTag(tlv, TAG.OID, what)));
}

/**
 * A non-negative INTEGER in minimal two's-complement form (X.690 §8.3.2). Negative values are refused:
 * nothing the signature code reads (moduli, exponents, r, s, salt lengths) may be negative.
 */
export function decodeNonNegativeInteger(content: Uint8Array, maxBytes: number): bigint {
  if (content.length === 0) throw new RangeError('DER: empty INTEGER');
  if (content.length > 1) {
    const [b0, b1] = [content[0]!, content[1]!];
    if ((b0 === 0x00 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80)) throw new RangeError('DER: non-minimal INTEGER');
  }
  if (content[0]! & 0x80) throw new RangeError('DER: negative INTEGER');
  // One leading zero octet is allowed on top of maxBytes: it only carries the sign.
  const magnitude = content[0] === 0 ? content.subarray(1) : content;
  if (magnitude.length > maxBytes) throw new RangeError(`DER: INTEGER longer than ${maxBytes} bytes`);
  return magnitude.length === 0 ? 0n : BigInt('0x' + toHex(magnitude));
}

/** The non-negative INTEGER at `tlv`, at most `maxBytes` long (bounds hostile sizes). */
export function readNonNegativeInteger(bytes: Uint8Array, tlv: Tlv | undefined, maxBytes: number, what = 'INTEGER'): bigint {
  return decodeNonNegativeInteger(contentOf(bytes, expectTag(tlv, TAG.INTEGER, what)), maxBytes);
}

/** True for the DER NULL value `05 00`. */
export function isDerNull(encoded: Uint8Array | undefined): boolean {
  return encoded !== undefined && encoded.length === 2 && encoded[0] === TAG.NULL && encoded[1] === 0;
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL } at `tlv`. */
export function readAlgorithmIdentifierAt(bytes: Uint8Array, tlv: Tlv | undefined, what = 'AlgorithmIdentifier'): AlgorithmIdentifierDer {
  const seq = expectTag(tlv, TAG.SEQUENCE, what);
  const [algorithm, parameters, ...rest] = childrenOf(bytes, seq, 2);
  if (rest.length) throw new RangeError(`DER: ${what} has extra elements`);
  const oid = readOid(bytes, algorithm, `${what}.algorithm`);
  return parameters ? { oid, parameters: encodingOf(bytes, parameters) } : { oid };
}

/** Reads a whole DER AlgorithmIdentifier (e.g. the bytes pkijs gives for a signatureAlgorithm). */
export function decodeAlgorithmIdentifier(der: Uint8Array): AlgorithmIdentifierDer {
  return readAlgorithmIdentifierAt(der, readWholeTlv(der));
}

/** Big-endian unsigned bytes of `value`, left-padded with zeros to `length`; throws if it does not fit. */
export function integerToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('negative integer');
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v > 0n) throw new RangeError('integer too large');
  return out;
}

/** Unsigned big-endian bytes as a bigint (OS2IP, RFC 8017 §4.2). */
export function bytesToInteger(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + toHex(bytes));
}
