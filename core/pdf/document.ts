/**
 * A PDF opened for reading structure: header, cross-reference data, revisions and on-demand objects. Nothing is
 * read that is not asked for; the object graph is never built as a whole. When the cross-reference data is broken,
 * the document falls back to a reconstruction scan and says so in its warnings.
 */
import { ImzalaError, isImzalaError } from '../errors.js';
import { latin1Bytes, latin1String } from '../encoding/bytes.js';
import type { ByteSource } from '../io/byte-source.js';
import { FileWindow, indexOfBytes } from './file-window.js';
import { resolvePdfLimits, type PdfLimits } from './limits.js';
import { PdfDict, PdfRef, PdfStream, isDict, isInteger, nameOf, type PdfObject } from './objects.js';
import { PdfParser } from './parser.js';
import { scanForObjects } from './reconstruct.js';
import { decodeStreamData } from './stream-filters.js';
import { XrefEntryType, XrefTable, applySection, findStartxref, readXrefChain, revisionEndAfter, type XrefSection } from './xref.js';

/** One revision: the original document or one incremental update. */
export interface PdfRevision {
  /** 1-based, oldest first. */
  number: number;
  /** File offset just after this revision's %%EOF marker and its end-of-line. */
  end: number;
  /**
   * File offset just after the %%EOF marker itself (equals `end` when no end-of-line follows). A signature may end
   * its range here too: a file saved without a final newline gets one at the start of the next update.
   */
  markerEnd: number;
  /** Offset of the revision's cross-reference section. */
  xrefOffset: number;
  xrefKind: 'table' | 'stream';
}

export interface PdfWarning {
  code: string;
  detail?: string;
}

/** Errors that mean "this file is hostile or over a bound": never hidden behind a reconstruction attempt. */
const BOUND_CODES = new Set([
  'PDF_XREF_LOOP',
  'PDF_XREF_CHAIN_TOO_LONG',
  'PDF_XREF_TOO_LARGE',
  'PDF_STREAM_TOO_LARGE',
  'PDF_OBJECT_TOO_LARGE',
  'PDF_OBJECT_TOO_COMPLEX',
  'PDF_NESTING_TOO_DEEP',
  'PDF_TOO_MANY_OBJECTS',
  'PDF_WORK_LIMIT_EXCEEDED',
  'PDF_TOO_DAMAGED_TO_REPAIR',
]);

function isBoundError(e: unknown): boolean {
  return isImzalaError(e) && BOUND_CODES.has(e.code);
}

/** Damage that spoils the objects read for one field or signature, not the whole file. Bounds are never in it. */
const LOCAL_DAMAGE_CODES = new Set(['PDF_SYNTAX', 'PDF_OBJECT_NOT_FOUND', 'PDF_TRUNCATED', 'PDF_XREF_CORRUPT', 'PDF_STREAM_CORRUPT', 'PDF_REFERENCE_LOOP']);

/** True for errors a reader may note as a warning and read on past (a damaged field, a dangling object). */
export function isLocalDamage(e: unknown): e is ImzalaError {
  return isImzalaError(e) && LOCAL_DAMAGE_CODES.has(e.code);
}

interface FetchedObject {
  value: PdfObject;
  /** Source bytes the object took: what caching it costs, roughly. */
  bytes: number;
}

const MISSING: FetchedObject = { value: null, bytes: 0 };

const CATALOG_MARKER = /\/Type[\0\t\n\f\r ]*\/Catalog(?![A-Za-z0-9])/g;

/** Object numbers inside a decoded object stream whose text says /Type /Catalog. */
function catalogsIn(objStm: ObjectStream): number[] {
  const text = latin1String(objStm.data);
  const starts = [...objStm.offsets].sort((a, b) => a[1] - b[1]);
  const found: number[] = [];
  for (const m of text.matchAll(CATALOG_MARKER)) {
    // A real file has one catalog; a few candidates are plenty, and the bound keeps this linear.
    if (found.length >= 16) break;
    let owner: number | undefined;
    for (const [num, offset] of starts) if (offset <= m.index) owner = num;
    if (owner !== undefined) found.push(owner);
  }
  return found;
}

