/**
 * core/pdf: reading every signature of a PDF (bounded, through a ByteSource) and preparing PAdES signatures as
 * incremental updates. CMS building and verification live in core/cms; this module hands over the byte-level parts.
 */
export { scanPdfSignatures, type PdfSignatureField, type PdfSignatureScan } from './scan-signatures.js';
export { PdfDocument, type PdfRevision, type PdfWarning } from './document.js';
export { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits.js';
export {
  preparePdfSignature,
  encodeSignatureContents,
  embedSignatureContents,
  forEachSignedChunk,
  type PdfSignatureRequest,
  type PreparedPdfSignature,
} from './prepare-signature.js';
export { PDF_MESSAGES } from './codes.js';
