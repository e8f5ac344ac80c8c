/**
 * Comparing one object as it was with the same object as a later revision wrote it. References compare by number
 * and generation: the object they name is compared on its own when its revision rewrote it. Streams compare by
 * dictionary and raw data, so a writer that rewrites an object unchanged is not reported as a change.
 */
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, isInteger, type PdfObject } from '../objects.js';
import type { RevisionView } from './revision-view.js';

/** Streams larger than this are not compared byte by byte: a rewritten large stream counts as changed. */
const MAX_COMPARED_STREAM_BYTES = 16 * 1024 * 1024;

/** Equality of direct values; references by number and generation; streams by dictionary only. */
export function sameValue(a: PdfObject, b: PdfObject, depth = 0): boolean {
  if (depth > 64) return false;
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfString) return b instanceof PdfString && sameBytes(a.bytes, b.bytes);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!, depth + 1));
  if (a instanceof PdfStream) return b instanceof PdfStream && sameValue(a.dict, b.dict, depth + 1);
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict)) return false;
    const keysA = presentKeys(a);
    const keysB = presentKeys(b);
    return keysA.length === keysB.length && keysA.every((k) => sameValue(a.get(k), b.get(k), depth + 1));
  }
  return false;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Keys with a non-null value (a null value means absent, 7.3.7). */
export function presentKeys(dict: PdfDict): string[] {
  return [...dict.entries.keys()].filter((k) => dict.has(k)).sort();
}

/** Keys whose values differ between two versions of a dictionary (added and removed keys included). */
export function changedKeys(before: PdfDict, after: PdfDict): string[] {
  const keys = new Set([...presentKeys(before), ...presentKeys(after)]);
  return [...keys].filter((k) => !sameValue(before.get(k), after.get(k))).sort();
}

/** The dictionary of a dictionary or a stream; null otherwise. */
export function dictOf(value: PdfObject): PdfDict | null {
  if (value instanceof PdfStream) return value.dict;
  return value instanceof PdfDict ? value : null;
}

/** Raw (undecoded) data of a stream read from the file, or null when it cannot be compared. */
async function rawStreamData(view: RevisionView, stream: PdfStream): Promise<Uint8Array | null> {
  const length = await view.resolve(stream.dict.get('Length'));
  if (!isInteger(length) || length < 0 || length > MAX_COMPARED_STREAM_BYTES) return null;
  if (stream.dataStart < 0 || stream.dataStart + length > view.doc.size) return null;
  return view.doc.file.readExactly(stream.dataStart, length);
}

/**
 * True when `before` (read through `oldView`) and `after` (through `newView`) are the same object. A stream whose
 * data cannot be compared counts as changed: the analysis never assumes sameness.
 */
export async function sameObject(oldView: RevisionView, before: PdfObject, newView: RevisionView, after: PdfObject): Promise<boolean> {
  if (!(before instanceof PdfStream) || !(after instanceof PdfStream)) return sameValue(before, after);
  const keysOf = (d: PdfDict): PdfDict => {
    const copy = d.clone();
    copy.entries.delete('Length');
    return copy;
  };
  if (!sameValue(keysOf(before.dict), keysOf(after.dict))) return false;
  if (before.dataStart === after.dataStart) return sameValue(before.dict.get('Length'), after.dict.get('Length'));
  const [a, b] = await Promise.all([rawStreamData(oldView, before), rawStreamData(newView, after)]);
  return a !== null && b !== null && sameBytes(a, b);
}