interface ObjectStream {
  data: Uint8Array;
  /** Object number -> offset of the object inside `data` (already including /First). */
  offsets: Map<number, number>;
}

const PDF_HEADER = latin1Bytes('%PDF-');
const HEADER_SEARCH_BYTES = 1024;
const MAX_REFERENCE_HOPS = 32;
/** Parsed objects are kept up to this many source bytes in all; larger objects are not kept at all. */
const OBJECT_CACHE_BYTES = 16 * 1024 * 1024;
const OBJECT_CACHE_MAX_OBJECT = 256 * 1024;
/** Decoded object streams kept: a few, and only small ones (normal ones are well under 1 MB). */
const OBJECT_STREAM_CACHE_SIZE = 4;
const OBJECT_STREAM_CACHE_MAX_BYTES = 4 * 1024 * 1024;
const REVISION_TABLE_CACHE_SIZE = 4;

export class PdfDocument {
  readonly warnings: PdfWarning[] = [];
  /** Newest first; empty when the table was reconstructed by scanning. */
  sections: XrefSection[] = [];
  revisions: PdfRevision[] = [];
  trailer = new PdfDict();
  /** The startxref value the file ends with (the /Prev of the next update); null when reconstructed. */
  startxref: number | null = null;
  /** True when any part of the cross-reference data had to be rebuilt by scanning. */
  reconstructed = false;

  private table: XrefTable;
  private fallbackTable: XrefTable | null = null;
  /** Revision number of each entry of `sections` (same order). */
  private sectionRevisions: number[] = [];
  /** Cross-reference tables as of earlier revisions, built when first asked for. */
  private readonly revisionTables = new Map<number, XrefTable>();
  private readonly cache = new Map<string, PdfObject>();
  private cacheBytes = 0;
  private decodedTotal = 0;
  /** Keyed by "number offset": an object stream may be rewritten by a later revision under the same number. */
  private readonly objectStreams = new Map<string, ObjectStream>();
  private readonly inProgress = new Set<number>();
  private resolvedCount = 0;

  private constructor(
    readonly file: FileWindow,
    readonly pdfVersion: string,
  ) {
    this.table = new XrefTable(file.limits.maxObjectNumber);
  }

  get size(): number {
    return this.file.size;
  }

  get limits(): PdfLimits {
    return this.file.limits;
  }

  /** True when the trailer names an /Encrypt dictionary. */
  get encrypted(): boolean {
    return this.trailer.has('Encrypt');
  }

  /** One more than the highest object number in use (the next free number for an update). */
  get nextObjectNumber(): number {
    const size = this.trailer.get('Size');
    return Math.max(isInteger(size) ? size : 0, this.table.highest, this.fallbackTable?.highest ?? 0);
  }

  /**
   * Opens a PDF: checks the header, reads the cross-reference chain (or reconstructs it) and the revisions.
   * Throws PDF_NOT_A_PDF when there is no `%PDF-` in the first 1024 bytes, PDF_NO_CATALOG when no document
   * catalog can be found, and bound errors (PDF_XREF_LOOP, PDF_STREAM_TOO_LARGE, ...) for hostile files.
   */
  static async open(source: ByteSource, limits?: Partial<PdfLimits>): Promise<PdfDocument> {
    const file = new FileWindow(source, resolvePdfLimits(limits));
    const head = await file.read(0, HEADER_SEARCH_BYTES);
    const at = indexOfBytes(head, PDF_HEADER, 0);
    if (at < 0) throw new ImzalaError('PDF_NOT_A_PDF', 'the file is not a PDF (no %PDF- header)', { size: file.size });
    const version = /^%PDF-(\d+\.\d+)/.exec(latin1String(head.subarray(at, at + 16)));
    const doc = new PdfDocument(file, version ? version[1]! : '');
    if (!version) doc.warn('PDF_HEADER_VERSION_MISSING');
    await doc.readStructure();
    return doc;
  }

