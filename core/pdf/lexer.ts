/**
 * PDF tokens (ISO 32000-2, 7.2-7.3) over a window of the file. The lexer never reads past its window: when a token
 * may continue beyond it and the window is not the end of the data, it throws NEED_MORE_BYTES and the caller reads a
 * larger window and starts again. That keeps parsing synchronous and every read bounded.
 */
import { ImzalaError } from '../errors.js';
import { PdfString } from './objects.js';

/** Thrown (never to callers outside core/pdf) when the window ends inside a token. */
export const NEED_MORE_BYTES: unique symbol = Symbol('NEED_MORE_BYTES');

export type Token =
  | { kind: 'number'; value: number; integer: boolean; start: number; end: number }
  | { kind: 'keyword'; value: string; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'string'; value: PdfString; start: number; end: number }
  | { kind: 'delimiter'; value: '[' | ']' | '<<' | '>>' | '{' | '}'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

/** Whitespace (7.2.3): NUL, TAB, LF, FF, CR, SPACE. */
export function isPdfWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

/** Delimiters (7.2.3): ( ) < > [ ] { } / %. */
export function isPdfDelimiter(byte: number): boolean {
  return (
    byte === 0x28 || byte === 0x29 || byte === 0x3c || byte === 0x3e || byte === 0x5b ||
    byte === 0x5d || byte === 0x7b || byte === 0x7d || byte === 0x2f || byte === 0x25
  );
}

function isRegular(byte: number): boolean {
  return !isPdfWhitespace(byte) && !isPdfDelimiter(byte);
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/** A growable byte buffer for decoded strings. */
class ByteBuilder {
  private data = new Uint8Array(64);
  length = 0;

  push(byte: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = byte;
  }

  toBytes(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

export interface LexerOptions {
  /** File offset of `window[0]`, so tokens and strings carry file offsets; -1 when not from the file. */
  base: number;
  /** True when the window ends where the data ends: then a token may end at the window's end. */
  final: boolean;
  maxTokens: number;
}

export class PdfLexer {
  pos = 0;
  private tokens = 0;

  constructor(
    readonly window: Uint8Array,
    readonly options: LexerOptions,
  ) {}

  /** File offset of a window position (or -1 when the window is not from the file). */
  fileOffset(windowPos: number): number {
    return this.options.base < 0 ? -1 : this.options.base + windowPos;
  }

  syntaxError(message: string, at = this.pos): ImzalaError {
    return new ImzalaError('PDF_SYNTAX', message, { offset: this.fileOffset(at) });
  }

  /** The window ended; more bytes may exist (throws) or this is the end of the data (returns). */
  private endOfWindow(): void {
    if (!this.options.final) throw NEED_MORE_BYTES;
  }

  /** Skips whitespace and comments. */
  skipWhitespace(): void {
    const w = this.window;
    for (;;) {
      if (this.pos >= w.length) return this.endOfWindow();
      const b = w[this.pos]!;
      if (isPdfWhitespace(b)) {
        this.pos++;
      } else if (b === 0x25) {
        // A comment runs to the end of the line.
        while (this.pos < w.length && w[this.pos] !== 0x0a && w[this.pos] !== 0x0d) this.pos++;
      } else {
        return;
      }
    }
  }

  /** The next token; counts towards the per-object token bound. */
  next(): Token {
    if (++this.tokens > this.options.maxTokens) {
      throw new ImzalaError('PDF_OBJECT_TOO_COMPLEX', 'an object has too many tokens', {
        offset: this.fileOffset(this.pos),
        maxTokens: this.options.maxTokens,
      });
    }
    this.skipWhitespace();
    const w = this.window;
    const start = this.pos;
    if (start >= w.length) return { kind: 'eof', start, end: start };
    const b = w[start]!;
    switch (b) {
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        this.pos++;
        return { kind: 'delimiter', value: String.fromCharCode(b) as '[' | ']' | '{' | '}', start, end: this.pos };
      case 0x3c:
        if (start + 1 >= w.length) this.endOfWindow();
        if (w[start + 1] === 0x3c) {
          this.pos += 2;
          return { kind: 'delimiter', value: '<<', start, end: this.pos };
        }
        return this.hexString(start);
      case 0x3e:
        if (start + 1 >= w.length) this.endOfWindow();
        if (w[start + 1] === 0x3e) {
          this.pos += 2;
          return { kind: 'delimiter', value: '>>', start, end: this.pos };
        }
        throw this.syntaxError("unexpected '>'");
      case 0x28:
        return this.literalString(start);
      case 0x2f:
        return this.name(start);
      case 0x29:
        throw this.syntaxError("unexpected ')'");
      default:
        break;
    }
    if ((b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2d || b === 0x2e) return this.number(start);
    return this.keyword(start);
  }

  /** Reads regular characters from `start`; the run may continue past a non-final window. */
  private regularRun(start: number): number {
    const w = this.window;
    let p = start;
    while (p < w.length && isRegular(w[p]!)) p++;
    if (p >= w.length) this.endOfWindow();
    return p;
  }

  private number(start: number): Token {
    const end = this.regularRun(start);
    const w = this.window;
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(w[i]!);
    // Real numbers have no exponent form in PDF (7.3.3); writers sometimes emit a doubled sign ("--5"), read as one.
    const m = /^[+-]{0,2}(\d*)(\.(\d*))?$/.exec(text);
    if (!m || (m[1] === '' && (m[3] ?? '') === '')) throw this.syntaxError(`not a number: ${text.slice(0, 32)}`, start);
    this.pos = end;
    const negative = text.includes('-');
    const magnitude = Number(`${m[1] || '0'}.${m[3] || '0'}`);
    const value = negative ? -magnitude : magnitude;
    return { kind: 'number', value, integer: m[2] === undefined, start, end };
  }

  private keyword(start: number): Token {
    const end = this.regularRun(start);
    if (end === start) throw this.syntaxError('unexpected character', start);
    const w = this.window;
    let value = '';
    for (let i = start; i < end && i - start < 64; i++) value += String.fromCharCode(w[i]!);
    this.pos = end;
    return { kind: 'keyword', value, start, end };
  }

  private name(start: number): Token {
    const end = this.regularRun(start + 1);
    const w = this.window;
    let value = '';
    for (let i = start + 1; i < end; i++) {
      const c = w[i]!;
      if (c === 0x23 && i + 2 < end) {
        const hi = hexValue(w[i + 1]!);
        const lo = hexValue(w[i + 2]!);
        if (hi >= 0 && lo >= 0) {
          value += String.fromCharCode((hi << 4) | lo);
          i += 2;
          continue;
        }
      }
      value += String.fromCharCode(c);
    }
    this.pos = end;
    return { kind: 'name', value, start, end };
  }

  private hexString(start: number): Token {
    const w = this.window;
    const out = new ByteBuilder();
    let p = start + 1;
    let high = -1;
    for (;;) {
      if (p >= w.length) {
        this.endOfWindow();
        throw this.syntaxError('unterminated hex string', start);
      }
      const c = w[p++]!;
      if (c === 0x3e) break;
      if (isPdfWhitespace(c)) continue;
      const v = hexValue(c);
      if (v < 0) throw this.syntaxError('invalid character in a hex string', p - 1);
      if (high < 0) {
        high = v;
      } else {
        out.push((high << 4) | v);
        high = -1;
      }
    }
    // An odd number of digits ends as if followed by 0 (7.3.4.3).
    if (high >= 0) out.push(high << 4);
    this.pos = p;
    const value = new PdfString(out.toBytes(), true, this.fileOffset(start), this.fileOffset(p));
    return { kind: 'string', value, start, end: p };
  }

  private literalString(start: number): Token {
    const w = this.window;
    const out = new ByteBuilder();
    let p = start + 1;
    let depth = 1;
    const need = (): void => {
      if (p >= w.length) {
        this.endOfWindow();
        throw this.syntaxError('unterminated string', start);
      }
    };
    for (;;) {
      need();
      const c = w[p++]!;
      if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else if (c === 0x0d) {
        // Any end-of-line inside a literal string reads as a single LF (7.3.4.2).
        need();
        if (w[p] === 0x0a) p++;
        out.push(0x0a);
      } else if (c === 0x5c) {
        need();
        const e = w[p++]!;
        switch (e) {
          case 0x6e: out.push(0x0a); break; // \n
          case 0x72: out.push(0x0d); break; // \r
          case 0x74: out.push(0x09); break; // \t
          case 0x62: out.push(0x08); break; // \b
          case 0x66: out.push(0x0c); break; // \f
          case 0x0d: // backslash + EOL: the line continues, nothing is added
            need();
            if (w[p] === 0x0a) p++;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2; k++) {
                need();
                const d = w[p]!;
                if (d < 0x30 || d > 0x37) break;
                v = v * 8 + (d - 0x30);
                p++;
              }
              out.push(v & 0xff);
            } else {
              // An unknown escape stands for the character itself, \( \) \\ included.
              out.push(e);
            }
        }
      } else {
        out.push(c);
      }
    }
    this.pos = p;
    const value = new PdfString(out.toBytes(), false, this.fileOffset(start), this.fileOffset(p));
    return { kind: 'string', value, start, end: p };
  }
}
