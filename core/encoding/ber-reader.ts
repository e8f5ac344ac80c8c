/**
 * A lazy BER (X.690) element reader for structures other tools emit in BER, such as CMS SignedData: indefinite
 * lengths closed by end-of-contents, constructed strings, long-form (also non-minimal) lengths, high tag numbers.
 * An element records where its bytes are; its children are read only when asked for, so a certificate inside a
 * CMS is skipped over by its length instead of parsed. Every element keeps the exact input bytes (`encoding`)
 * because signed attributes, certificates and names are hashed or compared byte for byte.
 *
 * Hostile input is bounded: nesting deeper than MAX_BER_DEPTH, lengths past the enclosing element, truncation and
 * stray end-of-contents all throw RangeError('BER: ...'); callers turn it into their own named code. The work is
 * linear in the bytes read: a definite-length element is skipped in O(1), an indefinite one is scanned once.
 */
import { concatBytes } from './bytes.js';
import { TAG } from './der-reader.js';

/** Deepest nesting accepted. CMS with timestamps and embedded certificates nests about 15 levels. */
export const MAX_BER_DEPTH = 64;
/** Most children of one element: bounds the memory a flat list of tiny elements could take. */
export const MAX_BER_CHILDREN = 1 << 18;

/** X.690 tag classes, from the top two bits of the identifier octet. */
export const TAG_CLASS = { UNIVERSAL: 0, APPLICATION: 1, CONTEXT: 2, PRIVATE: 3 } as const;
export type TagClass = (typeof TAG_CLASS)[keyof typeof TAG_CLASS];

/** The identifier octet of end-of-contents (universal class, primitive, tag 0). */
const EOC_TAG_BYTE = 0x00;

/** One BER element: its position in the input and, on demand, its children. */
export class BerElement {
  private childList: BerElement[] | null;

  private constructor(
    readonly bytes: Uint8Array,
    readonly tagClass: TagClass,
    readonly constructed: boolean,
    readonly tagNumber: number,
    /** Offset of the identifier octet. */
    readonly start: number,
    /** Offset of the first content octet. */
    readonly contentStart: number,
    /** Offset after the last content octet (before the end-of-contents octets of an indefinite length). */
    readonly contentEnd: number,
    /** Offset after the element (after its end-of-contents octets, if any). */
    readonly end: number,
    /** Nesting depth: 0 for the outermost element. */
    readonly depth: number,
    children: BerElement[] | null,
  ) {
    this.childList = children;
  }

  /** True when the length was indefinite (closed by end-of-contents). */
  get indefinite(): boolean {
    return this.end !== this.contentEnd;
  }

  /** The exact input bytes of the element: identifier, length, content (and end-of-contents). A view, not a copy. */
  get encoding(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }

  /** The content octets (a view). For a constructed element these are its children's encodings. */
  get content(): Uint8Array {
    return this.bytes.subarray(this.contentStart, this.contentEnd);
  }

  /** Universal class with this tag number (e.g. TAG.SEQUENCE & 0x1f), whatever the constructed bit. */
  isUniversal(tagNumber: number): boolean {
    return this.tagClass === TAG_CLASS.UNIVERSAL && this.tagNumber === tagNumber;
  }

  /** Context-specific class with this tag number ([n]). */
  isContext(tagNumber: number): boolean {
    return this.tagClass === TAG_CLASS.CONTEXT && this.tagNumber === tagNumber;
  }

  /** The direct children of a constructed element, read on the first call. */
  children(): readonly BerElement[] {
    if (!this.constructed) throw new RangeError('BER: a primitive element has no children');
    if (!this.childList) {
      const list: BerElement[] = [];
      for (let at = this.contentStart; at < this.contentEnd; ) {
        if (list.length >= MAX_BER_CHILDREN) throw new RangeError('BER: too many elements');
        const child = BerElement.read(this.bytes, at, this.contentEnd, this.depth + 1);
        list.push(child);
        at = child.end;
      }
      this.childList = list;
    }
    return this.childList;
  }

