/**
 * The checks a signature's /ByteRange must pass before its hash means anything (ISO 32000-2, 12.8.1; ETSI EN
 * 319 142-1, 5.4): four non-negative integers [0 a b c]; the gap [a, b) is exactly the signature's own /Contents
 * hex string, delimiters included; the range ends inside the file, at the end of one revision.
 */
import type { PdfRevision } from './document.js';

export interface ByteRangeFacts {
  byteRange: number[] | null;
  /** File offsets of the /Contents hex string's `<` and just after its `>`; null when not known (not hex, or not
   * read straight from the file, e.g. from a compressed object stream). */
  contentsStart: number | null;
  contentsEnd: number | null;
  contentsPresent: boolean;
  /** The dictionary names /ByteRange or /Contents twice: readers disagree on which one counts. */
  ambiguous: boolean;
}

export interface ByteRangeVerdict {
  /** null when every check passed, else the first failing check's code. */
  code: string | null;
  /** 1-based revision whose end is the range end, or null. */
  revision: number | null;
  coversWholeFile: boolean;
}

/** Runs the checks in order and reports the first failure; never throws. */
export function checkByteRange(facts: ByteRangeFacts, fileSize: number, revisions: readonly PdfRevision[]): ByteRangeVerdict {
  const br = facts.byteRange;
  const numbersValid = br !== null && br.length === 4 && br.every((n) => Number.isSafeInteger(n) && n >= 0) && br[1]! <= br[2]!;
  const rangeEnd = numbersValid ? br[2]! + br[3]! : -1;
  // The end-of-line after %%EOF is optional: a range may end before or after it.
  const revision = numbersValid ? (revisions.find((r) => r.end === rangeEnd || r.markerEnd === rangeEnd)?.number ?? null) : null;
  const verdict = (code: string | null): ByteRangeVerdict => ({
    code,
    revision,
    coversWholeFile: numbersValid && rangeEnd === fileSize,
  });
  if (!facts.contentsPresent) return verdict('SIGNATURE_CONTENTS_MISSING');
  if (facts.ambiguous) return verdict('SIGNATURE_DICTIONARY_AMBIGUOUS');
  if (!numbersValid) return verdict('BYTE_RANGE_INVALID');
  if (br[0] !== 0) return verdict('BYTE_RANGE_NOT_AT_START');
  if (rangeEnd > fileSize) return verdict('BYTE_RANGE_OUTSIDE_FILE');
  if (facts.contentsStart === null || facts.contentsEnd === null || br[1] !== facts.contentsStart || br[2] !== facts.contentsEnd) {
    return verdict('BYTE_RANGE_GAP_NOT_CONTENTS');
  }
  if (revision === null) return verdict('BYTE_RANGE_NOT_REVISION_END');
  return verdict(null);
}
