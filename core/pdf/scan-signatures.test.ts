import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { encrypted, linearized, withObjectStreams } from '../../test/fixtures/pdf/qpdf.js';
import { appendSection, onePagePdf } from '../../test/fixtures/pdf/raw-pdf.js';
import { createTestSigner, pdfsigSign, signWithImzala, type TestSigner } from '../../test/fixtures/pdf/signing-tools.js';
import { concatBytes, latin1Bytes, latin1String } from '../encoding/bytes.js';
import { bytesSource } from '../io/byte-source.js';
import { preparePdfSignature, type PdfSignatureRequest } from './prepare-signature.js';
import { scanPdfSignatures, type PdfSignatureField } from './scan-signatures.js';

let signer: TestSigner;
let work: string;

beforeAll(() => {
  signer = createTestSigner();
  work = mkdtempSync(join(tmpdir(), 'imzala-scan-'));
});
afterAll(() => {
  signer.dispose();
  rmSync(work, { recursive: true, force: true });
});

const scan = (pdf: Uint8Array) => scanPdfSignatures(bytesSource(pdf));

const imzalaSign = (pdf: Uint8Array, request: Partial<PdfSignatureRequest> = {}) =>
  signWithImzala(signer, pdf, { signingTime: new Date('2026-11-23T10:00:00Z'), ...request });

/** Replaces text in the file keeping its length (padding with spaces), so no offset moves. */
function patch(pdf: Uint8Array, from: string, to: string): Uint8Array {
  const at = latin1String(pdf).lastIndexOf(from);
  if (at < 0) throw new Error(`not found: ${from}`);
  if (to.length > from.length) throw new Error('patch longer than the original');
  const out = pdf.slice();
  out.set(latin1Bytes(to.padEnd(from.length, ' ')), at);
  return out;
}

