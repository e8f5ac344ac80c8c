/**
 * The PDF object model (ISO 32000-2, 7.3) as read from a file: just enough structure to find signatures and to
 * rewrite the few dictionaries an incremental update touches. Strings remember where they sit in the file, because a
 * signature's ByteRange must leave out exactly its own /Contents hex string.
 */

/** A name object (`/Type`), decoded from its #xx escapes; the bytes are held as a Latin-1 string. */
export class PdfName {
  constructor(readonly name: string) {}
}

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}

  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/**
 * A string object. `start`/`end` are the file offsets of its first delimiter (`(` or `<`) and just after its last
 * one, or -1 when the string did not come straight from the file (e.g. from a compressed object stream).
 */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
    readonly start = -1,
    readonly end = -1,
  ) {}
}

export type PdfArray = PdfObject[];

/** A dictionary. Keys are name strings without the slash. */
export class PdfDict {
  readonly entries = new Map<string, PdfObject>();
  /** Keys that occurred more than once; readers disagree on which one counts, so callers may treat it as doubt. */
  readonly duplicateKeys = new Set<string>();

  /** The value of `key`, or null when absent (a null value means absent, 7.3.7). */
  get(key: string): PdfObject {
    return this.entries.get(key) ?? null;
  }

  set(key: string, value: PdfObject): void {
    this.entries.set(key, value);
  }

  has(key: string): boolean {
    const v = this.entries.get(key);
    return v !== undefined && v !== null;
  }

  /** A shallow copy (the update writer changes copies, never parsed objects that may be cached). */
  clone(): PdfDict {
    const copy = new PdfDict();
    for (const [k, v] of this.entries) copy.entries.set(k, v);
    return copy;
  }
}

/**
 * A stream: its dictionary and where its data starts in the file (or in a decoded buffer). The data itself is not
 * loaded by the parser; callers that need it read it through the document.
 */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** File offset of the first data byte, right after `stream` and its end-of-line. */
    readonly dataStart: number,
  ) {}
}

export type PdfObject = null | boolean | number | PdfName | PdfString | PdfArray | PdfDict | PdfRef | PdfStream;

export function isName(value: PdfObject, name?: string): value is PdfName {
  return value instanceof PdfName && (name === undefined || value.name === name);
}

export function isDict(value: PdfObject): value is PdfDict {
  return value instanceof PdfDict;
}

export function isRef(value: PdfObject): value is PdfRef {
  return value instanceof PdfRef;
}

export function isInteger(value: PdfObject): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** The name's text, or null when the value is not a name. */
export function nameOf(value: PdfObject): string | null {
  return value instanceof PdfName ? value.name : null;
}