  warn(code: string, detail?: string): void {
    if (this.warnings.length < 100 && !this.warnings.some((w) => w.code === code && w.detail === detail)) {
      this.warnings.push(detail === undefined ? { code } : { code, detail });
    }
  }

  private async readStructure(): Promise<void> {
    const startxref = await findStartxref(this.file);
    if (startxref === null) {
      this.warn('PDF_XREF_RECONSTRUCTED', 'no startxref at the end of the file');
      return this.reconstruct();
    }
    try {
      const chain = await readXrefChain(this.file, startxref);
      const root = chain.trailer.get('Root');
      if (!(root instanceof PdfRef)) throw new ImzalaError('PDF_NO_CATALOG', 'the trailer has no /Root', {});
      this.table = chain.table;
      this.sections = chain.sections;
      this.trailer = chain.trailer;
      this.startxref = startxref;
      await this.checkCatalog();
    } catch (e) {
      if (!isImzalaError(e) || isBoundError(e)) throw e;
      this.warn('PDF_XREF_RECONSTRUCTED', `${e.code}: ${e.message}`);
      this.sections = [];
      this.startxref = null;
      this.clearCache();
      return this.reconstruct();
    }
    await this.revisionsFromSections();
  }

  private async checkCatalog(): Promise<void> {
    const catalog = await this.resolve(this.trailer.get('Root'));
    if (!isDict(catalog)) throw new ImzalaError('PDF_NO_CATALOG', 'the document catalog is missing', {});
  }

  /** Revisions from the /Prev chain, oldest first. */
  private async revisionsFromSections(): Promise<void> {
    const revisions: PdfRevision[] = [];
    const sectionRevisions: number[] = [];
    for (const section of [...this.sections].reverse()) {
      let found = await revisionEndAfter(this.file, section.end);
      if (found === null) {
        this.warn('PDF_EOF_MISSING', `no %%EOF after the cross-reference section at ${section.offset}`);
        found = { end: section.end, markerEnd: section.end };
      }
      const last = revisions[revisions.length - 1];
      // A linearized file's first-page section sits near the start of the file but is newer in the chain: it
      // belongs to the same revision as the main section, whose end is later.
      if (last && found.end <= last.end) {
        sectionRevisions.push(last.number);
        continue;
      }
      revisions.push({ number: revisions.length + 1, ...found, xrefOffset: section.offset, xrefKind: section.kind });
      sectionRevisions.push(revisions.length);
    }
    this.revisions = revisions;
    this.sectionRevisions = sectionRevisions.reverse();
  }

