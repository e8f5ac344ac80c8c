import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { withObjectStreams } from '../../test/fixtures/pdf/qpdf.js';
import { appendSection, lastStartxref, onePagePdf } from '../../test/fixtures/pdf/raw-pdf.js';
import { createTestSigner, pdfsigSign, type TestSigner } from '../../test/fixtures/pdf/signing-tools.js';
import { zeroBomb } from '../../test/fixtures/pdf/zip-bomb.js';
import { concatBytes, latin1Bytes, latin1String } from '../encoding/bytes.js';
import { isImzalaError } from '../errors.js';
import { bytesSource } from '../io/byte-source.js';
import { PDF_MESSAGES } from './codes.js';
import type { PdfLimits } from './limits.js';
import { preparePdfSignature } from './prepare-signature.js';
import { scanPdfSignatures, type PdfSignatureScan } from './scan-signatures.js';

const scan = (pdf: Uint8Array, limits?: Partial<PdfLimits>) => scanPdfSignatures(bytesSource(pdf), limits);

/** Runs `work`, which must fail with a named ImzalaError (with messages) within `maxMs`; returns the code. */
async function failsWith(work: Promise<unknown>, maxMs = 3000): Promise<string> {
  const started = performance.now();
  const outcome = await work.then(
    (value) => ({ value, error: null as unknown }),
    (error: unknown) => ({ value: null, error }),
  );
  expect(performance.now() - started).toBeLessThan(maxMs);
  if (!isImzalaError(outcome.error)) throw new Error(`expected an ImzalaError, got ${outcome.error instanceof Error ? outcome.error.stack : JSON.stringify(outcome.value)}`);
  expect(PDF_MESSAGES[outcome.error.code], `messages for ${outcome.error.code}`).toBeDefined();
  return outcome.error.code;
}

const text = latin1String;

