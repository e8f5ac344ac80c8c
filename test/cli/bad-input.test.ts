/**
 * Bad input gets a clear answer: empty, truncated, garbage, encrypted, enormous and deeply nested files and a
 * wrong key password each give a stable code and a message (exit 65), never a crash, a hang or a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { imzala, run, tempDir } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let signed: Uint8Array;

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  writeFileSync(join(tmp.dir, 'doc.pdf'), samplePdf(['TEST']));
  const r = imzala(['sign', join(tmp.dir, 'doc.pdf'), '--out', join(tmp.dir, 'signed.pdf'), '--p12', pki.p12('citizen'), '--pass-env', 'P'], {
    P: pki.password,
  });
  expect(r.status).toBe(0);
  signed = new Uint8Array(readFileSync(join(tmp.dir, 'signed.pdf')));
});

afterAll(() => tmp?.cleanup());

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(tmp.dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Asserts a clean refusal: exit 65, one line naming the file with a message, no stack trace; returns the code. */
function expectRefusal(path: string): string {
  const r = imzala(['verify', path, '--json', '--trust', pki.trust, '--lang', 'en']);
  expect(r.status, r.stderr).toBe(65);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const line = JSON.parse(r.stdout.trim());
  expect(line.error.code).toMatch(/^[A-Z0-9_]+$/);
  expect(line.error.message.length).toBeGreaterThan(5);
  expect(line.error.code).not.toBe('INTERNAL_ERROR');
  return line.error.code;
}

describe('imzala verify refuses bad files clearly', () => {
  it('an empty file', () => expect(expectRefusal(file('empty.pdf', ''))).toBe('FILE_EMPTY'));
  it('garbage', () => expect(expectRefusal(file('garbage.bin', new Uint8Array(4096).map((_, i) => (i * 7919) % 251)))).toBe('FORMAT_UNKNOWN'));
  it('a PDF header and nothing else', () => expectRefusal(file('header.pdf', '%PDF-1.7\n')));

  it('truncated signed PDFs, at many points, never crash (refused, or reported without a false VALID)', () => {
    for (const cut of [20, 100, 300, Math.floor(signed.length / 3), Math.floor(signed.length / 2), signed.length - 200, signed.length - 20]) {
      const p = file(`cut-${cut}.pdf`, signed.subarray(0, cut));
      const r = imzala(['verify', p, '--json', '--trust', pki.trust]);
      expect([1, 2, 3, 65]).toContain(r.status);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an encrypted PDF', () => {
    const plain = join(tmp.dir, 'doc.pdf');
    const enc = join(tmp.dir, 'encrypted.pdf');
    run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, enc], { check: true });
    const r = imzala(['verify', enc, '--json', '--trust', pki.trust]);
    expect([3, 65]).toContain(r.status);
    const sign = imzala(['sign', enc, '--out', join(tmp.dir, 'enc-signed.pdf'), '--p12', pki.p12('citizen'), '--pass-env', 'P'], { P: pki.password });
    expect(sign.status).toBe(65);
    expect(sign.stderr).toMatch(/PDF_ENCRYPTED/);
  });

  it('an enormous file (4 GiB, sparse) is refused without reading it all', () => {
    const p = join(tmp.dir, 'enormous.pdf');
    const fd = openSync(p, 'w');
    writeSync(fd, '%PDF-1.7\n');
    writeSync(fd, 'x', 4 * 1024 * 1024 * 1024 - 1);
    closeSync(fd);
    expectRefusal(p);
  });

  it('deeply nested PDF objects', () => {
    const deep = '['.repeat(200_000);
    const body = `%PDF-1.7\n1 0 obj\n${deep}\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${9 + 12 + deep.length + 8}\n%%EOF\n`;
    expectRefusal(file('deep.pdf', body));
  });

  it('deeply nested and garbage CMS', () => {
    const nested = new Uint8Array(200_000);
    for (let i = 0; i < nested.length; i += 2) {
      nested[i] = 0x30;
      nested[i + 1] = 0x80; // indefinite-length SEQUENCE inside SEQUENCE ...
    }
    nested[0] = 0x30;
    expect(['FORMAT_UNKNOWN', 'CMS_MALFORMED']).toContain(expectRefusal(file('deep.p7s', nested)));
    const cms = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x00];
    expect(expectRefusal(file('short.p7s', Uint8Array.from(cms)))).toBe('CMS_MALFORMED');
  });
});

describe('imzala sign refuses clearly', () => {
  it('a wrong key password: exit 65 with KEY_FILE_BAD_PASSWORD, and no output file', () => {
    const out = join(tmp.dir, 'never.pdf');
    const r = imzala(['sign', join(tmp.dir, 'doc.pdf'), '--out', out, '--p12', pki.p12('citizen'), '--pass-env', 'P', '--lang', 'en'], { P: 'wrong' });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('KEY_FILE_BAD_PASSWORD');
    expect(() => readFileSync(out)).toThrow();
  });

  it('bad usage exits 64', () => {
    expect(imzala(['sign', join(tmp.dir, 'doc.pdf')]).status).toBe(64);
    expect(imzala(['verify']).status).toBe(64);
    expect(imzala(['verify', 'x.pdf', '--nonsense']).status).toBe(64);
    expect(imzala(['frobnicate']).status).toBe(64);
  });
});
