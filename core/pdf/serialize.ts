/**
 * Writing PDF objects back as text (ISO 32000-2, 7.3), for the few dictionaries and arrays an incremental update
 * rewrites. The output is Latin-1: one character per byte.
 */
import { ImzalaError } from '../errors.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects.js';

const HEX = '0123456789ABCDEF';

function hexByte(b: number): string {
  return HEX[b >> 4]! + HEX[b & 15]!;
}

/** Characters that cannot appear raw in a name: whitespace, delimiters, '#', and anything outside 0x21-0x7E. */
function nameText(name: string): string {
  let out = '/';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i) & 0xff;
    const raw = c > 0x20 && c < 0x7f && !'()<>[]{}/%#'.includes(name[i]!);
    out += raw ? name[i] : `#${hexByte(c)}`;
  }
  return out;
}

/** A number as PDF writes it: integers plainly, reals in fixed notation (PDF has no exponent form). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new ImzalaError('PDF_UNSUPPORTED_STRUCTURE', 'a number cannot be written', { value: String(n) });
  if (Number.isInteger(n)) return String(n);
  const text = String(n);
  if (!text.includes('e')) return text;
  return n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

/** A string: hex when it was hex (signature values, IDs), else a literal with ( ) \ and CR escaped. */
export function stringText(s: PdfString): string {
  if (s.hex) {
    let out = '<';
    for (const b of s.bytes) out += hexByte(b);
    return `${out}>`;
  }
  let out = '(';
  for (const b of s.bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    // A raw CR would be read back as LF (7.3.4.2).
    else if (b === 0x0d) out += '\\r';
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

/** The object as PDF text. Streams cannot be written this way (their data is not held). */
export function serializePdfObject(value: PdfObject): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value);
  if (value instanceof PdfName) return nameText(value.name);
  if (value instanceof PdfString) return stringText(value);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(serializePdfObject).join(' ')}]`;
  if (value instanceof PdfDict) {
    const parts: string[] = [];
    for (const [key, v] of value.entries) parts.push(`${nameText(key)} ${serializePdfObject(v)}`);
    return parts.length === 0 ? '<<>>' : `<< ${parts.join(' ')} >>`;
  }
  if (value instanceof PdfStream) {
    throw new ImzalaError('PDF_UNSUPPORTED_STRUCTURE', 'a stream object would have to be rewritten', {});
  }
  throw new ImzalaError('PDF_UNSUPPORTED_STRUCTURE', 'an unknown object cannot be written', {});
}
