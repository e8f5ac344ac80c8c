/**
 * Cross-reference data (ISO 32000-2, 7.5.4-7.5.8): `startxref`, classic tables with their trailers, cross-reference
 * streams, hybrid files (/XRefStm) and the /Prev chain of incremental updates. Each section of the chain is read
 * once; the merged table keeps, for every object number, the entry of the newest section that defines it.
 */
import { ImzalaError } from '../errors.js';
import { latin1Bytes, latin1String } from '../encoding/bytes.js';
import { FileWindow, lastIndexOfBytes } from './file-window.js';
import { PdfDict, PdfStream, isDict, isInteger, nameOf, type PdfObject } from './objects.js';
import type { PdfParser } from './parser.js';
import { decodeStreamData } from './stream-filters.js';

/** Kinds of entries: an object at a file offset (InUse), inside an object stream (Compressed), or Free. */
export const XrefEntryType = { Unset: 0, InUse: 1, Compressed: 2, Free: 3 } as const;
export type XrefEntryType = (typeof XrefEntryType)[keyof typeof XrefEntryType];

/**
 * Object number -> location, in typed arrays that grow with the highest object number seen (bounded by
 * maxObjectNumber), so a table of 100 000 objects costs about 1.3 MB, not a Map of objects.
 */
export class XrefTable {
  private types = new Uint8Array(0);
  /** Offset (in use) or object-stream number (compressed). */
  private fields = new Float64Array(0);
  /** Generation (in use) or index inside the object stream (compressed). */
  private seconds = new Uint32Array(0);
  /** One more than the highest object number with an entry. */
  highest = 0;

  constructor(private readonly maxObjectNumber: number) {}

  private ensure(num: number): void {
    if (num < this.types.length) return;
    let capacity = Math.max(16, this.types.length);
    while (capacity <= num) capacity *= 2;
    capacity = Math.min(capacity, this.maxObjectNumber + 1);
    const types = new Uint8Array(capacity);
    types.set(this.types);
    const fields = new Float64Array(capacity);
    fields.set(this.fields);
    const seconds = new Uint32Array(capacity);
    seconds.set(this.seconds);
    this.types = types;
    this.fields = fields;
    this.seconds = seconds;
  }

  /** Records an entry unless a newer section already defined this object number. */
  setIfAbsent(num: number, type: XrefEntryType, field: number, second: number): void {
    this.checkNumber(num);
    if (num < this.types.length && this.types[num] !== XrefEntryType.Unset) return;
    this.set(num, type, field, second);
  }

  /** Records an entry, replacing any earlier one (reconstruction: the later object in the file wins). */
  set(num: number, type: XrefEntryType, field: number, second: number): void {
    this.checkNumber(num);
    this.ensure(num);
    this.types[num] = type;
    this.fields[num] = field;
    this.seconds[num] = second;
    if (num + 1 > this.highest) this.highest = num + 1;
  }

  private checkNumber(num: number): void {
    if (!Number.isSafeInteger(num) || num < 0 || num > this.maxObjectNumber) {
      throw new ImzalaError('PDF_XREF_TOO_LARGE', 'an object number is beyond the limit', {
        objectNumber: num,
        maxObjectNumber: this.maxObjectNumber,
      });
    }
  }

  get(num: number): { type: XrefEntryType; field: number; second: number } {
    if (num < 0 || num >= this.types.length) return { type: XrefEntryType.Unset, field: 0, second: 0 };
    return { type: this.types[num] as XrefEntryType, field: this.fields[num]!, second: this.seconds[num]! };
  }

  /** Object numbers with an entry of the given type, in order. */
  *numbers(type: XrefEntryType): Generator<number> {
    for (let n = 0; n < this.highest; n++) if (this.types[n] === type) yield n;
  }
}

export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  /** File offset where the section's own bytes end (after the trailer dictionary or the stream data). */
  end: number;
  /** The entries this section itself defines: what its update (re)wrote or freed. */
  entries: XrefEntries;
  /** A hybrid file's /XRefStm entries, which complete this table section (7.5.8.4). */
  streamEntries: XrefEntries | null;
}

/** One section's own entries, read-only. */
export interface XrefEntries {
  readonly length: number;
  forEach(visit: (num: number, type: XrefEntryType, field: number, second: number) => void): void;
}

