/**
 * PAdES document timestamps (ETSI EN 319 142-1, 5.4.3; ISO 32000-2, 12.8.5): a signature field whose dictionary is
 * /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 and whose /Contents is an RFC 3161 TimeStampToken over the bytes the
 * /ByteRange names. The PDF half is the signature's (placeholder, field, widget, exact ByteRange); the caller hashes
 * the signed bytes with forEachSignedChunk, asks a TSA for a token over that digest and writes it in with
 * embedSignatureContents. A document timestamp is what PAdES B-LTA adds after the /DSS, and what keeps it alive.
 */
import type { ByteSource } from '../io/byte-source.js';
import { prepareSignatureField, type PreparedPdfSignature } from './prepare-signature.js';

export interface DocumentTimestampRequest {
  /** Bytes of token capacity; the placeholder holds twice as many hex digits (a token with its TSA chain: ~4-8 KiB). */
  placeholderSize: number;
  /** Partial name of the new field (no '.'); default "Timestamp N", unique in the form. */
  fieldName?: string;
}

/**
 * Prepares a document timestamp field as an incremental update with a zero placeholder. Refuses with the codes of
 * preparePdfSignature (PDF_ENCRYPTED, PDF_XREF_DAMAGED, PDF_NO_PAGES, PDF_FIELD_NAME_TAKEN,
 * PDF_SIGNATURE_REQUEST_INVALID), except that a DocMDP P=1 document takes it: a document timestamp is not a change.
 */
export async function prepareDocumentTimestamp(source: ByteSource, request: DocumentTimestampRequest): Promise<PreparedPdfSignature> {
  // The time only seeds the new /ID; the timestamp's own time is the token's genTime.
  return prepareSignatureField(source, { signingTime: new Date(), placeholderSize: request.placeholderSize, fieldName: request.fieldName }, 'DocTimeStamp');
}
