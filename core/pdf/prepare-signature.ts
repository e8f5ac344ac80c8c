/**
 * PAdES signing, the PDF half (ETSI EN 319 142-1; ISO 32000-2, 12.8): an incremental update with a signature
 * dictionary whose /Contents is a zero placeholder, a signature field merged with its invisible widget on the first
 * page, and the form's /Fields. The ByteRange is exact, computed before writing, since every offset is known. The
 * caller hashes the ranges, builds the CMS and writes it over the placeholder: nothing before the update changes.
 */
import { ImzalaError } from '../errors.js';
import { latin1Bytes } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { digest } from '../crypto/hash.js';
import { forEachChunk, type ByteSource } from '../io/byte-source.js';
import { PdfDocument } from './document.js';
import { collectFormFields } from './form-fields.js';
import { buildIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import { PdfDict, PdfName, PdfRef, PdfString, isDict, isInteger, nameOf, type PdfObject } from './objects.js';
import { pagesOf, type PageNode } from './page-tree.js';
import { formatPdfDate } from './pdf-date.js';
import { serializePdfObject } from './serialize.js';
import { encodePdfTextString } from './text-string.js';

export interface PdfSignatureRequest {
  signingTime: Date;
  /** Bytes of CMS capacity; the placeholder holds twice as many hex digits. */
  placeholderSize: number;
  reason?: string;
  location?: string;
  contactInfo?: string;
  name?: string;
  /** Partial name of the new field (no '.'); default "Signature N", unique in the form. */
  fieldName?: string;
  /** Default ETSI.CAdES.detached (PAdES). */
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /**
   * A certification signature (ISO 32000-2, 12.8.2.2, DocMDP) with the changes it allows afterwards: 1 none,
   * 2 form filling and further signatures, 3 also annotations. Only the first signature of a document may certify.
   */
  certification?: 1 | 2 | 3;
}

export interface PreparedPdfSignature {
  /** Bytes to append after ALL of the source's bytes. */
  update: Uint8Array;
  byteRange: [number, number, number, number];
  /** File offsets of the placeholder's '<' and just after its '>'. */
  contentsStart: number;
  contentsEnd: number;
  /** Size of the source the update is appended to. */
  fileSize: number;
  placeholderSize: number;
  fieldName: string;
}

/** A CMS with timestamps and revocation data stays well below this; larger requests are mistakes. */
const MAX_PLACEHOLDER_BYTES = 4 * 1024 * 1024;
const MAX_OBJECT_NUMBER = 8_388_607;
/** Sig widget flags: Print (4) + Locked (128). */
const WIDGET_FLAGS = 132;

function refuse(code: string, message: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError(code, message, details);
}

function validateRequest(request: PdfSignatureRequest): void {
  const size = request.placeholderSize;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PLACEHOLDER_BYTES) {
    throw refuse('PDF_SIGNATURE_REQUEST_INVALID', 'the signature placeholder size is not valid', { placeholderSize: size });
  }
  if (!(request.signingTime instanceof Date) || Number.isNaN(request.signingTime.getTime())) {
    throw refuse('PDF_SIGNATURE_REQUEST_INVALID', 'the signing time is not a valid date', {});
  }
  const subFilter = request.subFilter ?? 'ETSI.CAdES.detached';
  if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') {
    throw refuse('PDF_SIGNATURE_REQUEST_INVALID', 'unsupported signature sub-filter', { subFilter });
  }
  if (request.certification !== undefined && ![1, 2, 3].includes(request.certification)) {
    throw refuse('PDF_SIGNATURE_REQUEST_INVALID', 'a certification level is 1, 2 or 3', { certification: request.certification });
  }
  if (request.fieldName !== undefined && (request.fieldName === '' || request.fieldName.includes('.'))) {
    throw refuse('PDF_SIGNATURE_REQUEST_INVALID', 'a field name must be non-empty and without a period', { fieldName: request.fieldName });
  }
}

/** Refuses documents certified with DocMDP P=1: no change at all is allowed, not even a signature (12.8.2.2). */
async function checkDocMdp(doc: PdfDocument, catalog: PdfDict): Promise<void> {
  const perms = await doc.resolve(catalog.get('Perms'));
  if (!isDict(perms)) return;
  const certification = await doc.resolve(perms.get('DocMDP'));
  if (!isDict(certification)) return;
  const references = await doc.resolve(certification.get('Reference'));
  if (!Array.isArray(references)) return;
  for (const item of references.slice(0, 16)) {
    const reference = await doc.resolve(item);
    if (!isDict(reference) || nameOf(reference.get('TransformMethod')) !== 'DocMDP') continue;
    const params = await doc.resolve(reference.get('TransformParams'));
    const p = isDict(params) ? await doc.resolve(params.get('P')) : null;
    // P defaults to 2 (form filling and signing allowed).
    if (p === 1) throw refuse('PDF_CERTIFIED_NO_CHANGES', 'the document is certified and allows no changes', {});
  }
}