/** `openssl cms -verify` of a signature's CMS over exactly the bytes its ByteRange names. */
function opensslVerifies(pdf: Uint8Array, sig: PdfSignatureField): boolean {
  const [a, b, c, d] = sig.byteRange!;
  const signed = concatBytes(pdf.subarray(a!, a! + b!), pdf.subarray(c!, c! + d!));
  // The value is followed by zero padding up to the placeholder size: cut it at the end of the DER/BER.
  const der = sig.contents!.slice(0, asn1js.fromBER(sig.contents!.slice()).offset);
  writeFileSync(join(work, 'signed.bin'), signed);
  writeFileSync(join(work, 'sig.der'), der);
  try {
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(work, 'sig.der'), '-content', join(work, 'signed.bin'),
      '-CAfile', signer.rootCert, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('scanPdfSignatures on files signed by poppler pdfsig', () => {
  it('reads a pdfsig signature: fields, exact /Contents offsets, ByteRange checks, revision', async () => {
    const pdf = pdfsigSign(signer, makePdf({ pages: 2 }), { reason: 'Razıyam' });
    const result = await scan(pdf);
    expect(result.pdfVersion).toBe('1.7');
    expect(result.encrypted).toBe(false);
    expect(result.warnings).toEqual([]);
    expect(result.revisions.map((r) => [r.number, r.xrefKind])).toEqual([[1, 'table'], [2, 'table']]);
    expect(result.revisions[1]!.end).toBe(pdf.length);
    expect(result.signatures).toHaveLength(1);
    const sig = result.signatures[0]!;
    expect(sig).toMatchObject({
      type: 'Sig',
      filter: 'Adobe.PPKLite',
      subFilter: 'adbe.pkcs7.detached',
      reason: 'Razıyam',
      name: 'TEST Signer',
      byteRangeCode: null,
      revision: 2,
      coversWholeFile: true,
      contentsEmpty: false,
    });
    expect(sig.fieldName).toMatch(/^[0-9A-F]{32}$/);
    expect(sig.ref).not.toBeNull();
    expect(Math.abs(sig.signingTime!.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(pdf[sig.contentsStart!]).toBe(0x3c);
    expect(pdf[sig.contentsEnd! - 1]).toBe(0x3e);
    expect(sig.byteRange).toEqual([0, sig.contentsStart, sig.contentsEnd, pdf.length - sig.contentsEnd!]);
    expect(Buffer.from(latin1String(pdf.subarray(sig.contentsStart! + 1, sig.contentsEnd! - 1)), 'hex')).toEqual(Buffer.from(sig.contents!));
    expect(opensslVerifies(pdf, sig)).toBe(true);
  });

  it('numbers the revisions of two successive signatures', async () => {
    const once = pdfsigSign(signer, makePdf());
    const twice = pdfsigSign(signer, once);
    const result = await scan(twice);
    expect(result.revisions.map((r) => r.end)).toEqual([expect.any(Number), once.length, twice.length]);
    expect(result.signatures.map((s) => [s.revision, s.coversWholeFile, s.byteRangeCode])).toEqual([
      [2, false, null],
      [3, true, null],
    ]);
    for (const sig of result.signatures) expect(opensslVerifies(twice, sig)).toBe(true);
  });

  it('flags every signature of a file that qpdf rewrote (the ranges no longer fit)', async () => {
    const rewritten = withObjectStreams(pdfsigSign(signer, makePdf()));
    const result = await scan(rewritten);
    expect(result.revisions.map((r) => r.xrefKind)).toEqual(['stream']);
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.byteRangeCode).not.toBeNull();
    expect(result.signatures[0]!.coversWholeFile).toBe(false);
  });
});

describe('scanPdfSignatures: ByteRange checks', () => {
  let signed: Uint8Array;
  let sig: PdfSignatureField;
  let range: string;

  beforeAll(async () => {
    signed = await imzalaSign(makePdf());
    sig = (await scan(signed)).signatures[0]!;
    range = `[${sig.byteRange!.join(' ')}]`;
  });

  const codeAfter = async (pdf: Uint8Array) => (await scan(pdf)).signatures[0]!.byteRangeCode;
  const [a, b, c] = [() => sig.byteRange![1]!, () => sig.byteRange![2]!, () => sig.byteRange![3]!];

  it('passes an untouched signature', () => {
    expect(sig.byteRangeCode).toBeNull();
    expect(sig.revision).toBe(2);
    expect(sig.coversWholeFile).toBe(true);
  });

  it('BYTE_RANGE_NOT_AT_START', async () => {
    expect(await codeAfter(patch(signed, range, `[1 ${a() - 1} ${b()} ${c()}]`))).toBe('BYTE_RANGE_NOT_AT_START');
  });

  it('BYTE_RANGE_GAP_NOT_CONTENTS when the gap is shifted, shrunk or widened', async () => {
    expect(await codeAfter(patch(signed, range, `[0 ${a() + 1} ${b()} ${c()}]`))).toBe('BYTE_RANGE_GAP_NOT_CONTENTS');
    expect(await codeAfter(patch(signed, range, `[0 ${a()} ${b() - 1} ${c() + 1}]`))).toBe('BYTE_RANGE_GAP_NOT_CONTENTS');
    expect(await codeAfter(patch(signed, range, `[0 ${a() - 1} ${b()} ${c()}]`))).toBe('BYTE_RANGE_GAP_NOT_CONTENTS');
  });

  it('BYTE_RANGE_OUTSIDE_FILE', async () => {
    expect(await codeAfter(patch(signed, range, `[0 ${a()} ${b()} ${c() + 1}]`))).toBe('BYTE_RANGE_OUTSIDE_FILE');
  });

  it('BYTE_RANGE_NOT_REVISION_END when the range stops inside a revision', async () => {
    const result = await scan(patch(signed, range, `[0 ${a()} ${b()} ${c() - 2}]`));
    expect(result.signatures[0]!).toMatchObject({ byteRangeCode: 'BYTE_RANGE_NOT_REVISION_END', revision: null, coversWholeFile: false });
    // Ending right after %%EOF, before its end-of-line, is the same revision end.
    const beforeEol = await scan(patch(signed, range, `[0 ${a()} ${b()} ${c() - 1}]`));
    expect(beforeEol.signatures[0]!).toMatchObject({ byteRangeCode: null, revision: 2, coversWholeFile: false });
  });

  it('BYTE_RANGE_INVALID for wrong counts, negatives, reals and non-numbers', async () => {
    for (const bad of [`[0 ${a()} ${b()}]`, `[0 -1 ${b()} ${c()}]`, `[0 1.5 ${b()} ${c()}]`, `[0 ${a()} (x) ${c()}]`, '/None']) {
      expect(await codeAfter(patch(signed, range, bad)), bad).toBe('BYTE_RANGE_INVALID');
    }
  });

  it('SIGNATURE_CONTENTS_MISSING and SIGNATURE_DICTIONARY_AMBIGUOUS', async () => {
    expect(await codeAfter(patch(signed, '/Contents <', '/Contentz <'))).toBe('SIGNATURE_CONTENTS_MISSING');
    const doubled = patch(signed, "/M (D:20261123100000+00'00')", '/ByteRange [0 1 2 3]');
    expect(await codeAfter(doubled)).toBe('SIGNATURE_DICTIONARY_AMBIGUOUS');
  });

  it('keeps passing after a later update, which it no longer covers', async () => {
    const updated = appendSection(signed, [{ num: 4, body: '<< /Producer (later edit) >>' }], { trailer: '/Root 1 0 R /Info 4 0 R' });
    const result = await scan(updated);
    expect(result.revisions).toHaveLength(3);
    expect(result.signatures[0]!).toMatchObject({ byteRangeCode: null, revision: 2, coversWholeFile: false });
  });

  it('does not count junk after %%EOF as a revision', async () => {
    const result = await scan(concatBytes(signed, latin1Bytes('junk that is not an update')));
    expect(result.revisions).toHaveLength(2);
    expect(result.signatures[0]!).toMatchObject({ byteRangeCode: null, revision: 2, coversWholeFile: false });
  });

  it('says a prepared but unsigned placeholder is empty', async () => {
    const pdf = makePdf();
    const prepared = await preparePdfSignature(bytesSource(pdf), { signingTime: new Date(), placeholderSize: 64 });
    const result = await scan(concatBytes(pdf, prepared.update));
    expect(result.signatures[0]!).toMatchObject({ contentsEmpty: true, byteRangeCode: null, revision: 2 });
    expect(result.signatures[0]!.contents).toEqual(new Uint8Array(64));
  });
});

describe('scanPdfSignatures: structures', () => {
  it('reads signatures in object streams and cross-reference streams', async () => {
    const pdf = await imzalaSign(await imzalaSign(withObjectStreams(makePdf({ pages: 3 }))));
    const result = await scan(pdf);
    expect(result.revisions.map((r) => r.xrefKind)).toEqual(['stream', 'stream', 'stream']);
    expect(result.signatures.map((s) => [s.fieldName, s.revision, s.byteRangeCode, s.coversWholeFile])).toEqual([
      ['Signature1', 2, null, false],
      ['Signature2', 3, null, true],
    ]);
    for (const sig of result.signatures) expect(opensslVerifies(pdf, sig)).toBe(true);
  });

  it('reads a hybrid file (table section with /XRefStm naming objects in an object stream)', async () => {
    const header = '1 0 ';
    const catalog = '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>';
    const objects: [number, string][] = [
      [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
      [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Annots [5 0 R] >>'],
      [5, '<< /FT /Sig /T (hybrid) /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V << /Type /Sig /SubFilter /ETSI.CAdES.detached /Contents <00> /ByteRange [0 1 2 3] >> >>'],
      [6, `<< /Type /ObjStm /N 1 /First ${header.length} /Length ${header.length + catalog.length} >>\nstream\n${header}${catalog}\nendstream`],
    ];
    const parts: Uint8Array[] = [latin1Bytes('%PDF-1.5\n')];
    let at = parts[0]!.length;
    const offsets = new Map<number, number>();
    for (const [num, body] of objects) {
      offsets.set(num, at);
      const bytes = latin1Bytes(`${num} 0 obj\n${body}\nendobj\n`);
      parts.push(bytes);
      at += bytes.length;
    }
    // The hidden cross-reference stream maps object 1 into object stream 6; the table lists object 1 as free.
    const stmAt = at;
    const rows = Uint8Array.from([2, 0, 0, 0, 6, 0]);
    for (const piece of [latin1Bytes(`7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 1] /Index [1 1] /Length ${rows.length} >>\nstream\n`), rows, latin1Bytes('\nendstream\nendobj\n')]) {
      parts.push(piece);
      at += piece.length;
    }
    const entry = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`;
    const table = `xref\n0 4\n0000000000 65535 f\r\n0000000000 65535 f\r\n${entry(2)}${entry(3)}5 2\n${entry(5)}${entry(6)}` +
      `trailer\n<< /Size 8 /Root 1 0 R /XRefStm ${stmAt} >>\nstartxref\n${at}\n%%EOF\n`;
    parts.push(latin1Bytes(table));
    const result = await scan(concatBytes(...parts));
    expect(result.warnings).toEqual([]);
    expect(result.revisions).toHaveLength(1);
    expect(result.signatures.map((s) => s.fieldName)).toEqual(['hybrid']);
  });

  it('treats a linearized file as one revision and numbers an update after it', async () => {
    const linear = linearized(makePdf({ pages: 3 }));
    expect((await scan(linear)).revisions.map((r) => r.end)).toEqual([linear.length]);
    const signed = await imzalaSign(linear);
    const result = await scan(signed);
    expect(result.revisions.map((r) => r.end)).toEqual([linear.length, signed.length]);
    expect(result.signatures[0]!).toMatchObject({ byteRangeCode: null, revision: 2, coversWholeFile: true });
  });

  it('builds dotted names with inherited /FT, finds widgets missing from /Fields, and tells timestamps apart', async () => {
    const pdf = onePagePdf({
      catalogExtra: '/AcroForm << /Fields [5 0 R] >>',
      pageExtra: '/Annots [6 0 R 8 0 R]',
      extra: [
        { num: 5, body: '<< /FT /Sig /T (Parties) /Kids [6 0 R] >>' },
        { num: 6, body: "<< /T (Seller) /Parent 5 0 R /Subtype /Widget /Rect [0 0 0 0] /V 7 0 R >>" },
        { num: 7, body: "<< /Type /Sig /SubFilter /ETSI.CAdES.detached /Contents <3000> /ByteRange [0 1 2 3] /M (D:20260101120000+04'00') /Location (Bak\\373) >>" },
        { num: 8, body: '<< /FT /Sig /T (Stamp) /Subtype /Widget /Rect [0 0 0 0] /V 9 0 R >>' },
        { num: 9, body: '<< /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 /Contents <3000> /ByteRange [0 1 2 3] >>' },
      ],
    });
    const result = await scan(pdf);
    expect(result.signatures.map((s) => [s.fieldName, s.type, s.subFilter])).toEqual([
      ['Parties.Seller', 'Sig', 'ETSI.CAdES.detached'],
      ['Stamp', 'DocTimeStamp', 'ETSI.RFC3161'],
    ]);
    expect(result.signatures[0]!.signingTime?.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    expect(result.signatures[0]!.location).toBe('Bakû');
    expect(result.warnings).toEqual([{ code: 'PDF_SIGNATURE_NOT_IN_FORM', detail: 'Stamp' }]);
  });

  it('finds no signatures in an unsigned document', async () => {
    const result = await scan(makePdf({ pages: 2 }));
    expect(result.signatures).toEqual([]);
    expect(result.revisions).toHaveLength(1);
  });
});

describe('scanPdfSignatures: encrypted files', () => {
  it('reads signatures of an encrypted file but not its encrypted texts', async () => {
    const result = await scan(encrypted(await imzalaSign(makePdf(), { reason: 'secret reason' })));
    expect(result.encrypted).toBe(true);
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!).toMatchObject({ fieldName: '', reason: null, signingTime: null, subFilter: 'ETSI.CAdES.detached' });
    expect(result.warnings.map((w) => w.code)).toContain('PDF_ENCRYPTED_STRINGS_UNREAD');
  });

  it('refuses with PDF_ENCRYPTED when the fields sit in encrypted object streams', async () => {
    const pdf = encrypted(await imzalaSign(makePdf()), ['--object-streams=generate']);
    await expect(scan(pdf)).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
  });
});