  /** Rebuilds the table from a scan of the whole file. */
  private async reconstruct(): Promise<void> {
    this.reconstructed = true;
    const scan = await scanForObjects(this.file);
    this.table = scan.table;
    this.fallbackTable = null;
    this.sectionRevisions = [];
    this.revisionTables.clear();
    this.clearCache();
    this.objectStreams.clear();

    let trailer: PdfDict | null = null;
    for (let i = scan.trailers.length - 1; i >= 0 && !trailer; i--) {
      try {
        const dict = await this.file.parseAt(scan.trailers[i]!, (p) => {
          p.next();
          return p.parseObject();
        });
        if (isDict(dict) && dict.get('Root') instanceof PdfRef) trailer = dict;
      } catch (e) {
        if (isBoundError(e)) throw e;
      }
    }
    for (let i = scan.xrefStreams.length - 1; i >= 0 && !trailer; i--) {
      const stream = await this.tryFetch(scan.xrefStreams[i]!);
      if (stream instanceof PdfStream && stream.dict.get('Root') instanceof PdfRef) trailer = stream.dict;
    }
    // Objects inside object streams: a top-level object of the same number wins (it is usually the newer one).
    // Without a trailer the file's encryption is unknown; object streams that do not decode are skipped.
    const compressedCatalogs: number[] = [];
    if (!trailer?.has('Encrypt')) {
      for (const num of new Set(scan.objectStreams)) {
        try {
          const objStm = await this.loadObjectStream(this.table, num);
          let index = 0;
          for (const n of objStm.offsets.keys()) {
            if (this.table.get(n).type === XrefEntryType.Unset) this.table.set(n, XrefEntryType.Compressed, num, index);
            index++;
          }
          if (!trailer) compressedCatalogs.push(...catalogsIn(objStm));
        } catch (e) {
          if (isBoundError(e)) throw e;
          this.warn('PDF_OBJECT_STREAM_UNREADABLE', `object stream ${num}`);
        }
      }
    }
    if (!trailer) {
      const top = scan.catalogs[scan.catalogs.length - 1];
      const num = top ?? compressedCatalogs[compressedCatalogs.length - 1];
      if (num === undefined) throw new ImzalaError('PDF_NO_CATALOG', 'no document catalog could be found in the file', {});
      trailer = new PdfDict();
      trailer.set('Root', new PdfRef(num, top === undefined ? 0 : this.table.get(num).second));
    }
    this.trailer = trailer;
    await this.checkCatalog();

    const revisions: PdfRevision[] = [];
    for (const tail of scan.tails) {
      const last = revisions[revisions.length - 1];
      if (last && tail.end <= last.end) continue;
      const head = await this.file.read(tail.startxref, 4);
      const xrefKind = head.length === 4 && latin1String(head) === 'xref' ? 'table' : 'stream';
      revisions.push({ number: revisions.length + 1, end: tail.end, markerEnd: tail.markerEnd, xrefOffset: tail.startxref, xrefKind });
    }
    this.revisions = revisions;
  }

  private async tryFetch(num: number): Promise<PdfObject> {
    try {
      return await this.fetch(new PdfRef(num, this.table.get(num).second));
    } catch (e) {
      if (isBoundError(e)) throw e;
      return null;
    }
  }

  private clearCache(): void {
    this.cache.clear();
    this.cacheBytes = 0;
  }

