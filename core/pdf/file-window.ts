/**
 * Bounded, cached reads from a ByteSource and "parse at this offset" with a growing window: an object is parsed
 * from a 64 KiB window first; when the parser runs out of bytes the window grows (x4) up to the per-object cap.
 */
import { ImzalaError } from '../errors.js';
import type { ByteSource } from '../io/byte-source.js';
import { NEED_MORE_BYTES } from './lexer.js';
import type { PdfLimits } from './limits.js';
import { PdfParser } from './parser.js';

/** Reads are rounded up to this many bytes and the last few blocks are kept: nearby objects cost one read. */
const BLOCK_BYTES = 32 * 1024;
const CACHED_BLOCKS = 4;

interface Block {
  offset: number;
  bytes: Uint8Array;
}

export class FileWindow {
  private blocks: Block[] = [];

  constructor(
    readonly source: ByteSource,
    readonly limits: PdfLimits,
  ) {}

  get size(): number {
    return this.source.size;
  }

  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    for (const b of this.blocks) {
      if (b.offset <= offset && b.offset + b.bytes.length >= end) {
        return b.bytes.subarray(offset - b.offset, end - b.offset);
      }
    }
    const want = Math.min(this.size - offset, Math.max(length, BLOCK_BYTES));
    const bytes = await this.readExactly(offset, want);
    if (want <= this.limits.maxObjectBytes) {
      this.blocks.unshift({ offset, bytes });
      if (this.blocks.length > CACHED_BLOCKS) this.blocks.pop();
    }
    return bytes.subarray(0, end - offset);
  }

  /** Reads exactly `length` bytes (the source may return short reads). */
  async readExactly(offset: number, length: number): Promise<Uint8Array> {
    const first = await this.source.read(offset, length);
    if (first.length >= length) return first.length === length ? first : first.subarray(0, length);
    const out = new Uint8Array(length);
    out.set(first);
    let at = first.length;
    while (at < length) {
      const more = await this.source.read(offset + at, length - at);
      if (more.length === 0) {
        throw new ImzalaError('PDF_TRUNCATED', 'the file ended while reading', { offset: offset + at });
      }
      out.set(more, at);
      at += more.length;
    }
    return out;
  }

  /**
   * Runs `parse` on a window starting at `offset`, growing the window while the parser needs more bytes.
   * `maxTokens` overrides the per-object token bound (cross-reference tables are long token lists).
   */
  async parseAt<T>(offset: number, parse: (parser: PdfParser) => T, maxTokens?: number): Promise<T> {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.size) {
      throw new ImzalaError('PDF_OBJECT_NOT_FOUND', 'an offset points outside the file', { offset, size: this.size });
    }
    let windowBytes = this.limits.initialWindowBytes;
    for (;;) {
      const bytes = await this.read(offset, windowBytes);
      const final = offset + bytes.length >= this.size;
      const parser = new PdfParser(bytes, {
        base: offset,
        final,
        maxDepth: this.limits.maxNestingDepth,
        maxTokens: maxTokens ?? this.limits.maxTokensPerObject,
      });
      try {
        return parse(parser);
      } catch (e) {
        if (e !== NEED_MORE_BYTES) throw e;
      }
      if (windowBytes >= this.limits.maxObjectBytes) {
        throw new ImzalaError('PDF_OBJECT_TOO_LARGE', 'an object is larger than the limit', {
          offset,
          maxObjectBytes: this.limits.maxObjectBytes,
        });
      }
      windowBytes = Math.min(windowBytes * 4, this.limits.maxObjectBytes);
    }
  }

  /**
   * File offset of the first `marker` at or after `from`, searching at most `maxBytes`; -1 when not found.
   * Reads in blocks with an overlap so a marker split across two reads is still found.
   */
  async indexOf(marker: Uint8Array, from: number, maxBytes: number): Promise<number> {
    const limit = Math.min(this.size, from + maxBytes);
    const chunk = 64 * 1024;
    for (let at = from; at < limit; at += chunk - marker.length) {
      const bytes = await this.read(at, Math.min(chunk, limit - at));
      const found = indexOfBytes(bytes, marker, 0);
      if (found >= 0) return at + found;
      if (at + bytes.length >= limit) break;
    }
    return -1;
  }
}

/** Position of `needle` in `haystack` at or after `from`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first, from); i >= 0 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Position of the last `needle` in `haystack`, or -1. */
export function lastIndexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = haystack.length - needle.length; i >= 0; i--) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
