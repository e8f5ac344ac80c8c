/**
 * Bounds on the work done for one PDF. Every file is treated as hostile: each bound turns into a named ImzalaError
 * instead of a crash, a hang or unbounded memory. The defaults leave room for real documents (a 100 MB scan, tens of
 * thousands of objects) while keeping one file well under 120 MiB of memory.
 */
export interface PdfLimits {
  /** Arrays and dictionaries nested deeper than this are refused (PDF_NESTING_TOO_DEEP). */
  maxNestingDepth: number;
  /** Tokens in one object (PDF_OBJECT_TOO_COMPLEX). */
  maxTokensPerObject: number;
  /** First read for one object; the window grows x4 until the object fits (a signature dictionary with a large
   * placeholder takes two or three rounds). */
  initialWindowBytes: number;
  /** The largest single object (dictionary text, xref table) read in one window (PDF_OBJECT_TOO_LARGE). */
  maxObjectBytes: number;
  /** Indirect objects resolved while reading one file (PDF_TOO_MANY_OBJECTS). */
  maxObjectsResolved: number;
  /** Highest object number accepted in a cross-reference section (PDF_XREF_TOO_LARGE). */
  maxObjectNumber: number;
  /** Sections in the /Prev chain (PDF_XREF_CHAIN_TOO_LONG). */
  maxXrefSections: number;
  /** Raw bytes of one stream that is read (xref stream, object stream) (PDF_STREAM_TOO_LARGE). */
  maxStreamBytes: number;
  /** Decoded bytes of one stream (zip bombs) (PDF_STREAM_TOO_LARGE). */
  maxDecodedStreamBytes: number;
  /** Decoded bytes of all streams read for one file: bounds the work a file of many small bombs can cause
   * (PDF_WORK_LIMIT_EXCEEDED). */
  maxDecodedBytesTotal: number;
  /** Bytes of all signature values (/Contents) kept for one file (PDF_WORK_LIMIT_EXCEEDED). */
  maxSignatureBytesTotal: number;
  /** Form fields visited under /AcroForm /Fields (PDF_TOO_MANY_FIELDS). */
  maxFields: number;
  /** Depth of the /Kids tree of fields and pages (PDF_NESTING_TOO_DEEP). */
  maxTreeDepth: number;
  /** Largest file whose broken cross-reference data is repaired by scanning every byte (PDF_TOO_DAMAGED_TO_REPAIR):
   * the scan is linear, so this bounds the time a damaged multi-gigabyte file can take. */
  maxReconstructionBytes: number;
}

export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxNestingDepth: 64,
  maxTokensPerObject: 1_000_000,
  initialWindowBytes: 16 * 1024,
  maxObjectBytes: 16 * 1024 * 1024,
  maxObjectsResolved: 200_000,
  maxObjectNumber: 2_000_000,
  maxXrefSections: 1024,
  maxStreamBytes: 32 * 1024 * 1024,
  maxDecodedStreamBytes: 32 * 1024 * 1024,
  maxDecodedBytesTotal: 256 * 1024 * 1024,
  maxSignatureBytesTotal: 64 * 1024 * 1024,
  maxFields: 20_000,
  maxTreeDepth: 64,
  maxReconstructionBytes: 512 * 1024 * 1024,
});

/** The defaults with the caller's overrides. */
export function resolvePdfLimits(overrides: Partial<PdfLimits> = {}): PdfLimits {
  return { ...DEFAULT_PDF_LIMITS, ...overrides };
}
