/**
 * PDF text strings (ISO 32000-2, 7.9.2.2): PDFDocEncoding, UTF-16BE with a byte order mark, or (PDF 2.0) UTF-8
 * with a byte order mark. Signature dictionaries carry the signer's name, reason and place in them, often in
 * Azerbaijani, which PDFDocEncoding cannot hold (ə), so writing falls back to UTF-16BE.
 */

/** PDFDocEncoding code points that differ from Latin-1 (Annex D, table D.2). */
const PDF_DOC_DIFFERENCES: Readonly<Record<number, number>> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0xa0: 0x20ac,
};

const utf16be = new TextDecoder('utf-16be');
const utf8 = new TextDecoder('utf-8');

/** Decodes a PDF text string to a JavaScript string. */
export function decodePdfTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(PDF_DOC_DIFFERENCES[b] ?? b);
  return s;
}

/**
 * Encodes text for a PDF text string: printable ASCII stays one byte per character (readable in the file);
 * anything else becomes UTF-16BE with a byte order mark.
 */
export function encodePdfTextString(text: string): Uint8Array {
  if (/^[\x20-\x7e]*$/.test(text)) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = unit >> 8;
    out[3 + i * 2] = unit & 0xff;
  }
  return out;
}
