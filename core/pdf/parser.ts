/**
 * PDF objects from tokens (ISO 32000-2, 7.3): direct objects and `n g obj ... endobj` indirect objects, with nesting
 * and token bounds. Stream data is not read here; a stream records where its data starts.
 */
import { ImzalaError } from '../errors.js';
import { NEED_MORE_BYTES, PdfLexer, type Token } from './lexer.js';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from './objects.js';

export interface ParserOptions {
  /** File offset of `window[0]`, or -1 when the bytes are not the file's (decoded object streams). */
  base: number;
  /** The window ends where the data ends. */
  final: boolean;
  maxDepth: number;
  maxTokens: number;
}

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfObject;
  /** File offset just after the object (after `endobj`, or at the stream data for a stream). */
  end: number;
}

export class PdfParser {
  readonly lexer: PdfLexer;
  private peeked: Token[] = [];

  constructor(
    window: Uint8Array,
    private readonly options: ParserOptions,
  ) {
    this.lexer = new PdfLexer(window, { base: options.base, final: options.final, maxTokens: options.maxTokens });
  }

  next(): Token {
    return this.peeked.shift() ?? this.lexer.next();
  }

  peek(ahead = 0): Token {
    while (this.peeked.length <= ahead) this.peeked.push(this.lexer.next());
    return this.peeked[ahead]!;
  }

  /** Window position after the last consumed token. */
  get position(): number {
    return this.peeked.length > 0 ? this.peeked[0]!.start : this.lexer.pos;
  }

  /** Moves to a window position, dropping any look-ahead. */
  seek(windowPos: number): void {
    this.peeked = [];
    this.lexer.pos = windowPos;
  }

  /** One direct object. */
  parseObject(depth = 0): PdfObject {
    return this.objectFrom(this.next(), depth);
  }

  private objectFrom(token: Token, depth: number): PdfObject {
    switch (token.kind) {
      case 'number': {
        // `n g R` is a reference: two non-negative integers and the keyword R.
        if (token.integer && token.value >= 0) {
          const gen = this.peek(0);
          if (gen.kind === 'number' && gen.integer && gen.value >= 0) {
            const r = this.peek(1);
            if (r.kind === 'keyword' && r.value === 'R') {
              this.next();
              this.next();
              return new PdfRef(token.value, gen.value);
            }
          }
        }
        return token.value;
      }
      case 'string':
        return token.value;
      case 'name':
        return new PdfName(token.value);
      case 'keyword':
        if (token.value === 'true') return true;
        if (token.value === 'false') return false;
        if (token.value === 'null') return null;
        throw this.lexer.syntaxError(`unexpected keyword '${token.value}'`, token.start);
      case 'delimiter':
        if (token.value === '[') return this.array(token, depth + 1);
        if (token.value === '<<') return this.dict(token, depth + 1);
        throw this.lexer.syntaxError(`unexpected '${token.value}'`, token.start);
      case 'eof':
        throw new ImzalaError('PDF_TRUNCATED', 'the data ends inside an object', {
          offset: this.lexer.fileOffset(token.start),
        });
    }
  }

  private checkDepth(depth: number, token: Token): void {
    if (depth > this.options.maxDepth) {
      throw new ImzalaError('PDF_NESTING_TOO_DEEP', 'arrays or dictionaries are nested too deeply', {
        offset: this.lexer.fileOffset(token.start),
        maxDepth: this.options.maxDepth,
      });
    }
  }

  private array(open: Token, depth: number): PdfObject[] {
    this.checkDepth(depth, open);
    const items: PdfObject[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'delimiter' && t.value === ']') return items;
      items.push(this.objectFrom(t, depth));
    }
  }

  private dict(open: Token, depth: number): PdfDict {
    this.checkDepth(depth, open);
    const dict = new PdfDict();
    for (;;) {
      const t = this.next();
      if (t.kind === 'delimiter' && t.value === '>>') return dict;
      if (t.kind !== 'name') {
        if (t.kind === 'eof') return this.objectFrom(t, depth) as never;
        throw this.lexer.syntaxError('a dictionary key is not a name', t.start);
      }
      const value = this.objectFrom(this.next(), depth);
      if (dict.entries.has(t.value)) dict.duplicateKeys.add(t.value);
      dict.set(t.value, value);
    }
  }

  /**
   * `num gen obj <object> endobj`, or `... obj <dict> stream EOL` for a stream. A missing `endobj` is tolerated
   * (common in real files); `expected` makes a mismatch between the xref and the object header an error.
   */
  parseIndirectObject(expected?: { num: number; gen: number }): IndirectObject {
    const numToken = this.next();
    const genToken = this.next();
    const objToken = this.next();
    if (
      numToken.kind !== 'number' || !numToken.integer || numToken.value < 0 ||
      genToken.kind !== 'number' || !genToken.integer || genToken.value < 0 ||
      objToken.kind !== 'keyword' || objToken.value !== 'obj'
    ) {
      throw new ImzalaError('PDF_OBJECT_NOT_FOUND', 'no "n g obj" header where an object was expected', {
        offset: this.lexer.fileOffset(numToken.start),
      });
    }
    const num = numToken.value;
    const gen = genToken.value;
    if (expected && (expected.num !== num || expected.gen !== gen)) {
      throw new ImzalaError('PDF_OBJECT_NOT_FOUND', `found object ${num} ${gen} where ${expected.num} ${expected.gen} was expected`, {
        offset: this.lexer.fileOffset(numToken.start),
      });
    }
    const value = this.parseObject(0);
    const after = this.peek(0);
    if (after.kind === 'keyword' && after.value === 'stream') {
      if (!(value instanceof PdfDict)) throw this.lexer.syntaxError('stream without a dictionary', after.start);
      this.next();
      const dataStart = this.streamDataStart(after.end);
      return { num, gen, value: new PdfStream(value, this.lexer.fileOffset(dataStart)), end: this.lexer.fileOffset(dataStart) };
    }
    if (after.kind === 'keyword' && after.value === 'endobj') {
      this.next();
      return { num, gen, value, end: this.lexer.fileOffset(after.end) };
    }
    return { num, gen, value, end: this.lexer.fileOffset(after.start) };
  }

  /** `stream` is followed by CRLF or LF (7.3.8.1); a lone CR is accepted as writers emit it. */
  private streamDataStart(afterKeyword: number): number {
    const w = this.lexer.window;
    let p = afterKeyword;
    // Some writers put spaces before the end-of-line.
    while (p < w.length && w[p] === 0x20) p++;
    if (p + 1 >= w.length && !this.options.final) throw NEED_MORE_BYTES;
    if (w[p] === 0x0d) return w[p + 1] === 0x0a ? p + 2 : p + 1;
    if (w[p] === 0x0a) return p + 1;
    return p;
  }
}
