/**
 * Every signature of a PDF, read from the structure only: trailer -> /Root -> /AcroForm -> /Fields -> /Sig fields
 * -> signature dictionaries. Reads a few windows of the file, never the whole of it; the caller hashes the byte
 * ranges as a stream and verifies the CMS.
 */
import type { ByteSource } from '../io/byte-source.js';
import { checkByteRange } from './byte-range.js';
import { PdfDocument, isLocalDamage, type PdfRevision, type PdfWarning } from './document.js';
import { collectFormFields, collectSignatureWidgetsOutsideForm, type FormField } from './form-fields.js';
import type { PdfLimits } from './limits.js';
import { PdfRef, PdfString, isDict, nameOf, type PdfObject } from './objects.js';
import { parsePdfDate } from './pdf-date.js';
import { decodePdfTextString } from './text-string.js';

export type { PdfRevision } from './document.js';

export interface PdfSignatureField {
  /** Full dotted field name ('' for encrypted files, whose strings are not decrypted). */
  fieldName: string;
  /** The signature dictionary's object reference, or null when /V is a direct dictionary. */
  ref: { num: number; gen: number } | null;
  type: 'Sig' | 'DocTimeStamp';
  filter: string | null;
  subFilter: string | null;
  /** /ByteRange numbers as given (null when absent or not an array of numbers). */
  byteRange: number[] | null;
  /** Decoded /Contents (the CMS, usually followed by zero padding). */
  contents: Uint8Array | null;
  /** File offsets of the /Contents hex string's `<` and just after its `>`. */
  contentsStart: number | null;
  contentsEnd: number | null;
  /** No signature value: /Contents empty or all zero bytes (a prepared but unsigned field). A missing /Contents
   * is not "empty" but malformed (SIGNATURE_CONTENTS_MISSING): a signature dictionary must carry one. */
  contentsEmpty: boolean;
  signingTime: Date | null;
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  name: string | null;
  /** null = the ByteRange passed every check; else the first failing check's code. */
  byteRangeCode: string | null;
  /** 1-based revision whose end is the range end. */
  revision: number | null;
  coversWholeFile: boolean;
}

export interface PdfSignatureScan {
  /** The document as read, for further questions (change analysis) without opening it again. */
  document: PdfDocument;
  size: number;
  pdfVersion: string;
  revisions: PdfRevision[];
  encrypted: boolean;
  signatures: PdfSignatureField[];
  warnings: PdfWarning[];
}

/**
 * Reads every signature field of a PDF with its signature dictionary and the ByteRange checks.
 * Throws ImzalaError: PDF_NOT_A_PDF, PDF_NO_CATALOG, bound errors (PDF_XREF_LOOP, PDF_OBJECT_TOO_LARGE,
 * PDF_STREAM_TOO_LARGE, PDF_NESTING_TOO_DEEP, ...), PDF_ENCRYPTED when the fields sit in encrypted object streams.
 */
export async function scanPdfSignatures(source: ByteSource, limits?: Partial<PdfLimits>): Promise<PdfSignatureScan> {
  const doc = await PdfDocument.open(source, limits);
  const encrypted = doc.encrypted;
  const warnings: PdfWarning[] = [];
  const catalog = await doc.catalog();
  const form = await collectFormFields(doc, catalog, !encrypted);
  warnings.push(...form.warnings);
  if (encrypted) warnings.push({ code: 'PDF_ENCRYPTED_STRINGS_UNREAD' });

  const known = new Set(form.fields.flatMap((f) => (f.ref ? [`${f.ref.num} ${f.ref.gen}`] : [])));
  let outside: FormField[] = [];
  try {
    outside = await collectSignatureWidgetsOutsideForm(doc, catalog, known, !encrypted);
  } catch (e) {
    if (!isLocalDamage(e)) throw e;
    warnings.push({ code: 'PDF_PAGES_UNREADABLE', detail: e.code });
  }
  for (const field of outside) warnings.push({ code: 'PDF_SIGNATURE_NOT_IN_FORM', detail: field.fullName });

  const signatures: PdfSignatureField[] = [];
  for (const field of [...form.fields, ...outside]) {
    if (field.fieldType !== 'Sig' || !field.dict.has('V')) continue;
    try {
      const signature = await readSignature(doc, field, encrypted);
      if (signature) signatures.push(signature);
      else warnings.push({ code: 'PDF_SIGNATURE_DICTIONARY_INVALID', detail: field.fullName });
    } catch (e) {
      if (!isLocalDamage(e)) throw e;
      warnings.push({ code: 'PDF_SIGNATURE_UNREADABLE', detail: `${field.fullName}: ${e.code}` });
    }
  }
  return {
    document: doc,
    size: doc.size,
    pdfVersion: doc.pdfVersion,
    revisions: doc.revisions,
    encrypted,
    signatures,
    warnings: [...doc.warnings, ...warnings],
  };
}

async function readSignature(doc: PdfDocument, field: FormField, encrypted: boolean): Promise<PdfSignatureField | null> {
  const v = field.dict.get('V');
  const ref = v instanceof PdfRef ? { num: v.num, gen: v.gen } : null;
  const dict = await doc.resolve(v);
  if (!isDict(dict)) return null;

  const text = (key: string): string | null => {
    const value = dict.get(key);
    return !encrypted && value instanceof PdfString ? decodePdfTextString(value.bytes) : null;
  };
  const contentsValue = dict.get('Contents');
  const contents = contentsValue instanceof PdfString ? contentsValue.bytes : null;
  // The offsets count only for a hex string read straight from the file: that is what the gap must leave out.
  const located = contentsValue instanceof PdfString && contentsValue.hex && contentsValue.start >= 0;
  const contentsStart = located ? contentsValue.start : null;
  const contentsEnd = located ? contentsValue.end : null;
  const byteRange = numberArray(await doc.resolve(dict.get('ByteRange')));
  const subFilter = nameOf(dict.get('SubFilter'));
  const type = nameOf(dict.get('Type')) === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'DocTimeStamp' : 'Sig';
  const m = text('M');

  const verdict = checkByteRange(
    {
      byteRange,
      contentsStart,
      contentsEnd,
      contentsPresent: contents !== null,
      ambiguous: dict.duplicateKeys.has('ByteRange') || dict.duplicateKeys.has('Contents'),
    },
    doc.size,
    doc.revisions,
  );
  return {
    fieldName: field.fullName,
    ref,
    type,
    filter: nameOf(dict.get('Filter')),
    subFilter,
    byteRange,
    contents,
    contentsStart,
    contentsEnd,
    contentsEmpty: contents !== null && contents.every((b) => b === 0),
    signingTime: m === null ? null : parsePdfDate(m),
    reason: text('Reason'),
    location: text('Location'),
    contactInfo: text('ContactInfo'),
    name: text('Name'),
    byteRangeCode: verdict.code,
    revision: verdict.revision,
    coversWholeFile: verdict.coversWholeFile,
  };
}

function numberArray(value: PdfObject): number[] | null {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) return null;
  // A copy: the parsed array may sit in the document's cache.
  return [...(value as number[])];
}