/** Entries of one section in growing typed arrays: a table of a million entries costs 17 MB, not objects. */
class EntryList implements XrefEntries {
  length = 0;
  private nums = new Uint32Array(64);
  private types = new Uint8Array(64);
  private fields = new Float64Array(64);
  private seconds = new Uint32Array(64);

  push(num: number, type: XrefEntryType, field: number, second: number): void {
    if (this.length === this.nums.length) {
      const grow = <T extends Uint32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const next = make(a.length * 2);
        next.set(a);
        return next;
      };
      this.nums = grow(this.nums, (n) => new Uint32Array(n));
      this.types = grow(this.types, (n) => new Uint8Array(n));
      this.fields = grow(this.fields, (n) => new Float64Array(n));
      this.seconds = grow(this.seconds, (n) => new Uint32Array(n));
    }
    this.nums[this.length] = num;
    this.types[this.length] = type;
    this.fields[this.length] = field;
    this.seconds[this.length] = second;
    this.length++;
  }

  forEach(visit: (num: number, type: XrefEntryType, field: number, second: number) => void): void {
    for (let i = 0; i < this.length; i++) visit(this.nums[i]!, this.types[i] as XrefEntryType, this.fields[i]!, this.seconds[i]!);
  }


}

interface ParsedSection extends Omit<XrefSection, 'streamEntries'> {
  entries: EntryList;
}

/**
 * Adds one section's entries to a table built newest section first: its in-use entries, then a hybrid file's
 * /XRefStm entries (the table lists the objects it hides as free, so its free entries must not shadow the
 * stream's), then its free entries.
 */
export function applySection(table: XrefTable, section: XrefSection): void {
  const apply = (entries: XrefEntries, which: 'free' | 'used'): void =>
    entries.forEach((num, type, field, second) => {
      if ((type === XrefEntryType.Free) === (which === 'free')) table.setIfAbsent(num, type, field, second);
    });
  apply(section.entries, 'used');
  if (section.streamEntries) apply(section.streamEntries, 'used');
  apply(section.entries, 'free');
}

const STARTXREF = latin1Bytes('startxref');
const TAIL_BYTES = 2048;

/** The offset after the last `startxref` in the file's tail, or null when there is none (trailing junk is fine). */
export async function findStartxref(file: FileWindow): Promise<number | null> {
  const from = Math.max(0, file.size - TAIL_BYTES);
  const tail = await file.read(from, file.size - from);
  const at = lastIndexOfBytes(tail, STARTXREF);
  if (at < 0) return null;
  const m = /^[\0\t\n\f\r ]*(\d{1,15})/.exec(latin1String(tail.subarray(at + STARTXREF.length, at + STARTXREF.length + 40)));
  return m ? Number(m[1]) : null;
}

function corrupt(message: string, details: Record<string, unknown>): ImzalaError {
  return new ImzalaError('PDF_XREF_CORRUPT', message, details);
}

/** Reads `xref` subsections and the `trailer` dictionary from the parser's position (7.5.4, 7.5.5). */
function parseXrefTable(parser: PdfParser, offset: number, maxObjectNumber: number): ParsedSection {
  const head = parser.next();
  if (head.kind !== 'keyword' || head.value !== 'xref') throw corrupt('no "xref" keyword', { offset });
  const entries = new EntryList();
  for (;;) {
    const t = parser.next();
    if (t.kind === 'keyword' && t.value === 'trailer') break;
    const countToken = parser.next();
    if (t.kind !== 'number' || !t.integer || t.value < 0 || countToken.kind !== 'number' || !countToken.integer || countToken.value < 0) {
      throw corrupt('bad cross-reference subsection header', { offset: parser.lexer.fileOffset(t.start) });
    }
    if (t.value + countToken.value > maxObjectNumber + 1) {
      throw new ImzalaError('PDF_XREF_TOO_LARGE', 'a cross-reference subsection is beyond the object limit', {
        offset: parser.lexer.fileOffset(t.start),
        maxObjectNumber,
      });
    }
    for (let i = 0; i < countToken.value; i++) {
      const field = parser.next();
      const gen = parser.next();
      const flag = parser.next();
      if (field.kind !== 'number' || !field.integer || gen.kind !== 'number' || !gen.integer || flag.kind !== 'keyword' || (flag.value !== 'n' && flag.value !== 'f')) {
        throw corrupt('bad cross-reference entry', { offset: parser.lexer.fileOffset(field.start) });
      }
      const num = t.value + i;
      if (flag.value === 'f') entries.push(num, XrefEntryType.Free, 0, gen.value);
      // An in-use entry at offset 0 points at the header, never at an object: writers use it for "not here".
      else if (field.value > 0) entries.push(num, XrefEntryType.InUse, field.value, gen.value);
    }
  }
  const trailer = parser.parseObject();
  if (!isDict(trailer)) throw corrupt('the trailer is not a dictionary', { offset });
  return { offset, kind: 'table', trailer, end: parser.lexer.fileOffset(parser.position), entries };
}

