import { describe, expect, it } from 'vitest';
import { isImzalaError } from '../errors.js';
import { latin1Bytes } from '../encoding/bytes.js';
import { NEED_MORE_BYTES } from './lexer.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects.js';
import { PdfParser } from './parser.js';
import { serializePdfObject } from './serialize.js';

function parser(text: string, final = true, base = 0): PdfParser {
  return new PdfParser(latin1Bytes(text), { base, final, maxDepth: 64, maxTokens: 10_000 });
}

function parse(text: string): PdfObject {
  return parser(text).parseObject();
}

function text(value: PdfObject): string {
  return new TextDecoder('latin1').decode((value as PdfString).bytes);
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isImzalaError(e)) return e.code;
    throw e;
  }
  throw new Error('did not throw');
}

describe('PDF objects', () => {
  it('reads numbers, booleans, null and names with #xx escapes', () => {
    expect(parse('42')).toBe(42);
    expect(parse('-17')).toBe(-17);
    expect(parse('+3.5')).toBe(3.5);
    expect(parse('.25')).toBe(0.25);
    expect(parse('-.5')).toBe(-0.5);
    expect(parse('4.')).toBe(4);
    expect(parse('true')).toBe(true);
    expect(parse('false')).toBe(false);
    expect(parse('null')).toBe(null);
    expect((parse('/Adobe.PPKLite') as PdfName).name).toBe('Adobe.PPKLite');
    expect((parse('/A#20B#2fC') as PdfName).name).toBe('A B/C');
    expect((parse('/') as PdfName).name).toBe('');
  });

  it('reads literal strings with every escape, nested parentheses and line ends', () => {
    expect(text(parse('(a\\nb\\rc\\td\\be\\ff)'))).toBe('a\nb\rc\td\be\ff');
    expect(text(parse('(\\(x\\) \\\\ (nested (twice)))'))).toBe('(x) \\ (nested (twice))');
    expect(text(parse('(\\101\\60\\0061)'))).toBe('A0\x061');
    expect(text(parse('(line\\\ncontinues)'))).toBe('linecontinues');
    expect(text(parse('(line\\\r\ncontinues)'))).toBe('linecontinues');
    expect(text(parse('(cr\rlf\r\nend)'))).toBe('cr\nlf\nend');
    expect(text(parse('(unknown \\q escape)'))).toBe('unknown q escape');
  });

  it('reads hex strings, ignoring white space and completing an odd digit', () => {
    expect(Array.from((parse('<48 65 6C6c6F>') as PdfString).bytes)).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(Array.from((parse('<ABC>') as PdfString).bytes)).toEqual([0xab, 0xc0]);
    expect((parse('<>') as PdfString).bytes.length).toBe(0);
    expect(codeOf(() => parse('<12G4>'))).toBe('PDF_SYNTAX');
  });

  it('records the file offsets of a string, delimiters included', () => {
    const dict = parser('<< /Contents <00ff> /M (x) >>', true, 1000).parseObject() as PdfDict;
    const contents = dict.get('Contents') as PdfString;
    expect([contents.start, contents.end]).toEqual([1000 + 13, 1000 + 19]);
    const m = dict.get('M') as PdfString;
    expect([m.start, m.end]).toEqual([1000 + 23, 1000 + 26]);
  });

  it('reads arrays, dictionaries, references and comments', () => {
    const value = parse('[1 0 R 2 /N (s) [3 4] << /K 5 6 R >> % comment\n 7 8] ') as PdfObject[];
    expect(value[0]).toBeInstanceOf(PdfRef);
    expect(String(value[0])).toBe('1 0 R');
    expect(value[1]).toBe(2);
    expect((value[4] as PdfObject[]).length).toBe(2);
    expect(String((value[5] as PdfDict).get('K'))).toBe('5 6 R');
    expect(value.slice(6)).toEqual([7, 8]);
  });

  it('treats a null value as an absent key and remembers duplicate keys', () => {
    const dict = parse('<< /A null /B 1 /B 2 >>') as PdfDict;
    expect(dict.has('A')).toBe(false);
    expect(dict.get('B')).toBe(2);
    expect(dict.duplicateKeys.has('B')).toBe(true);
  });

  it('reads indirect objects and streams, and where stream data starts', () => {
    const p = parser('12 0 obj\n<< /Length 3 >>\nstream\r\nabc\nendstream\nendobj\n', true, 500);
    const obj = p.parseIndirectObject({ num: 12, gen: 0 });
    expect(obj.value).toBeInstanceOf(PdfStream);
    expect((obj.value as PdfStream).dataStart).toBe(500 + '12 0 obj\n<< /Length 3 >>\nstream\r\n'.length);
    const plain = parser('7 1 obj (x) endobj').parseIndirectObject();
    expect([plain.num, plain.gen, text(plain.value)]).toEqual([7, 1, 'x']);
    expect(codeOf(() => parser('7 0 obj 1 endobj').parseIndirectObject({ num: 8, gen: 0 }))).toBe('PDF_OBJECT_NOT_FOUND');
    expect(codeOf(() => parser('xref').parseIndirectObject())).toBe('PDF_OBJECT_NOT_FOUND');
  });

  it('asks for more bytes when a window ends inside a token, never guesses', () => {
    for (const partial of ['<< /A (unfinished', '[1 2', '<00ff', '123', '1 0', '<< /Length 1 >> stream']) {
      let thrown: unknown = null;
      try {
        parser(partial.startsWith('<< /Length') ? `1 0 obj ${partial}` : partial, false)[partial.startsWith('<< /Length') ? 'parseIndirectObject' : 'parseObject']();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, partial).toBe(NEED_MORE_BYTES);
    }
    expect(codeOf(() => parse('[1 2'))).toBe('PDF_TRUNCATED');
    expect(codeOf(() => parse('(unterminated'))).toBe('PDF_SYNTAX');
  });

  it('bounds nesting depth and token count', () => {
    expect(codeOf(() => parse('['.repeat(100_000)))).toBe('PDF_NESTING_TOO_DEEP');
    expect(codeOf(() => parse('<< /A '.repeat(100) + '>>'.repeat(100)))).toBe('PDF_NESTING_TOO_DEEP');
    expect(parse(`${'['.repeat(64)}${']'.repeat(64)}`)).toBeInstanceOf(Array);
    const many = `[${'1 '.repeat(20_000)}]`;
    expect(codeOf(() => parse(many))).toBe('PDF_OBJECT_TOO_COMPLEX');
  });

  it('rejects syntax errors with PDF_SYNTAX', () => {
    expect(codeOf(() => parse(')'))).toBe('PDF_SYNTAX');
    expect(codeOf(() => parse('<< 1 2 >>'))).toBe('PDF_SYNTAX');
    expect(codeOf(() => parse('endobj'))).toBe('PDF_SYNTAX');
    expect(codeOf(() => parse('1.2.3'))).toBe('PDF_SYNTAX');
  });

  it('writes objects back so that they read the same', () => {
    const source = '<< /Type /Annot /Rect [0 0.5 -3 1e0] /T (a\\(b\\)\\\\c\\r) /V 9 0 R /N#20x /B /C true /Z null /H <00ff> >>';
    const first = parse(source.replace('1e0', '10'));
    const written = serializePdfObject(first);
    const again = parse(written);
    expect(serializePdfObject(again)).toBe(written);
    expect(written).toContain('/N#20x');
    expect(written).toContain('<00FF>');
    expect(text((again as PdfDict).get('T'))).toBe('a(b)\\c\r');
    expect(serializePdfObject(0.000001)).toBe('0.000001');
    expect(serializePdfObject(1e-7)).toBe('0.0000001');
  });
});