/** The first page, whose /Annots takes the signature widget. */
async function firstPage(doc: PdfDocument, catalog: PdfDict): Promise<PageNode> {
  for await (const page of pagesOf(doc, catalog)) return page;
  throw refuse('PDF_NO_PAGES', 'the document has no pages', {});
}

/** Text for a signature dictionary entry (PDFDocEncoding for ASCII, UTF-16BE for anything else, e.g. ə). */
function textString(text: string): PdfString {
  return new PdfString(encodePdfTextString(text), false);
}

interface SignatureDictionaryText {
  body: string;
  /** Index of the placeholder's '<' in `body`. */
  contentsIndex: number;
}

/** What a prepared field holds: a signature, or a document timestamp (/Contents is an RFC 3161 token). */
export type SignatureFieldKind = 'Sig' | 'DocTimeStamp';

function signatureDictionary(request: PdfSignatureRequest, byteRange: readonly number[], kind: SignatureFieldKind): SignatureDictionaryText {
  const placeholder = `<${'0'.repeat(request.placeholderSize * 2)}>`;
  if (kind === 'DocTimeStamp') {
    // ISO 32000-2, 12.8.5 / ETSI EN 319 142-1, 5.4.3: the time comes from the token, so no /M and no signer entries.
    const head = `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange [${byteRange.join(' ')}] /Contents `;
    return { body: `${head}${placeholder} >>`, contentsIndex: head.length };
  }
  const head =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${request.subFilter ?? 'ETSI.CAdES.detached'}` +
    ` /ByteRange [${byteRange.join(' ')}] /Contents `;
  let tail = ` /M ${serializePdfObject(new PdfString(latin1Bytes(formatPdfDate(request.signingTime)), false))}`;
  const optional: [string, string | undefined][] = [
    ['Name', request.name],
    ['Reason', request.reason],
    ['Location', request.location],
    ['ContactInfo', request.contactInfo],
  ];
  for (const [key, value] of optional) if (value !== undefined) tail += ` /${key} ${serializePdfObject(textString(value))}`;
  if (request.certification) {
    tail +=
      ' /Reference [<< /Type /SigRef /TransformMethod /DocMDP' +
      ` /TransformParams << /Type /TransformParams /P ${request.certification} /V /1.2 >> >>]`;
  }
  return { body: `${head}${placeholder}${tail} >>`, contentsIndex: head.length };
}

/** Adds `item` to an array, rewriting the array object itself when it is indirect. */
async function appendToArray(
  doc: PdfDocument,
  value: PdfObject,
  item: PdfRef,
  rewrites: Map<string, { ref: PdfRef; value: PdfObject }>,
): Promise<PdfObject> {
  if (value instanceof PdfRef) {
    const key = `${value.num} ${value.gen}`;
    const pending = rewrites.get(key);
    const current = pending ? pending.value : await doc.resolve(value);
    const array = Array.isArray(current) ? [...current] : [];
    if (!array.some((x) => x instanceof PdfRef && x.num === item.num && x.gen === item.gen)) array.push(item);
    rewrites.set(key, { ref: value, value: array });
    return value;
  }
  return [...(Array.isArray(value) ? value : []), item];
}

/**
 * Prepares a signature as an incremental update with a zero placeholder. Refuses with PDF_ENCRYPTED,
 * PDF_CERTIFIED_NO_CHANGES (DocMDP P=1), PDF_XREF_DAMAGED (the file's cross-reference data is broken: an update
 * would point at it), PDF_NO_PAGES, PDF_FIELD_NAME_TAKEN, PDF_SIGNATURE_REQUEST_INVALID.
 */
export async function preparePdfSignature(source: ByteSource, request: PdfSignatureRequest): Promise<PreparedPdfSignature> {
  return prepareSignatureField(source, request, 'Sig');
}

/**
 * preparePdfSignature for either kind of field; core/pdf/document-timestamp.ts prepares document timestamps with it.
 * A document timestamp is allowed on a DocMDP P=1 document (ETSI EN 319 142-1, 5.4.3: validation data and document
 * timestamps are not changes), and its default name is "Timestamp N".
 */
export async function prepareSignatureField(source: ByteSource, request: PdfSignatureRequest, kind: SignatureFieldKind): Promise<PreparedPdfSignature> {
  validateRequest(request);
  const doc = await PdfDocument.open(source);
  if (doc.encrypted) throw refuse('PDF_ENCRYPTED', 'encrypted PDFs cannot be signed', {});
  const root = doc.trailer.get('Root');
  const prevXref = doc.startxref;
  const xrefKind = doc.newestXrefKind;
  if (doc.reconstructed || prevXref === null || xrefKind === null || !(root instanceof PdfRef)) {
    throw refuse('PDF_XREF_DAMAGED', 'the cross-reference data of the file is broken; it cannot take an update', {});
  }
  const catalog = await doc.catalog();
  if (kind === 'Sig') await checkDocMdp(doc, catalog);

  const form = await collectFormFields(doc, catalog);
  const names = new Set(form.fields.map((f) => f.fullName));
  if (request.certification && (catalog.has('Perms') || form.fields.some((f) => f.fieldType === 'Sig' && f.dict.has('V')))) {
    throw refuse('PDF_CERTIFICATION_NOT_FIRST', 'only the first signature of a document can certify it', {});
  }
  let fieldName = request.fieldName;
  if (fieldName !== undefined) {
    if (names.has(fieldName)) throw refuse('PDF_FIELD_NAME_TAKEN', 'a field with this name already exists', { fieldName });
  } else {
    const stem = kind === 'Sig' ? 'Signature' : 'Timestamp';
    let n = kind === 'Sig' ? form.fields.filter((f) => f.fieldType === 'Sig').length + 1 : 1;
    while (names.has(`${stem}${n}`)) n++;
    fieldName = `${stem}${n}`;
  }
  const page = await firstPage(doc, catalog);

  const first = doc.nextObjectNumber;
  // PDF's implementation limit for object numbers (ISO 32000-2, Annex C); a larger /Size is a damaged trailer.
  if (first + 3 > MAX_OBJECT_NUMBER) {
    throw refuse('PDF_XREF_TOO_LARGE', 'the file uses object numbers up to the limit; no new object fits', { size: first });
  }
  const sigRef = new PdfRef(first, 0);
  const fieldRef = new PdfRef(first + 1, 0);
  const rewrites = new Map<string, { ref: PdfRef; value: PdfObject }>();

  // The page lists the widget in /Annots.
  const pageCopy = page.dict.clone();
  pageCopy.set('Annots', await appendToArray(doc, page.dict.get('Annots'), fieldRef, rewrites));
  if (!(page.dict.get('Annots') instanceof PdfRef)) rewrites.set(`${page.ref.num} ${page.ref.gen}`, { ref: page.ref, value: pageCopy });

  // The form lists the field in /Fields and says it holds signatures (SigFlags: SignaturesExist | AppendOnly).
  // A direct /AcroForm moves into its own object: poppler loses fields it adds to a direct one (22.12).
  const acroFormValue = catalog.get('AcroForm');
  const acroForm = await doc.resolve(acroFormValue);
  const formCopy = isDict(acroForm) ? acroForm.clone() : new PdfDict();
  const fieldsValue = formCopy.get('Fields');
  formCopy.set('Fields', await appendToArray(doc, fieldsValue, fieldRef, rewrites));
  const sigFlags = formCopy.get('SigFlags');
  formCopy.set('SigFlags', (isInteger(sigFlags) ? sigFlags : 0) | 3);
  const formIndirect = acroFormValue instanceof PdfRef && isDict(acroForm);
  const formUnchanged = formIndirect && fieldsValue instanceof PdfRef && sigFlags === formCopy.get('SigFlags');
  if (formIndirect && !formUnchanged) {
    rewrites.set(`${acroFormValue.num} ${acroFormValue.gen}`, { ref: acroFormValue, value: formCopy });
  } else if (!formIndirect) {
    const formRef = new PdfRef(first + 2, 0);
    rewrites.set(`${formRef.num} 0`, { ref: formRef, value: formCopy });
    const catalogCopy = catalog.clone();
    catalogCopy.set('AcroForm', formRef);
    rewrites.set(`${root.num} ${root.gen}`, { ref: root, value: catalogCopy });
  }
  if (request.certification) {
    // The catalog names the certification signature: /Perms << /DocMDP sig >> (12.8.4).
    const key = `${root.num} ${root.gen}`;
    const catalogCopy = ((rewrites.get(key)?.value as PdfDict | undefined) ?? catalog).clone();
    const perms = new PdfDict();
    perms.set('DocMDP', sigRef);
    catalogCopy.set('Perms', perms);
    rewrites.set(key, { ref: root, value: catalogCopy });
  }
  if (doc.damaged) throw refuse('PDF_XREF_DAMAGED', 'the cross-reference data of the file is broken; it cannot take an update', {});

  const widget = new PdfDict();
  widget.set('Type', new PdfName('Annot'));
  widget.set('Subtype', new PdfName('Widget'));
  widget.set('FT', new PdfName('Sig'));
  widget.set('T', textString(fieldName));
  widget.set('V', sigRef);
  widget.set('Rect', [0, 0, 0, 0]);
  widget.set('F', WIDGET_FLAGS);
  widget.set('P', page.ref);

  const last = await source.read(source.size - 1, 1);
  const leadingNewline = source.size > 0 && last[0] !== 0x0a && last[0] !== 0x0d;
  const trailer = doc.trailer.clone();
  trailer.set('ID', updatedId(doc.trailer.get('ID'), source.size, request.signingTime));

  // ByteRange digits change the offsets they describe: repeat until they describe themselves (2-3 rounds).
  let byteRange: [number, number, number, number] = [0, 0, 0, 0];
  for (let round = 0; round < 8; round++) {
    const signature = signatureDictionary(request, byteRange, kind);
    const objects: UpdateObject[] = [
      { num: fieldRef.num, gen: 0, body: serializePdfObject(widget) },
      ...[...rewrites.values()].map((r) => ({ num: r.ref.num, gen: r.ref.gen, body: serializePdfObject(r.value) })),
      { num: sigRef.num, gen: 0, body: signature.body },
    ];
    const built = buildIncrementalUpdate({
      fileSize: source.size,
      leadingNewline,
      objects,
      xrefKind,
      prevXref,
      trailer,
      size: doc.nextObjectNumber,
    });
    const contentsStart = built.bodyOffsets.get(sigRef.num)! + signature.contentsIndex;
    const contentsEnd = contentsStart + request.placeholderSize * 2 + 2;
    const fileEnd = source.size + built.bytes.length;
    const next: [number, number, number, number] = [0, contentsStart, contentsEnd, fileEnd - contentsEnd];
    if (next.every((v, i) => v === byteRange[i])) {
      return {
        update: built.bytes,
        byteRange,
        contentsStart,
        contentsEnd,
        fileSize: source.size,
        placeholderSize: request.placeholderSize,
        fieldName,
      };
    }
    byteRange = next;
  }
  // Digits only grow, so this settles in a few rounds; getting here is a bug, not bad input.
  throw new Error('the ByteRange did not settle');
}

/** /ID (14.4): the first element stays (the document's identity); the second changes with every update. */
export function updatedId(id: PdfObject, fileSize: number, signingTime: Date): PdfObject[] {
  const original = Array.isArray(id) && id[0] instanceof PdfString ? id[0] : null;
  const seed = `${original ? toHex(original.bytes) : ''}|${fileSize}|${signingTime.toISOString()}`;
  const fresh = new PdfString(digest('SHA-256', latin1Bytes(seed)).slice(0, 16), true);
  return [original ? new PdfString(original.bytes, true) : fresh, fresh];
}

/**
 * Hex text (bytes) to write at contentsStart+1 over the zero placeholder: the CMS in hex, padded with '0' to the
 * placeholder's size. Throws SIGNATURE_TOO_LARGE when it does not fit.
 */
export function encodeSignatureContents(prepared: PreparedPdfSignature, cms: Uint8Array): Uint8Array {
  if (cms.length > prepared.placeholderSize) {
    throw new ImzalaError('SIGNATURE_TOO_LARGE', 'the signature does not fit in the space reserved for it', {
      size: cms.length,
      placeholderSize: prepared.placeholderSize,
    });
  }
  return latin1Bytes(toHex(cms).padEnd(prepared.placeholderSize * 2, '0'));
}

/** A copy of the update with the CMS written into the placeholder (the bytes to append to the source). */
export function embedSignatureContents(prepared: PreparedPdfSignature, cms: Uint8Array): Uint8Array {
  const hex = encodeSignatureContents(prepared, cms);
  const update = prepared.update.slice();
  update.set(hex, prepared.contentsStart + 1 - prepared.fileSize);
  return update;
}

/**
 * Feeds the signed bytes (the source, then the update around the placeholder) to `onChunk` in order, reading the
 * source in chunks (the next read overlapping the work on the current one): what the CMS message digest is
 * computed over. `fromSource` tells the source's chunks from the update's (a writer copies the former).
 */
export async function forEachSignedChunk(
  source: ByteSource,
  prepared: PreparedPdfSignature,
  onChunk: (chunk: Uint8Array, fromSource: boolean) => void,
  chunkSize = 4 * 1024 * 1024,
): Promise<void> {
  if (source.size !== prepared.fileSize) {
    throw new ImzalaError('PDF_SOURCE_CHANGED', 'the document changed after the signature was prepared', {
      size: source.size,
      preparedSize: prepared.fileSize,
    });
  }
  try {
    await forEachChunk(source, 0, source.size, (chunk) => onChunk(chunk, true), chunkSize);
  } catch (e) {
    if (e instanceof RangeError) throw new ImzalaError('PDF_TRUNCATED', 'the document ended while reading', {});
    throw e;
  }
  onChunk(prepared.update.subarray(0, prepared.contentsStart - prepared.fileSize), false);
  onChunk(prepared.update.subarray(prepared.contentsEnd - prepared.fileSize), false);
}