  /**
   * Reads the element starting at `offset`, which must end by `limit`.
   * @throws RangeError for anything that is not BER or breaks the bounds.
   */
  static read(bytes: Uint8Array, offset: number, limit: number, depth: number): BerElement {
    if (depth > MAX_BER_DEPTH) throw new RangeError('BER: nesting too deep');
    if (offset + 2 > limit) throw new RangeError('BER: truncated header');
    const identifier = bytes[offset]!;
    // Universal tag 0 is reserved for end-of-contents, which only closes an indefinite length.
    if (identifier === EOC_TAG_BYTE) throw new RangeError('BER: unexpected end-of-contents');
    const tagClass = (identifier >> 6) as TagClass;
    const constructed = (identifier & 0x20) !== 0;
    let tagNumber = identifier & 0x1f;
    let at = offset + 1;
    if (tagNumber === 0x1f) {
      // High tag number form (X.690 §8.1.2.4): base-128 digits, bounded so the number stays a small integer.
      tagNumber = 0;
      for (let digits = 0; ; digits++) {
        if (at >= limit) throw new RangeError('BER: truncated tag');
        if (digits >= 4) throw new RangeError('BER: tag number too large');
        const b = bytes[at++]!;
        tagNumber = tagNumber * 128 + (b & 0x7f);
        if ((b & 0x80) === 0) break;
      }
    }
    if (at >= limit) throw new RangeError('BER: truncated header');
    const first = bytes[at++]!;
    if (first === 0x80) {
      // Indefinite length: only constructed elements; the content is children up to end-of-contents.
      if (!constructed) throw new RangeError('BER: indefinite length on a primitive element');
      const contentStart = at;
      const list: BerElement[] = [];
      for (;;) {
        if (at + 2 > limit) throw new RangeError('BER: missing end-of-contents');
        if (bytes[at] === EOC_TAG_BYTE && bytes[at + 1] === 0) break;
        if (list.length >= MAX_BER_CHILDREN) throw new RangeError('BER: too many elements');
        const child = BerElement.read(bytes, at, limit, depth + 1);
        list.push(child);
        at = child.end;
      }
      return new BerElement(bytes, tagClass, constructed, tagNumber, offset, contentStart, at, at + 2, depth, list);
    }
    let length: number;
    if (first < 0x80) {
      length = first;
    } else {
      const count = first & 0x7f;
      if (count === 0x7f) throw new RangeError('BER: reserved length octet');
      if (at + count > limit) throw new RangeError('BER: truncated length');
      // BER allows non-minimal lengths; only the value must fit what is there.
      length = 0;
      for (let i = 0; i < count; i++) {
        length = length * 256 + bytes[at++]!;
        if (length > limit) throw new RangeError('BER: content runs past its container');
      }
    }
    const end = at + length;
    if (end > limit) throw new RangeError('BER: content runs past its container');
    return new BerElement(bytes, tagClass, constructed, tagNumber, offset, at, end, end, depth, null);
  }
}

/**
 * Reads the outermost element of `bytes` (BER). Trailing bytes are the caller's to judge: compare `end` with
 * `bytes.length`.
 */
export function readBer(bytes: Uint8Array): BerElement {
  return BerElement.read(bytes, 0, bytes.length, 0);
}

/** Universal tag numbers the readers compare with, from the one tag table. */
export const UNIVERSAL = {
  INTEGER: TAG.INTEGER,
  OCTET_STRING: TAG.OCTET_STRING,
  OID: TAG.OID,
  SEQUENCE: TAG.SEQUENCE & 0x1f,
  SET: TAG.SET & 0x1f,
  UTC_TIME: TAG.UTC_TIME,
  GENERALIZED_TIME: TAG.GENERALIZED_TIME,
} as const;

/**
 * The content octets of a string element as one array: a primitive one's content, or (BER) a constructed one's
 * pieces joined, each piece itself a primitive or constructed OCTET STRING. Null when a piece is anything else.
 * The caller checks the outer tag (OCTET STRING, or an implicit tag in its place).
 */
export function octetStringContent(element: BerElement): Uint8Array | null {
  if (!element.constructed) return element.content.slice();
  const parts: Uint8Array[] = [];
  for (const child of element.children()) {
    const part = child.isUniversal(UNIVERSAL.OCTET_STRING) ? octetStringContent(child) : null;
    if (!part) return null;
    parts.push(part);
  }
  return concatBytes(...parts);
}
