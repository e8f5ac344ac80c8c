/**
 * Fallback when the cross-reference data is broken: one bounded pass over the file that finds every `n g obj`
 * header (the later one wins, as an incremental update would), trailer dictionaries, catalogs, object streams,
 * cross-reference streams and `startxref ... %%EOF` tails. It works on bytes with native searches (no strings, no
 * regular expressions over the file), so the time is linear in the size and the memory is the typed xref table
 * plus short lists.
 */
import { latin1Bytes } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import type { FileWindow } from './file-window.js';
import { indexOfBytes } from './file-window.js';
import { isPdfWhitespace } from './lexer.js';
import { XrefEntryType, XrefTable } from './xref.js';

export interface ReconstructionScan {
  table: XrefTable;
  /** File offsets of `trailer` keywords, in file order. */
  trailers: number[];
  /** Object numbers whose dictionaries say /Type /Catalog, /ObjStm, /XRef (in file order; repeats possible). */
  catalogs: number[];
  objectStreams: number[];
  xrefStreams: number[];
  /** `startxref` values and the end of the %%EOF that follows (with and without one EOL), in file order. */
  tails: { startxref: number; end: number; markerEnd: number }[];
}

const CHUNK = 1024 * 1024;
const OVERLAP = 64;
/** Markers per kind kept; a file with more is hostile and the newest ones are what counts. */
const MAX_MARKERS = 4096;

const OBJ = latin1Bytes('obj');
const TRAILER = latin1Bytes('trailer');
const TYPE = latin1Bytes('/Type');
const STARTXREF = latin1Bytes('startxref');
const EOF = latin1Bytes('%%EOF');
const TYPE_NAMES = ['Catalog', 'ObjStm', 'XRef'].map((name) => ({ name, bytes: latin1Bytes(`/${name}`) }));

function pushBounded<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_MARKERS) list.shift();
}

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;
const isWordByte = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

function startsWithAt(bytes: Uint8Array, at: number, marker: Uint8Array): boolean {
  if (at + marker.length > bytes.length) return false;
  for (let k = 0; k < marker.length; k++) if (bytes[at + k] !== marker[k]) return false;
  return true;
}

/** Every start of `marker` in `bytes` within [from, to). */
function* occurrences(bytes: Uint8Array, marker: Uint8Array, from: number, to: number): Generator<number> {
  for (let at = indexOfBytes(bytes, marker, from); at >= 0 && at < to; at = indexOfBytes(bytes, marker, at + 1)) yield at;
}

/** Reads digits backwards ending at `end` (exclusive): their start, or -1 when there are none or too many. */
function digitsBefore(bytes: Uint8Array, end: number, maxDigits: number): number {
  let at = end;
  while (at > 0 && isDigit(bytes[at - 1]) && end - at <= maxDigits) at--;
  return at === end || end - at > maxDigits ? -1 : at;
}

/** For `obj` at `at`: the `num gen` header before it, as [header start, num, gen], or null. */
function objectHeader(bytes: Uint8Array, at: number): [number, number, number] | null {
  if (isWordByte(bytes[at + 3])) return null;
  let p = at;
  while (p > 0 && isPdfWhitespace(bytes[p - 1]!)) p--;
  const genStart = digitsBefore(bytes, p, 5);
  if (genStart < 0) return null;
  let q = genStart;
  while (q > 0 && isPdfWhitespace(bytes[q - 1]!)) q--;
  if (q === genStart) return null;
  const numStart = digitsBefore(bytes, q, 10);
  if (numStart < 0) return null;
  let num = 0;
  for (let i = numStart; i < q; i++) num = num * 10 + (bytes[i]! - 0x30);
  let gen = 0;
  for (let i = genStart; i < p; i++) gen = gen * 10 + (bytes[i]! - 0x30);
  return [numStart, num, gen];
}

