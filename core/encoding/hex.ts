/** Hexadecimal encoding. */

const HEX = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b >> 4]! + HEX[b & 15]!;
  return s;
}

/** Upper-case, colon-separated form used for fingerprints shown to people. */
export function toFingerprint(bytes: Uint8Array): string {
  return toHex(bytes).toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

/**
 * Decodes hex digits; whitespace is ignored. Throws RangeError on any other character.
 * An odd count of digits is completed with a trailing 0 (as PDF hex strings are).
 */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) throw new RangeError('not a hex string');
  const even = digits.length % 2 ? digits + '0' : digits;
  const out = new Uint8Array(even.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(even.substr(i * 2, 2), 16);
  return out;
}