/** Reads a cross-reference stream (7.5.8) at `offset`. */
async function readXrefStream(file: FileWindow, offset: number): Promise<ParsedSection> {
  const object = await file.parseAt(offset, (p) => p.parseIndirectObject());
  const stream = object.value;
  if (!(stream instanceof PdfStream) || nameOf(stream.dict.get('Type')) !== 'XRef') {
    throw corrupt('no cross-reference stream at the offset', { offset });
  }
  const dict = stream.dict;
  const length = dict.get('Length');
  // The cross-reference stream is read before any other object can be found, so its entries must be direct.
  if (!isInteger(length) || length < 0) throw corrupt('the cross-reference stream has no direct /Length', { offset });
  if (length > file.limits.maxStreamBytes) {
    throw new ImzalaError('PDF_STREAM_TOO_LARGE', 'the cross-reference stream is larger than the limit', { offset, length });
  }
  if (stream.dataStart + length > file.size) throw new ImzalaError('PDF_TRUNCATED', 'the cross-reference stream runs past the end of the file', { offset });
  const raw = await file.readExactly(stream.dataStart, length);
  const { filters, parms } = directFilters(dict, offset);
  const decoded = await decodeStreamData(raw, filters, parms, file.limits.maxDecodedStreamBytes);
  if (!decoded.complete) throw corrupt('the cross-reference stream data is damaged', { offset });
  const data = decoded.bytes;

  const w = dict.get('W');
  if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => isInteger(x) && x >= 0 && x <= 8)) {
    throw corrupt('bad /W in the cross-reference stream', { offset });
  }
  const widths = w as number[];
  const rowBytes = widths[0]! + widths[1]! + widths[2]!;
  if (rowBytes === 0) throw corrupt('bad /W in the cross-reference stream', { offset });
  const size = dict.get('Size');
  if (!isInteger(size) || size < 0) throw corrupt('no /Size in the cross-reference stream', { offset });
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((x) => isInteger(x) && x >= 0)) {
    throw corrupt('bad /Index in the cross-reference stream', { offset });
  }
  const entries = new EntryList();
  let at = 0;
  const readField = (width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + data[at++]!;
    return v;
  };
  for (let i = 0; i < index.length; i += 2) {
    const start = index[i] as number;
    const count = index[i + 1] as number;
    if (start + count > file.limits.maxObjectNumber + 1) {
      throw new ImzalaError('PDF_XREF_TOO_LARGE', 'a cross-reference stream is beyond the object limit', {
        offset,
        maxObjectNumber: file.limits.maxObjectNumber,
      });
    }
    if (at + count * rowBytes > data.length) throw corrupt('the cross-reference stream is shorter than its /Index', { offset });
    for (let k = 0; k < count; k++) {
      const type = readField(widths[0]!, 1);
      const field = readField(widths[1]!, 0);
      const second = readField(widths[2]!, 0);
      const num = start + k;
      if (type === 0) entries.push(num, XrefEntryType.Free, 0, second);
      else if (type === 1 && field > 0) entries.push(num, XrefEntryType.InUse, field, second);
      else if (type === 2) entries.push(num, XrefEntryType.Compressed, field, second);
      // Other types are reserved and read as null objects (7.5.8.3).
    }
  }
  return { offset, kind: 'stream', trailer: dict, end: stream.dataStart + length, entries };
}