/** Deterministic pseudo-random numbers for reproducible cut points and garbage. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

let signer: TestSigner;
beforeAll(() => {
  signer = createTestSigner();
});
afterAll(() => signer.dispose());

describe('hostile and broken PDFs', () => {
  it('empty files, headers alone and garbage give named errors', async () => {
    expect(await failsWith(scan(new Uint8Array(0)))).toBe('PDF_NOT_A_PDF');
    expect(await failsWith(scan(latin1Bytes('%PDF-')))).toBe('PDF_NO_CATALOG');
    const next = random(7);
    const garbage = Uint8Array.from({ length: 200_000 }, () => Math.floor(next() * 256));
    expect(await failsWith(scan(garbage))).toBe('PDF_NOT_A_PDF');
    expect(await failsWith(scan(concatBytes(latin1Bytes('%PDF-1.7\n'), garbage)))).toBe('PDF_NO_CATALOG');
    expect(await failsWith(preparePdfSignature(bytesSource(latin1Bytes('%PDF-1.4\ntrailer << >>\n%%EOF')), { signingTime: new Date(), placeholderSize: 8 }))).toBe('PDF_NO_CATALOG');
  });

  it('files truncated at random points read as far as they can or fail with a named error', async () => {
    const signed = pdfsigSign(signer, makePdf({ pages: 3 }));
    const next = random(42);
    for (const pdf of [signed, withObjectStreams(signed)]) {
      for (let i = 0; i < 60; i++) {
        const cut = pdf.subarray(0, Math.floor(next() * pdf.length));
        const outcome = await scan(cut).then(
          (result: PdfSignatureScan) => result,
          (error: unknown) => error,
        );
        if (isImzalaError(outcome)) {
          expect(PDF_MESSAGES[outcome.code], outcome.code).toBeDefined();
        } else {
          // Whatever could be read: never a signature that claims to cover the whole (cut) file by accident.
          expect(outcome).toHaveProperty('signatures');
          for (const sig of (outcome as PdfSignatureScan).signatures) expect(sig.coversWholeFile && sig.byteRangeCode === null).toBe(false);
        }
        const prepared = await preparePdfSignature(bytesSource(cut), { signingTime: new Date(), placeholderSize: 8 }).catch((e: unknown) => e);
        if (!(prepared instanceof Object && 'update' in prepared)) expect(isImzalaError(prepared)).toBe(true);
      }
    }
  }, 60_000);

  it('a /Prev chain that loops gives PDF_XREF_LOOP', async () => {
    const selfLoop = appendSection(new Uint8Array(0), [{ num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' }, { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' }], { trailer: '/Root 1 0 R', prev: 9_999_999 });
    const own = lastStartxref(selfLoop);
    const looped = latin1Bytes(text(selfLoop).replace('/Prev 9999999', `/Prev ${own}`.padEnd(13, ' ')));
    expect(await failsWith(scan(looped))).toBe('PDF_XREF_LOOP');

    const base = appendSection(new Uint8Array(0), [{ num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' }, { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' }], { trailer: '/Root 1 0 R', prev: 9_999_999 });
    const update = appendSection(base, [{ num: 3, body: '(x)' }], { trailer: '/Root 1 0 R', prev: lastStartxref(base) });
    const twoLoop = latin1Bytes(text(update).replace('/Prev 9999999', `/Prev ${lastStartxref(update)}`.padEnd(13, ' ')));
    expect(await failsWith(scan(twoLoop))).toBe('PDF_XREF_LOOP');
    expect(await failsWith(preparePdfSignature(bytesSource(twoLoop), { signingTime: new Date(), placeholderSize: 8 }))).toBe('PDF_XREF_LOOP');
  });

  it('100 000 nested arrays give PDF_NESTING_TOO_DEEP, in an object or in the trailer', async () => {
    const deep = '['.repeat(100_000);
    expect(await failsWith(scan(onePagePdf({ catalogExtra: `/Deep ${deep}` })))).toBe('PDF_NESTING_TOO_DEEP');
    const pdf = makePdf();
    expect(await failsWith(scan(latin1Bytes(text(pdf).replace('/Root 1 0 R', `/Root 1 0 R /Deep ${deep}`))))).toBe('PDF_NESTING_TOO_DEEP');
  });

  it('a huge /Length gives PDF_STREAM_TOO_LARGE (cross-reference stream and object stream)', async () => {
    const catalog = latin1Bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
    const hugeXref = concatBytes(
      catalog,
      latin1Bytes(`2 0 obj\n<< /Type /XRef /Size 3 /W [1 4 1] /Root 1 0 R /Length 999999999999 >>\nstream\n\x01\x00\x00\x00\x09\x00\nendstream\nendobj\nstartxref\n${catalog.length}\n%%EOF\n`),
    );
    expect(await failsWith(scan(hugeXref))).toBe('PDF_STREAM_TOO_LARGE');

    // The catalog lives in object stream 2, whose /Length is absurd.
    const head = latin1Bytes('%PDF-1.7\n');
    const objStm = latin1Bytes('2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length 99999999999 >>\nstream\n1 0 << /Type /Catalog >>\nendstream\nendobj\n');
    const xrefAt = head.length + objStm.length;
    const rows = Uint8Array.from([2, 0, 0, 0, 2, 0, 1, 0, 0, 0, head.length, 0]);
    const hugeObjStm = concatBytes(
      head,
      objStm,
      latin1Bytes(`3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 1] /Index [1 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`),
      rows,
      latin1Bytes(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`),
    );
    expect(await failsWith(scan(hugeObjStm))).toBe('PDF_STREAM_TOO_LARGE');
  });

  it('a cross-reference stream that inflates to 1 GiB stops at the cap', async () => {
    const bomb = await zeroBomb(1024);
    const base = latin1Bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
    const at = base.length;
    const pdf = concatBytes(
      base,
      latin1Bytes(`2 0 obj\n<< /Type /XRef /Size 3 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`),
      bomb,
      latin1Bytes(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`),
    );
    expect(await failsWith(scan(pdf), 5000)).toBe('PDF_STREAM_TOO_LARGE');
  });

  it('bounds the total decompression of a file and the size of one object', async () => {
    expect(await failsWith(scan(withObjectStreams(makePdf({ pages: 4 })), { maxDecodedBytesTotal: 100 }))).toBe('PDF_WORK_LIMIT_EXCEEDED');
    const big = onePagePdf({ catalogExtra: `/Big <${'00'.repeat(300_000)}>` });
    expect(await failsWith(scan(big, { maxObjectBytes: 256 * 1024 }))).toBe('PDF_OBJECT_TOO_LARGE');
    expect((await scan(big)).signatures).toEqual([]);
    const many = onePagePdf({ catalogExtra: `/Many [${'1 '.repeat(5000)}]` });
    expect(await failsWith(scan(many, { maxTokensPerObject: 1000 }))).toBe('PDF_OBJECT_TOO_COMPLEX');
    const wide = latin1Bytes(text(makePdf()).replace(/xref\n0 (\d+)/, 'xref\n0 999999999'));
    expect(await failsWith(scan(wide))).toBe('PDF_XREF_TOO_LARGE');
  });

  it('loops and depth in the field tree and between references are bounded', async () => {
    const loop = await scan(onePagePdf({ catalogExtra: '/AcroForm << /Fields [5 0 R] >>', extra: [{ num: 5, body: '<< /T (a) /FT /Sig /Kids [5 0 R] >>' }] }));
    expect(loop.warnings.map((w) => w.code)).toContain('PDF_FIELD_LOOP');
    const chain = Array.from({ length: 100 }, (_, i) => ({ num: 5 + i, body: `<< /T (f${i}) /Kids [${6 + i} 0 R] >>` }));
    expect(await failsWith(scan(onePagePdf({ catalogExtra: '/AcroForm << /Fields [5 0 R] >>', extra: chain })))).toBe('PDF_NESTING_TOO_DEEP');
    const refLoop = onePagePdf({ catalogExtra: '/AcroForm 5 0 R', extra: [{ num: 5, body: '6 0 R' }, { num: 6, body: '5 0 R' }] });
    expect(await failsWith(scan(refLoop))).toBe('PDF_REFERENCE_LOOP');
    const pageLoop = appendSection(new Uint8Array(0), [
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Kids [2 0 R] /Count 1 >>' },
    ], { trailer: '/Root 1 0 R' });
    expect(await failsWith(preparePdfSignature(bytesSource(pageLoop), { signingTime: new Date(), placeholderSize: 8 }))).toBe('PDF_NO_PAGES');
  });

  it('reconstructs a file whose cross-reference offsets are wrong, and says so', async () => {
    const signed = pdfsigSign(signer, makePdf());
    // Shift every offset of the newest table by five: no entry points at its object any more.
    const original = text(signed);
    const lastXref = original.lastIndexOf('\nxref\r\n') + 1;
    const table = original.slice(lastXref, original.indexOf('trailer', lastXref));
    const shifted = table.replace(/^(\d{10}) (\d{5}) n/gm, (_m, n: string, gen: string) => `${String(Number(n) + 5).padStart(10, '0')} ${gen} n`);
    const broken = latin1Bytes(original.replace(table, shifted));
    const result = await scan(broken);
    expect(result.warnings.map((w) => w.code)).toContain('PDF_XREF_RECONSTRUCTED');
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.byteRangeCode).toBeNull();

    const noStartxref = latin1Bytes(original.replace(/startxref\r?\n\d+\r?\n%%EOF\r?\n$/, ''));
    const rebuilt = await scan(noStartxref);
    expect(rebuilt.warnings.map((w) => w.code)).toContain('PDF_XREF_RECONSTRUCTED');
    expect(rebuilt.signatures).toHaveLength(1);
    expect(rebuilt.signatures[0]!.byteRangeCode).toBe('BYTE_RANGE_OUTSIDE_FILE');
  });

  it('reconstruction finds object headers that straddle its 1 MiB read boundary', async () => {
    for (let shift = -12; shift <= 2; shift++) {
      // A comment fills the file so that "1 0 obj" (the catalog) starts `shift` bytes from the 1 MiB mark.
      const head = `%PDF-1.7\n%${'x'.repeat(1024 * 1024 + shift - 11)}\n`;
      const pdf = appendSection(latin1Bytes(head), [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
        { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>' },
      ], { trailer: '/Root 1 0 R', prev: null });
      expect(latin1String(pdf.subarray(1024 * 1024 + shift, 1024 * 1024 + shift + 7))).toBe('1 0 obj');
      const noTail = latin1Bytes(text(pdf).replace(/startxref\n\d+\n%%EOF\n$/, ''));
      const result = await scan(noTail);
      expect(result.warnings.map((w) => w.code), `shift ${shift}`).toContain('PDF_XREF_RECONSTRUCTED');
    }
  });
});
