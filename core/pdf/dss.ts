/**
 * The Document Security Store (ETSI EN 319 142-1, 5.4.2; ISO 32000-2, 12.8.4.3): validation data a PAdES B-LT file
 * carries for later checks, as the catalog's /DSS with /Certs, /CRLs and /OCSPs arrays of streams (DER certificates,
 * CRLs and OCSPResponses). It is added in an incremental update after the signatures, so they stay valid; the change
 * analysis counts such an update as no change. /VRI (per-signature indexes) is carried over but not read or written.
 */
import { ImzalaError } from '../errors.js';
import { latin1String } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { digest } from '../crypto/hash.js';
import type { ByteSource } from '../io/byte-source.js';
import { PdfDocument } from './document.js';
import { buildIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import { PdfDict, PdfName, PdfRef, PdfStream, isDict, type PdfObject } from './objects.js';
import { updatedId } from './prepare-signature.js';
import { serializePdfObject } from './serialize.js';

export interface DssContents {
  /** DER certificates. */
  certificates: Uint8Array[];
  /** DER CertificateLists. */
  crls: Uint8Array[];
  /** DER OCSPResponses (RFC 6960 4.2.1, the whole response). */
  ocspResponses: Uint8Array[];
}

/** Items one DSS array may hold: real ones hold tens; more is a hostile file or a mistake. */
export const MAX_DSS_ITEMS = 10_000;
const MAX_OBJECT_NUMBER = 8_388_607;

const ARRAYS = [
  ['Certs', 'certificates'],
  ['CRLs', 'crls'],
  ['OCSPs', 'ocspResponses'],
] as const;

function malformed(detail: string): ImzalaError {
  return new ImzalaError('PDF_DSS_MALFORMED', `the document security store (/DSS) is malformed: ${detail}`, { detail });
}

function tooLarge(key: string, count: number): ImzalaError {
  return new ImzalaError('PDF_DSS_TOO_LARGE', 'the document security store (/DSS) holds more items than allowed', { key, count, max: MAX_DSS_ITEMS });
}

interface DssArrays {
  dict: PdfDict;
  /** Per array key: the references and the data of each stream, in order. */
  items: Map<string, { refs: PdfRef[]; data: Uint8Array[] }>;
}

/** The catalog's DSS dictionary with its streams read, or null when there is none. */
async function readDssArrays(doc: PdfDocument): Promise<DssArrays | null> {
  const catalog = await doc.catalog();
  const dss = await doc.resolve(catalog.get('DSS'));
  if (dss === null) return null;
  if (!isDict(dss)) throw malformed('/DSS is not a dictionary');
  const items = new Map<string, { refs: PdfRef[]; data: Uint8Array[] }>();
  for (const [key] of ARRAYS) {
    const value = await doc.resolve(dss.get(key));
    const found = { refs: [] as PdfRef[], data: [] as Uint8Array[] };
    items.set(key, found);
    if (value === null) continue;
    if (!Array.isArray(value)) throw malformed(`/${key} is not an array`);
    if (value.length > MAX_DSS_ITEMS) throw tooLarge(key, value.length);
    for (const item of value) {
      // Streams are always indirect objects (7.3.8.1); anything else in these arrays is not validation data.
      if (!(item instanceof PdfRef)) throw malformed(`/${key} holds a direct object`);
      const stream = await doc.fetch(item);
      if (!(stream instanceof PdfStream)) throw malformed(`/${key} names object ${item.num} ${item.gen}, which is not a stream`);
      found.refs.push(item);
      found.data.push(await doc.streamData(stream));
    }
  }
  return { dict: dss, items };
}

/**
 * Reads the catalog's /DSS (ETSI EN 319 142-1, 5.4.2: /Certs, /CRLs, /OCSPs arrays of streams; /VRI ignored for
 * now). Returns null when the document has none. Throws PDF_DSS_MALFORMED (not a dictionary, an entry that is not
 * an array of streams), PDF_DSS_TOO_LARGE (more than MAX_DSS_ITEMS in one array), and the reader's bound errors.
 */
export async function readDss(doc: PdfDocument): Promise<DssContents | null> {
  const arrays = await readDssArrays(doc);
  if (!arrays) return null;
  return {
    certificates: arrays.items.get('Certs')!.data,
    crls: arrays.items.get('CRLs')!.data,
    ocspResponses: arrays.items.get('OCSPs')!.data,
  };
}

/** Identity of an item's bytes (dedup across the store and the request). */
function itemKey(bytes: Uint8Array): string {
  return `${bytes.length}:${toHex(digest('SHA-256', bytes))}`;
}

/**
 * An incremental update adding (or extending) /DSS with these items (each once; items already there are not
 * repeated): new streams, a new /DSS dictionary (an existing one's other entries, e.g. /VRI, carried over), the
 * catalog rewritten to point at it; the cross-reference section of the same kind as the file's. Returns the bytes
 * to append after ALL of the source's bytes, or an empty array when every item is already there (no update needed).
 * Throws PDF_ENCRYPTED, PDF_XREF_DAMAGED, PDF_XREF_TOO_LARGE, PDF_DSS_MALFORMED, PDF_DSS_TOO_LARGE.
 */
export async function prepareDssUpdate(source: ByteSource, add: DssContents): Promise<Uint8Array> {
  const doc = await PdfDocument.open(source);
  if (doc.encrypted) throw new ImzalaError('PDF_ENCRYPTED', 'encrypted PDFs cannot take validation data', {});
  const root = doc.trailer.get('Root');
  const prevXref = doc.startxref;
  const xrefKind = doc.newestXrefKind;
  if (doc.reconstructed || prevXref === null || xrefKind === null || !(root instanceof PdfRef)) {
    throw new ImzalaError('PDF_XREF_DAMAGED', 'the cross-reference data of the file is broken; it cannot take an update', {});
  }
  const catalog = await doc.catalog();
  const existing = await readDssArrays(doc);
  if (doc.damaged) throw new ImzalaError('PDF_XREF_DAMAGED', 'the cross-reference data of the file is broken; it cannot take an update', {});

  const first = doc.nextObjectNumber;
  let next = first;
  const objects: UpdateObject[] = [];
  const dss = existing ? existing.dict.clone() : new PdfDict();
  dss.set('Type', new PdfName('DSS'));
  for (const [key, field] of ARRAYS) {
    const had = existing?.items.get(key) ?? { refs: [], data: [] };
    const seen = new Set(had.data.map(itemKey));
    const refs: PdfObject[] = [...had.refs];
    for (const bytes of add[field]) {
      const id = itemKey(bytes);
      if (seen.has(id)) continue;
      seen.add(id);
      if (refs.length >= MAX_DSS_ITEMS) throw tooLarge(key, refs.length + 1);
      const ref = new PdfRef(next++, 0);
      refs.push(ref);
      // Raw DER, unfiltered: a Latin-1 string carries each byte as one character.
      objects.push({ num: ref.num, gen: 0, body: `<< /Length ${bytes.length} >>\nstream\n${latin1String(bytes)}\nendstream` });
    }
    if (refs.length > 0) dss.set(key, refs);
    else dss.entries.delete(key);
  }
  if (objects.length === 0) return new Uint8Array(0);
  // PDF's implementation limit for object numbers (ISO 32000-2, Annex C).
  if (next + 2 > MAX_OBJECT_NUMBER) {
    throw new ImzalaError('PDF_XREF_TOO_LARGE', 'the file uses object numbers up to the limit; no new object fits', { size: first });
  }
  // Always a new /DSS object: the change analysis accepts a /DSS that points at a new object only (an existing one
  // could be anything the signer saw, e.g. page content).
  const dssRef = new PdfRef(next++, 0);
  objects.push({ num: dssRef.num, gen: 0, body: serializePdfObject(dss) });
  const catalogCopy = catalog.clone();
  catalogCopy.set('DSS', dssRef);
  objects.push({ num: root.num, gen: root.gen, body: serializePdfObject(catalogCopy) });

  const last = await source.read(source.size - 1, 1);
  const trailer = doc.trailer.clone();
  trailer.set('ID', updatedId(doc.trailer.get('ID'), source.size, new Date()));
  const built = buildIncrementalUpdate({
    fileSize: source.size,
    leadingNewline: source.size > 0 && last[0] !== 0x0a && last[0] !== 0x0d,
    objects,
    xrefKind,
    prevXref,
    trailer,
    size: doc.nextObjectNumber,
  });
  return built.bytes;
}