  /** Follows references (bounded) to a direct object; a reference to a missing object is null (7.3.10). */
  async resolve(value: PdfObject): Promise<PdfObject> {
    let v = value;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops >= MAX_REFERENCE_HOPS) {
        throw new ImzalaError('PDF_REFERENCE_LOOP', 'references point at each other in a loop', { ref: String(value) });
      }
      v = await this.fetch(v);
    }
    return v;
  }

  /** The object a reference names (may itself be a reference). Cached. */
  async fetch(ref: PdfRef): Promise<PdfObject> {
    const key = `${ref.num} ${ref.gen}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(ref.num)) {
      throw new ImzalaError('PDF_REFERENCE_LOOP', 'an object is needed to read itself', { ref: key });
    }
    if (++this.resolvedCount > this.limits.maxObjectsResolved) {
      throw new ImzalaError('PDF_TOO_MANY_OBJECTS', 'too many objects had to be read', {
        maxObjectsResolved: this.limits.maxObjectsResolved,
      });
    }
    this.inProgress.add(ref.num);
    try {
      const { value, bytes } = await this.fetchUncached(ref);
      if (bytes <= OBJECT_CACHE_MAX_OBJECT) {
        if (this.cacheBytes + bytes > OBJECT_CACHE_BYTES) this.clearCache();
        this.cache.set(key, value);
        this.cacheBytes += bytes;
      }
      return value;
    } finally {
      this.inProgress.delete(ref.num);
    }
  }

  private async fetchUncached(ref: PdfRef): Promise<FetchedObject> {
    try {
      return await this.fetchFrom(this.table, ref);
    } catch (e) {
      // The xref chain parsed but this entry is wrong: find the object by scanning instead (once per file).
      if (!isImzalaError(e) || isBoundError(e) || this.reconstructed || e.code === 'PDF_ENCRYPTED') throw e;
      if (!this.fallbackTable) {
        this.warn('PDF_XREF_RECONSTRUCTED', `object ${ref.num} ${ref.gen}: ${e.code}`);
        this.fallbackTable = (await scanForObjects(this.file)).table;
      }
      return this.fetchFrom(this.fallbackTable, ref);
    }
  }

  /** True when objects were read from a reconstructed table: the file is damaged. */
  get damaged(): boolean {
    return this.reconstructed || this.fallbackTable !== null;
  }

  private async fetchFrom(table: XrefTable, ref: PdfRef): Promise<FetchedObject> {
    const entry = table.get(ref.num);
    switch (entry.type) {
      case XrefEntryType.InUse: {
        if (entry.second !== ref.gen) return MISSING;
        const object = await this.file.parseAt(entry.field, (p) => p.parseIndirectObject({ num: ref.num, gen: ref.gen }));
        return { value: object.value, bytes: object.end - entry.field };
      }
      case XrefEntryType.Compressed: {
        if (ref.gen !== 0) return MISSING;
        return this.fetchCompressed(table, entry.field, ref.num);
      }
      default:
        return MISSING;
    }
  }

  private async fetchCompressed(table: XrefTable, streamNum: number, num: number): Promise<FetchedObject> {
    if (this.encrypted) {
      throw new ImzalaError('PDF_ENCRYPTED', 'objects inside encrypted object streams cannot be read', { objectStream: streamNum });
    }
    const objStm = await this.loadObjectStream(table, streamNum);
    const at = objStm.offsets.get(num);
    if (at === undefined) return MISSING;
    const parser = new PdfParser(objStm.data.subarray(at), {
      base: -1,
      final: true,
      maxDepth: this.limits.maxNestingDepth,
      maxTokens: this.limits.maxTokensPerObject,
    });
    const value = parser.parseObject();
    return { value, bytes: parser.position };
  }

  /** Loads and indexes an object stream (7.5.7). A few are kept, as consecutive objects often share one. */
  private async loadObjectStream(table: XrefTable, num: number): Promise<ObjectStream> {
    const entry = table.get(num);
    const key = `${num} ${entry.field}`;
    const cached = this.objectStreams.get(key);
    if (cached) return cached;
    // Object streams are never inside object streams; refusing keeps a lookup from recursing into itself.
    if (entry.type !== XrefEntryType.InUse) {
      throw new ImzalaError('PDF_XREF_CORRUPT', 'an object stream is not a top-level object', { objectStream: num });
    }
    const ref = new PdfRef(num, entry.second);
    const stream = table === this.table ? await this.fetch(ref) : await this.fetchCounted(table, ref);
    if (!(stream instanceof PdfStream) || nameOf(stream.dict.get('Type')) !== 'ObjStm') {
      throw new ImzalaError('PDF_XREF_CORRUPT', 'an entry points into something that is not an object stream', { objectStream: num });
    }
    const n = await this.resolve(stream.dict.get('N'));
    const first = await this.resolve(stream.dict.get('First'));
    if (!isInteger(n) || n < 0 || n > this.limits.maxObjectNumber || !isInteger(first) || first < 0) {
      throw new ImzalaError('PDF_XREF_CORRUPT', 'bad /N or /First in an object stream', { objectStream: num });
    }
    const data = await this.streamData(stream);
    if (first > data.length) throw new ImzalaError('PDF_XREF_CORRUPT', '/First is beyond the object stream data', { objectStream: num });
    const header = new PdfParser(data.subarray(0, first), { base: -1, final: true, maxDepth: 1, maxTokens: n * 2 + 1 });
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const objNum = header.next();
      const objOffset = header.next();
      if (objNum.kind !== 'number' || !objNum.integer || objOffset.kind !== 'number' || !objOffset.integer) break;
      if (first + objOffset.value < data.length && !offsets.has(objNum.value)) offsets.set(objNum.value, first + objOffset.value);
    }
    const loaded = { data, offsets };
    if (data.length > OBJECT_STREAM_CACHE_MAX_BYTES) this.objectStreams.clear();
    else if (this.objectStreams.size >= OBJECT_STREAM_CACHE_SIZE) this.objectStreams.delete(this.objectStreams.keys().next().value!);
    // A large one is still kept alone, so objects read one after another from it do not decode it again.
    this.objectStreams.set(key, loaded);
    return loaded;
  }

  /** The decoded data of a stream (FlateDecode with predictors, ASCIIHexDecode), bounded by the limits. */
  async streamData(stream: PdfStream): Promise<Uint8Array> {
    const length = await this.resolve(stream.dict.get('Length'));
    if (!isInteger(length) || length < 0) {
      throw new ImzalaError('PDF_STREAM_CORRUPT', 'a stream has no valid /Length', { offset: stream.dataStart });
    }
    if (length > this.limits.maxStreamBytes) {
      throw new ImzalaError('PDF_STREAM_TOO_LARGE', 'a stream is larger than the limit', { length, maxStreamBytes: this.limits.maxStreamBytes });
    }
    if (stream.dataStart < 0 || stream.dataStart + length > this.size) {
      throw new ImzalaError('PDF_TRUNCATED', 'a stream runs past the end of the file', { offset: stream.dataStart, length });
    }
    const raw = await this.file.readExactly(stream.dataStart, length);
    const filter = await this.resolve(stream.dict.get('Filter'));
    const parm = await this.resolve(stream.dict.get('DecodeParms'));
    const filterList: PdfObject[] = filter === null ? [] : Array.isArray(filter) ? filter : [filter];
    const parmList: PdfObject[] = parm === null ? [] : Array.isArray(parm) ? parm : [parm];
    const filters: string[] = [];
    const parms: (PdfDict | null)[] = [];
    for (let i = 0; i < filterList.length; i++) {
      const name = nameOf(await this.resolve(filterList[i]!));
      if (name === null) throw new ImzalaError('PDF_STREAM_CORRUPT', 'a stream /Filter is not a name', { offset: stream.dataStart });
      filters.push(name);
      const p = await this.resolve(parmList[i] ?? null);
      parms.push(isDict(p) ? p : null);
    }
    const decoded = await decodeStreamData(raw, filters, parms, this.limits.maxDecodedStreamBytes);
    this.decodedTotal += decoded.bytes.length;
    if (this.decodedTotal > this.limits.maxDecodedBytesTotal) {
      throw new ImzalaError('PDF_WORK_LIMIT_EXCEEDED', 'reading the file needs more decompression than allowed', {
        maxDecodedBytesTotal: this.limits.maxDecodedBytesTotal,
      });
    }
    if (!decoded.complete) this.warn('PDF_STREAM_TRUNCATED', `stream at ${stream.dataStart}`);
    return decoded.bytes;
  }

  /** The document catalog (trailer /Root). */
  async catalog(): Promise<PdfDict> {
    const catalog = await this.resolve(this.trailer.get('Root'));
    if (!isDict(catalog)) throw new ImzalaError('PDF_NO_CATALOG', 'the document catalog is missing', {});
    return catalog;
  }

  /**
   * The cross-reference entry of object `num` as of `revision` (1-based): what a reader of the file cut at the end
   * of that revision would use. Unset when the object did not exist then. Needs the /Prev chain (not a
   * reconstructed table): throws PDF_XREF_CORRUPT otherwise, and for a revision that does not exist.
   */
  entryAt(num: number, revision: number): { type: XrefEntryType; field: number; second: number } {
    return this.tableAt(revision).get(num);
  }

  /** The object a reference names as of `revision` (see entryAt). Unchanged objects come from the shared cache. */
  async fetchAt(ref: PdfRef, revision: number): Promise<PdfObject> {
    const table = this.tableAt(revision);
    if (table === this.table) return this.fetch(ref);
    const then = table.get(ref.num);
    const now = this.table.get(ref.num);
    if (then.type === now.type && then.field === now.field && then.second === now.second) return this.fetch(ref);
    if (this.inProgress.has(ref.num)) {
      throw new ImzalaError('PDF_REFERENCE_LOOP', 'an object is needed to read itself', { ref: `${ref.num} ${ref.gen}` });
    }
    this.inProgress.add(ref.num);
    try {
      return await this.fetchCounted(table, ref);
    } finally {
      this.inProgress.delete(ref.num);
    }
  }

  /** Follows references (bounded) as of `revision` to a direct object. */
  async resolveAt(value: PdfObject, revision: number): Promise<PdfObject> {
    let v = value;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops >= MAX_REFERENCE_HOPS) {
        throw new ImzalaError('PDF_REFERENCE_LOOP', 'references point at each other in a loop', { ref: String(value) });
      }
      v = await this.fetchAt(v, revision);
    }
    return v;
  }

  /**
   * The entries that `revision`'s own cross-reference section(s) define: the objects its update wrote (in use or
   * compressed) or freed, in section order. Empty for a reconstructed file (see entryAt).
   */
  revisionEntries(revision: number): { num: number; type: XrefEntryType; field: number; second: number }[] {
    this.checkRevision(revision);
    const out: { num: number; type: XrefEntryType; field: number; second: number }[] = [];
    // One table per revision settles which entry wins when a revision has several sections (linearized files).
    const own = new XrefTable(this.limits.maxObjectNumber);
    this.sections.forEach((section, i) => {
      if (this.sectionRevisions[i] === revision) applySection(own, section);
    });
    for (const type of [XrefEntryType.InUse, XrefEntryType.Compressed, XrefEntryType.Free]) {
      for (const num of own.numbers(type)) out.push({ num, ...own.get(num) });
    }
    return out.sort((a, b) => a.num - b.num);
  }

  /** The trailer entries (Root, Info, ID, Encrypt, Size) in force at the end of `revision`. */
  trailerAt(revision: number): PdfDict {
    this.checkRevision(revision);
    const trailer = new PdfDict();
    for (let i = this.sections.length - 1; i >= 0; i--) {
      if (this.sectionRevisions[i]! > revision) continue;
      for (const key of ['Size', 'Root', 'Info', 'ID', 'Encrypt']) {
        if (this.sections[i]!.trailer.has(key)) trailer.set(key, this.sections[i]!.trailer.get(key));
      }
    }
    return trailer;
  }

  private checkRevision(revision: number): void {
    if (this.sections.length === 0 || this.sectionRevisions.length !== this.sections.length) {
      throw new ImzalaError('PDF_XREF_CORRUPT', 'the revisions cannot be told apart: the cross-reference data was rebuilt', {});
    }
    if (!Number.isSafeInteger(revision) || revision < 1 || revision > this.revisions.length) {
      throw new ImzalaError('PDF_XREF_CORRUPT', 'no such revision', { revision });
    }
  }

  private tableAt(revision: number): XrefTable {
    this.checkRevision(revision);
    if (revision === this.revisions.length) return this.table;
    let table = this.revisionTables.get(revision);
    if (!table) {
      table = new XrefTable(this.limits.maxObjectNumber);
      // Newest first, as the chain was read: the newest definition up to `revision` wins.
      this.sections.forEach((section, i) => {
        if (this.sectionRevisions[i]! <= revision) applySection(table!, section);
      });
      // A table costs about 13 bytes per object number: keep the few an analysis walking the revisions needs.
      if (this.revisionTables.size >= REVISION_TABLE_CACHE_SIZE) this.revisionTables.delete(this.revisionTables.keys().next().value!);
      this.revisionTables.set(revision, table);
    }
    return table;
  }

  /** An uncached read through another table, counted against the object bound. */
  private async fetchCounted(table: XrefTable, ref: PdfRef): Promise<PdfObject> {
    if (++this.resolvedCount > this.limits.maxObjectsResolved) {
      throw new ImzalaError('PDF_TOO_MANY_OBJECTS', 'too many objects had to be read', {
        maxObjectsResolved: this.limits.maxObjectsResolved,
      });
    }
    return (await this.fetchFrom(table, ref)).value;
  }

  /** The xref kind of the newest section (an update must use the same kind). */
  get newestXrefKind(): 'table' | 'stream' | null {
    return this.sections[0]?.kind ?? null;
  }
}
