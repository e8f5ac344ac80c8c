/** The lazy BER reader: definite and indefinite lengths, nesting, exact bytes, and refusals of broken input. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BER_DEPTH, readBer, UNIVERSAL } from './ber-reader.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('readBer', () => {
  it('reads a definite-length SEQUENCE and its children with their exact bytes', () => {
    // SEQUENCE { INTEGER 5, OCTET STRING 'ab' }
    const der = bytes(0x30, 0x07, 0x02, 0x01, 0x05, 0x04, 0x02, 0x61, 0x62);
    const root = readBer(der);
    expect(root.isUniversal(UNIVERSAL.SEQUENCE)).toBe(true);
    expect(root.indefinite).toBe(false);
    expect(root.end).toBe(der.length);
    const [n, s] = root.children();
    expect(n!.isUniversal(UNIVERSAL.INTEGER)).toBe(true);
    expect([...n!.content]).toEqual([5]);
    expect([...s!.encoding]).toEqual([0x04, 0x02, 0x61, 0x62]);
    expect(root.children()).toBe(root.children()); // read once
  });

  it('reads indefinite lengths closed by end-of-contents, nested, and keeps the EOC in the encoding', () => {
    // SEQUENCE (indef) { [0] (indef) { OCTET STRING (constructed, indef) { 'a', 'bc' } } }
    const ber = bytes(0x30, 0x80, 0xa0, 0x80, 0x24, 0x80, 0x04, 0x01, 0x61, 0x04, 0x02, 0x62, 0x63, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    const root = readBer(ber);
    expect(root.indefinite).toBe(true);
    expect(root.end).toBe(ber.length);
    const ctx = root.children()[0]!;
    expect(ctx.isContext(0)).toBe(true);
    expect(ctx.encoding.length).toBe(ber.length - 4);
    const str = ctx.children()[0]!;
    expect(str.isUniversal(UNIVERSAL.OCTET_STRING) && str.constructed).toBe(true);
    expect(str.children().map((c) => [...c.content])).toEqual([[0x61], [0x62, 0x63]]);
  });

  it('reads long-form (also non-minimal, as BER allows) lengths and high tag numbers', () => {
    const content = new Uint8Array(300).fill(7);
    const long = new Uint8Array([0x04, 0x82, 0x01, 0x2c, ...content]);
    expect(readBer(long).content.length).toBe(300);
    expect(readBer(bytes(0x04, 0x81, 0x01, 0x09)).content).toEqual(bytes(9));
    const high = readBer(bytes(0x9f, 0x81, 0x00, 0x01, 0x42)); // [128] IMPLICIT, primitive
    expect(high.isContext(128)).toBe(true);
    expect([...high.content]).toEqual([0x42]);
  });

  it('leaves trailing bytes to the caller', () => {
    const root = readBer(bytes(0x05, 0x00, 0x00, 0x00, 0xff));
    expect(root.end).toBe(2);
  });

  it('refuses truncated input', () => {
    for (const broken of [
      bytes(0x30),
      bytes(0x30, 0x05, 0x02, 0x01),
      bytes(0x04, 0x82, 0x01),
      bytes(0x30, 0x80, 0x02, 0x01, 0x05), // no end-of-contents
      bytes(0x30, 0x80, 0x02, 0x01, 0x05, 0x00), // half an end-of-contents
    ]) {
      expect(() => {
        const root = readBer(broken);
        if (root.constructed) root.children();
      }, Buffer.from(broken).toString('hex')).toThrow(RangeError);
    }
  });

  it('refuses a child running past its parent, a stray end-of-contents, and an indefinite primitive', () => {
    expect(() => readBer(bytes(0x30, 0x03, 0x04, 0x05, 0x61, 0x62, 0x63, 0x64)).children()).toThrow(/past its container/);
    expect(() => readBer(bytes(0x30, 0x02, 0x00, 0x00)).children()).toThrow(/end-of-contents/);
    expect(() => readBer(bytes(0x04, 0x80, 0x00, 0x00))).toThrow(/primitive/);
  });

  it(`refuses nesting deeper than ${MAX_BER_DEPTH} levels, indefinite or definite, without a stack overflow`, () => {
    const depth = 100_000;
    const indefinite = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) indefinite.set([0x30, 0x80], i * 2);
    expect(() => readBer(indefinite)).toThrow(/nesting too deep/);
    // Definite lengths: a chain of SEQUENCEs, each holding the next; the error comes when walking down.
    const wrap = (inner: Uint8Array) =>
      new Uint8Array([0x30, ...(inner.length < 0x80 ? [inner.length] : [0x82, inner.length >> 8, inner.length & 0xff]), ...inner]);
    let nested = bytes(0x05, 0x00);
    for (let i = 0; i < MAX_BER_DEPTH + 2; i++) nested = wrap(nested);
    let node = readBer(nested);
    expect(() => {
      while (node.constructed) node = node.children()[0]!;
    }).toThrow(/nesting too deep/);
  });

  it('reads what openssl writes as BER (cms -stream: indefinite lengths, chunked content)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imzala-ber-'));
    try {
      writeFileSync(join(dir, 'data.txt'), 'x'.repeat(5000));
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      const req = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=BER test', '-days', '1'], { encoding: 'utf8' });
      expect(req.status, req.stderr).toBe(0);
      const out = join(dir, 'sig.der');
      const sign = spawnSync('openssl', ['cms', '-sign', '-stream', '-nodetach', '-binary', '-in', join(dir, 'data.txt'), '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', out], { encoding: 'utf8' });
      expect(sign.status, sign.stderr).toBe(0);
      const ber = new Uint8Array(readFileSync(out));
      const root = readBer(ber);
      expect(root.indefinite).toBe(true);
      expect(root.end).toBe(ber.length);
      // ContentInfo { contentType, [0] { SignedData { version, digestAlgorithms, encapContentInfo, ... } } }
      const signedData = root.children()[1]!.children()[0]!;
      const encap = signedData.children()[2]!;
      const eContent = encap.children()[1]!.children()[0]!;
      expect(eContent.constructed).toBe(true);
      const text = Buffer.concat(eContent.children().map((c) => c.content)).toString('latin1');
      expect(text).toBe('x'.repeat(5000));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
