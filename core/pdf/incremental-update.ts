/**
 * Writes an incremental update (ISO 32000-2, 7.5.6): new and rewritten objects, then a cross-reference section of
 * the kind the previous revision used (a classic table with a trailer, or an uncompressed cross-reference stream),
 * `startxref` and `%%EOF`. Nothing before the update changes, so every earlier signature stays valid.
 */
import { concatBytes, latin1Bytes } from '../encoding/bytes.js';
import { PdfDict, PdfName, type PdfObject } from './objects.js';
import { serializePdfObject } from './serialize.js';

export interface UpdateObject {
  num: number;
  gen: number;
  /** The object's text between `obj` and `endobj` (Latin-1). */
  body: string;
}

export interface IncrementalUpdateInput {
  /** Size of the file the update is appended to. */
  fileSize: number;
  /** The file does not end with an end-of-line: the update starts with one. */
  leadingNewline: boolean;
  objects: readonly UpdateObject[];
  xrefKind: 'table' | 'stream';
  /** Offset of the previous cross-reference section (/Prev). */
  prevXref: number;
  /** Trailer entries to carry: Root, Info, ID (Size and Prev are set here). */
  trailer: PdfDict;
  /** /Size before the update: one more than the highest object number the file uses. */
  size: number;
}

export interface BuiltUpdate {
  bytes: Uint8Array;
  /** File offset of each object's body (just after `n g obj\n`), by object number. */
  bodyOffsets: Map<number, number>;
}

function tableSection(entries: { num: number; gen: number; offset: number }[]): string {
  let out = 'xref\n';
  for (let i = 0; i < entries.length; ) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1]!.num === entries[j]!.num + 1) j++;
    out += `${entries[i]!.num} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      // Exactly 20 bytes per entry (7.5.4).
      out += `${String(entries[k]!.offset).padStart(10, '0')} ${String(entries[k]!.gen).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

function subsectionIndex(nums: number[]): number[] {
  const index: number[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    index.push(nums[i]!, j - i + 1);
    i = j + 1;
  }
  return index;
}

/** Builds the update's bytes with exact offsets. */
export function buildIncrementalUpdate(input: IncrementalUpdateInput): BuiltUpdate {
  const pieces: Uint8Array[] = [];
  const bodyOffsets = new Map<number, number>();
  let at = input.fileSize;
  const add = (bytes: Uint8Array): void => {
    pieces.push(bytes);
    at += bytes.length;
  };
  if (input.leadingNewline) add(latin1Bytes('\n'));
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const o of input.objects) {
    const head = `${o.num} ${o.gen} obj\n`;
    entries.push({ num: o.num, gen: o.gen, offset: at });
    bodyOffsets.set(o.num, at + head.length);
    add(latin1Bytes(`${head}${o.body}\nendobj\n`));
  }

  const trailer = new PdfDict();
  for (const key of ['Root', 'Info', 'ID']) if (input.trailer.has(key)) trailer.set(key, input.trailer.get(key));
  const highest = Math.max(input.size, ...input.objects.map((o) => o.num + 1));

  if (input.xrefKind === 'table') {
    entries.sort((a, b) => a.num - b.num);
    const xrefAt = at;
    const withSize = new PdfDict();
    withSize.set('Size', highest);
    for (const [k, v] of trailer.entries) withSize.set(k, v);
    withSize.set('Prev', input.prevXref);
    add(latin1Bytes(`${tableSection(entries)}trailer\n${serializePdfObject(withSize)}\nstartxref\n${xrefAt}\n%%EOF\n`));
    return { bytes: concatBytes(...pieces), bodyOffsets };
  }

  // A cross-reference stream lists itself too (7.5.8.3), so it takes the next free number.
  const xrefNum = highest;
  const xrefAt = at;
  entries.push({ num: xrefNum, gen: 0, offset: xrefAt });
  entries.sort((a, b) => a.num - b.num);
  let offsetWidth = 4;
  while (xrefAt >= 2 ** (8 * offsetWidth)) offsetWidth++;
  const rowBytes = 1 + offsetWidth + 2;
  const data = new Uint8Array(entries.length * rowBytes);
  entries.forEach((e, i) => {
    const row = i * rowBytes;
    data[row] = 1;
    let v = e.offset;
    for (let k = offsetWidth; k >= 1; k--) {
      data[row + k] = v % 256;
      v = Math.floor(v / 256);
    }
    data[row + offsetWidth + 1] = e.gen >> 8;
    data[row + offsetWidth + 2] = e.gen & 0xff;
  });
  const dict = new PdfDict();
  dict.set('Type', new PdfName('XRef'));
  dict.set('Size', xrefNum + 1);
  for (const [k, v] of trailer.entries) dict.set(k, v);
  dict.set('Prev', input.prevXref);
  dict.set('W', [1, offsetWidth, 2]);
  dict.set('Index', subsectionIndex(entries.map((e) => e.num)) as PdfObject[]);
  dict.set('Length', data.length);
  add(latin1Bytes(`${xrefNum} 0 obj\n${serializePdfObject(dict)}\nstream\n`));
  add(data);
  add(latin1Bytes(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  return { bytes: concatBytes(...pieces), bodyOffsets };
}