/** Scans the whole file once. */
export async function scanForObjects(file: FileWindow): Promise<ReconstructionScan> {
  if (file.size > file.limits.maxReconstructionBytes) {
    throw new ImzalaError('PDF_TOO_DAMAGED_TO_REPAIR', 'the cross-reference data is broken and the file is too large to repair', {
      size: file.size,
      limit: file.limits.maxReconstructionBytes,
    });
  }
  const table = new XrefTable(file.limits.maxObjectNumber);
  const scan: ReconstructionScan = { table, trailers: [], catalogs: [], objectStreams: [], xrefStreams: [], tails: [] };
  // Object starts in file order, to attribute a /Type marker to the object it sits in.
  let starts = new Float64Array(1024);
  let nums = new Uint32Array(1024);
  let count = 0;
  const ownerOf = (offset: number): number => {
    let lo = 0;
    let hi = count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? -1 : nums[found]!;
  };
  let pendingStartxref: number | null = null;

  for (let at = 0; at < file.size; at += CHUNK) {
    // Each pass reads OVERLAP bytes on both sides; a marker counts in the pass where it starts in [from, to).
    const readFrom = Math.max(0, at - OVERLAP);
    const bytes = await file.readExactly(readFrom, Math.min(file.size - readFrom, CHUNK + 2 * OVERLAP));
    const from = at - readFrom;
    const to = Math.min(bytes.length, from + CHUNK);

    const events: { offset: number; kind: 'trailer' | 'type' | 'startxref' | 'eof'; value?: number | string }[] = [];
    // Headers are found from their keyword, which sits a few bytes after the header's start: search a little past
    // both edges and keep the headers that start inside [from, to).
    for (const o of occurrences(bytes, OBJ, Math.max(0, from - 20), Math.min(bytes.length, to + 20))) {
      const header = objectHeader(bytes, o);
      if (!header || header[0] < from || header[0] >= to || isDigit(bytes[header[0] - 1])) continue;
      const [start, num, gen] = header;
      if (num > file.limits.maxObjectNumber) continue;
      table.set(num, XrefEntryType.InUse, readFrom + start, gen);
      if (count === starts.length) {
        const s = new Float64Array(count * 2);
        s.set(starts);
        starts = s;
        const n = new Uint32Array(count * 2);
        n.set(nums);
        nums = n;
      }
      starts[count] = readFrom + start;
      nums[count] = num;
      count++;
    }
    for (const t of occurrences(bytes, TRAILER, from, to)) {
      if (!isWordByte(bytes[t - 1]) && !isWordByte(bytes[t + TRAILER.length])) events.push({ offset: readFrom + t, kind: 'trailer' });
    }
    for (const t of occurrences(bytes, TYPE, from, to)) {
      let p = t + TYPE.length;
      while (p < bytes.length && isPdfWhitespace(bytes[p]!)) p++;
      const typeName = TYPE_NAMES.find((n) => startsWithAt(bytes, p, n.bytes) && !isWordByte(bytes[p + n.bytes.length]));
      if (typeName) events.push({ offset: readFrom + t, kind: 'type', value: typeName.name });
    }
    for (const s of occurrences(bytes, STARTXREF, from, to)) {
      let p = s + STARTXREF.length;
      while (p < bytes.length && isPdfWhitespace(bytes[p]!)) p++;
      let value = 0;
      let digits = 0;
      while (isDigit(bytes[p]) && digits < 15) {
        value = value * 10 + (bytes[p++]! - 0x30);
        digits++;
      }
      if (digits > 0) events.push({ offset: readFrom + s, kind: 'startxref', value });
    }
    for (const e of occurrences(bytes, EOF, from, to)) events.push({ offset: readFrom + e, kind: 'eof' });

    // In file order: a tail is a startxref followed by the next %%EOF.
    events.sort((x, y) => x.offset - y.offset);
    for (const event of events) {
      if (event.kind === 'trailer') pushBounded(scan.trailers, event.offset);
      else if (event.kind === 'type') {
        const owner = ownerOf(event.offset);
        if (owner >= 0) {
          const list = event.value === 'Catalog' ? scan.catalogs : event.value === 'ObjStm' ? scan.objectStreams : scan.xrefStreams;
          pushBounded(list, owner);
        }
      } else if (event.kind === 'startxref') pendingStartxref = event.value as number;
      else if (pendingStartxref !== null) {
        const markerEnd = event.offset + EOF.length;
        const local = markerEnd - readFrom;
        let end = markerEnd;
        if (bytes[local] === 0x0d) end += bytes[local + 1] === 0x0a ? 2 : 1;
        else if (bytes[local] === 0x0a) end += 1;
        pushBounded(scan.tails, { startxref: pendingStartxref, end: Math.min(end, file.size), markerEnd });
        pendingStartxref = null;
      }
    }
  }
  return scan;
}