/** /Filter and /DecodeParms of a stream read before the xref exists: both must be direct. */
export function directFilters(dict: PdfDict, offset: number): { filters: string[]; parms: (PdfDict | null)[] } {
  const filter = dict.get('Filter');
  const parm = dict.get('DecodeParms');
  const filterList: PdfObject[] = filter === null ? [] : Array.isArray(filter) ? filter : [filter];
  const parmList: PdfObject[] = parm === null ? [] : Array.isArray(parm) ? parm : [parm];
  const filters = filterList.map((f) => {
    const name = nameOf(f);
    if (name === null) throw corrupt('a stream /Filter is not a name', { offset });
    return name;
  });
  const parms = filters.map((_, i) => {
    const p = parmList[i] ?? null;
    if (p !== null && !isDict(p)) throw corrupt('a stream /DecodeParms is not a dictionary', { offset });
    return p;
  });
  return { filters, parms };
}

/** Reads the section at `offset`: a table when the keyword `xref` is there, else a cross-reference stream. */
async function readSection(file: FileWindow, offset: number): Promise<ParsedSection> {
  const head = await file.read(offset, 4);
  if (head.length === 4 && latin1String(head) === 'xref') {
    // A table holds three tokens per entry; its token bound follows the object bound, not the per-object one.
    return file.parseAt(offset, (p) => parseXrefTable(p, offset, file.limits.maxObjectNumber), file.limits.maxObjectNumber * 3 + 4096);
  }
  return readXrefStream(file, offset);
}

export interface XrefChain {
  table: XrefTable;
  /** Newest first, as the /Prev chain runs. */
  sections: XrefSection[];
  /** Size, Root, Info, ID, Encrypt: the newest value of each along the chain. */
  trailer: PdfDict;
}

const TRAILER_KEYS = ['Size', 'Root', 'Info', 'ID', 'Encrypt'];

/**
 * Follows `startxref` and the /Prev chain. Throws PDF_XREF_LOOP for a chain that comes back to a section,
 * PDF_XREF_CHAIN_TOO_LONG past the bound, and other ImzalaErrors when a section cannot be read (the caller then
 * reconstructs the table by scanning).
 */
export async function readXrefChain(file: FileWindow, startxref: number): Promise<XrefChain> {
  const table = new XrefTable(file.limits.maxObjectNumber);
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let offset: number | null = startxref;
  while (offset !== null) {
    if (seen.has(offset)) throw new ImzalaError('PDF_XREF_LOOP', 'the /Prev chain of cross-reference sections loops', { offset });
    if (sections.length >= file.limits.maxXrefSections) {
      throw new ImzalaError('PDF_XREF_CHAIN_TOO_LONG', 'too many cross-reference sections', { maxXrefSections: file.limits.maxXrefSections });
    }
    seen.add(offset);
    const section = await readSection(file, offset);
    // Hybrid file (7.5.8.4): the /XRefStm stream completes this table section before /Prev is read.
    const xrefStm = section.trailer.get('XRefStm');
    let streamEntries: EntryList | null = null;
    if (section.kind === 'table' && isInteger(xrefStm) && !seen.has(xrefStm)) {
      seen.add(xrefStm);
      streamEntries = (await readXrefStream(file, xrefStm)).entries;
    }
    const kept: XrefSection = { offset: section.offset, kind: section.kind, trailer: section.trailer, end: section.end, entries: section.entries, streamEntries };
    applySection(table, kept);
    sections.push(kept);
    const prev = section.trailer.get('Prev');
    offset = isInteger(prev) && prev >= 0 ? prev : null;
  }
  const trailer = new PdfDict();
  for (const s of [...sections].reverse()) {
    for (const key of TRAILER_KEYS) if (s.trailer.has(key)) trailer.set(key, s.trailer.get(key));
  }
  return { table, sections, trailer };
}

const EOF_MARKER = latin1Bytes('%%EOF');
/** How far after a section its %%EOF is looked for: only `startxref`, a number and comments belong there. */
const EOF_SEARCH_BYTES = 64 * 1024;

/**
 * The first `%%EOF` at or after `from`: `markerEnd` just after the marker, `end` after it and one end-of-line
 * (CRLF, LF or CR) when there is one; null when no marker is near.
 */
export async function revisionEndAfter(file: FileWindow, from: number): Promise<{ end: number; markerEnd: number } | null> {
  const at = await file.indexOf(EOF_MARKER, from, EOF_SEARCH_BYTES);
  if (at < 0) return null;
  const markerEnd = at + EOF_MARKER.length;
  let end = markerEnd;
  const next = await file.read(end, 2);
  if (next[0] === 0x0d) end += next[1] === 0x0a ? 2 : 1;
  else if (next[0] === 0x0a) end += 1;
  return { end, markerEnd };
}
