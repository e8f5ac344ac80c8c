import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { encrypted, qpdfCheck, withObjectStreams } from '../../test/fixtures/pdf/qpdf.js';
import { appendSection, onePagePdf } from '../../test/fixtures/pdf/raw-pdf.js';
import { createTestSigner, pdfsigSign, pdfsigVerify, signWithImzala, type TestSigner } from '../../test/fixtures/pdf/signing-tools.js';
import { concatBytes, latin1Bytes, latin1String } from '../encoding/bytes.js';
import { bytesSource, type ByteSource } from '../io/byte-source.js';
import { embedSignatureContents, encodeSignatureContents, preparePdfSignature, type PdfSignatureRequest } from './prepare-signature.js';
import { scanPdfSignatures } from './scan-signatures.js';

let signer: TestSigner;
beforeAll(() => {
  signer = createTestSigner();
});
afterAll(() => signer.dispose());

const when = new Date('2026-11-23T09:30:00Z');

const sign = (pdf: Uint8Array, request: Partial<PdfSignatureRequest> = {}) => signWithImzala(signer, pdf, { signingTime: when, ...request });

/** pdfsig's verdict per signature: [field name, "valid & trusted"]. */
function pdfsigVerdicts(pdf: Uint8Array): [string, boolean][] {
  const out = pdfsigVerify(signer, pdf);
  return out.split(/Signature #\d+:/).slice(1).map((block) => [
    /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
    block.includes('Signature is Valid.') && block.includes('Certificate is Trusted.'),
  ]);
}

const text = latin1String;

describe('preparePdfSignature', () => {
  it('appends a PAdES update that qpdf accepts and pdfsig verifies (classic xref)', async () => {
    const original = makePdf({ pages: 2 });
    const prepared = await preparePdfSignature(bytesSource(original), { signingTime: when, placeholderSize: 8192 });
    expect(prepared.fileSize).toBe(original.length);
    expect(prepared.fieldName).toBe('Signature1');
    const file = concatBytes(original, prepared.update);
    expect(prepared.byteRange).toEqual([0, prepared.contentsStart, prepared.contentsEnd, file.length - prepared.contentsEnd]);
    expect(text(file.subarray(prepared.contentsStart, prepared.contentsStart + 3))).toBe('<00');
    expect(file[prepared.contentsEnd - 1]).toBe(0x3e);
    expect(prepared.contentsEnd - prepared.contentsStart).toBe(8192 * 2 + 2);
    const update = text(prepared.update);
    expect(update).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(update).toContain("/M (D:20261123093000+00'00')");
    expect(update).toMatch(/\/Prev \d+ >>\nstartxref\n\d+\n%%EOF\n$/);

    const signed = await sign(original);
    expect(qpdfCheck(signed).status).toBe(0);
    expect(pdfsigVerdicts(signed)).toEqual([['Signature1', true]]);
    const scan = await scanPdfSignatures(bytesSource(signed));
    expect(scan.signatures[0]!).toMatchObject({ fieldName: 'Signature1', byteRangeCode: null, revision: 2, coversWholeFile: true });
  });

  it('writes an xref stream after a file with xref and object streams', async () => {
    const original = withObjectStreams(makePdf({ pages: 2 }));
    const signed = await sign(original);
    expect(qpdfCheck(signed).status).toBe(0);
    expect(pdfsigVerdicts(signed)).toEqual([['Signature1', true]]);
    const scan = await scanPdfSignatures(bytesSource(signed));
    expect(scan.revisions.map((r) => r.xrefKind)).toEqual(['stream', 'stream']);
    expect(scan.signatures[0]!).toMatchObject({ byteRangeCode: null, revision: 2, coversWholeFile: true });
  });

  it('keeps every earlier signature valid over three signers, one of them pdfsig', async () => {
    for (const start of [makePdf({ pages: 3 }), withObjectStreams(makePdf({ pages: 3 }))]) {
      const first = await sign(start, { reason: 'Birinci tərəf' });
      const second = pdfsigSign(signer, first);
      const third = await sign(second, { subFilter: 'adbe.pkcs7.detached', reason: 'Üçüncü tərəf' });
      expect(qpdfCheck(third).status).toBe(0);
      const verdicts = pdfsigVerdicts(third);
      expect(verdicts).toHaveLength(3);
      expect(verdicts.every(([, ok]) => ok)).toBe(true);
      const scan = await scanPdfSignatures(bytesSource(third));
      expect(scan.signatures.map((s) => [s.fieldName.startsWith('Signature') ? s.fieldName : 'pdfsig', s.revision, s.byteRangeCode, s.coversWholeFile])).toEqual([
        ['Signature1', 2, null, false],
        ['pdfsig', 3, null, false],
        ['Signature3', 4, null, true],
      ]);
      expect(scan.signatures.map((s) => s.reason)).toEqual(['Birinci tərəf', null, 'Üçüncü tərəf']);
      expect(scan.signatures[2]!.subFilter).toBe('adbe.pkcs7.detached');
    }
  });

  it('carries reason, location, contact and name as text strings (UTF-16 for Azerbaijani)', async () => {
    const signed = await sign(makePdf(), { reason: 'Müqavilə ilə razıyam', location: 'Bakı, Azərbaycan', contactInfo: 'aysel@example.test', name: 'Aysel Məmmədova' });
    const sig = (await scanPdfSignatures(bytesSource(signed))).signatures[0]!;
    expect(sig).toMatchObject({ reason: 'Müqavilə ilə razıyam', location: 'Bakı, Azərbaycan', contactInfo: 'aysel@example.test', name: 'Aysel Məmmədova' });
    expect(sig.signingTime?.toISOString()).toBe(when.toISOString());
  });

  it('lets pdfsig list a field filled with a dummy value', async () => {
    const original = makePdf();
    const prepared = await preparePdfSignature(bytesSource(original), { signingTime: when, placeholderSize: 64 });
    const dummy = embedSignatureContents(prepared, Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect(pdfsigVerify(signer, concatBytes(original, dummy))).toContain('Signature Field Name: Signature1');
  });

  it('starts the update with a newline when the file does not end with one, and keeps older ranges valid', async () => {
    // A signed file that ends right after %%EOF: its signature's range ends there too.
    const placeholder = '[0 0000000000 0000000000 0000000000]';
    const withNewline = onePagePdf({
      catalogExtra: '/AcroForm << /Fields [5 0 R] /SigFlags 3 >>',
      pageExtra: '/Annots [5 0 R]',
      extra: [
        { num: 5, body: '<< /FT /Sig /T (Old) /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 6 0 R >>' },
        { num: 6, body: `<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange ${placeholder} /Contents <3000> >>` },
      ],
    });
    const unpatched = withNewline.subarray(0, withNewline.length - 1);
    const start = text(unpatched).indexOf('<3000>');
    const range = `[0 ${start} ${start + 6} ${unpatched.length - start - 6}]`;
    const original = latin1Bytes(text(unpatched).replace(placeholder, range.padEnd(placeholder.length, ' ')));
    expect(text(original.subarray(-5))).toBe('%%EOF');
    const before = await scanPdfSignatures(bytesSource(original));
    expect(before.signatures[0]!).toMatchObject({ fieldName: 'Old', byteRangeCode: null, revision: 1, coversWholeFile: true });

    const prepared = await preparePdfSignature(bytesSource(original), { signingTime: when, placeholderSize: 16 });
    expect(prepared.update[0]).toBe(0x0a);
    const signed = await sign(original);
    expect(qpdfCheck(signed).status).toBe(0);
    const after = await scanPdfSignatures(bytesSource(signed));
    expect(after.revisions.map((r) => [r.markerEnd, r.end])).toEqual([[original.length, original.length + 1], [signed.length - 1, signed.length]]);
    expect(after.signatures.map((s) => [s.fieldName, s.byteRangeCode, s.revision, s.coversWholeFile])).toEqual([
      ['Old', null, 1, false],
      ['Signature2', null, 2, true],
    ]);
  });

  it('rewrites only the indirect arrays when /Annots and /Fields are indirect', async () => {
    const pdf = onePagePdf({
      catalogExtra: '/AcroForm 5 0 R',
      pageExtra: '/Annots 7 0 R',
      extra: [
        { num: 5, body: '<< /Fields 6 0 R /SigFlags 3 >>' },
        { num: 6, body: '[8 0 R]' },
        { num: 7, body: '[8 0 R]' },
        { num: 8, body: '<< /FT /Tx /T (Signature1) /Subtype /Widget /Rect [0 0 10 10] /P 3 0 R >>' },
      ],
    });
    const prepared = await preparePdfSignature(bytesSource(pdf), { signingTime: when, placeholderSize: 32 });
    const rewritten = [...text(prepared.update).matchAll(/(\d+) 0 obj/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    // 6 (Fields array), 7 (Annots array), 9 (signature dictionary), 10 (field + widget): catalog, form and page stay.
    expect(rewritten).toEqual([6, 7, 9, 10]);
    expect(prepared.fieldName).toBe('Signature2');
    const signed = await sign(pdf);
    expect(qpdfCheck(signed).status).toBe(0);
    expect((await scanPdfSignatures(bytesSource(signed))).signatures.map((s) => s.fieldName)).toEqual(['Signature2']);
  });

  it('moves a direct /AcroForm into its own object and keeps its entries', async () => {
    const pdf = onePagePdf({ catalogExtra: '/AcroForm << /Fields [] /DA (/Helv 0 Tf 0 g) >>' });
    const prepared = await preparePdfSignature(bytesSource(pdf), { signingTime: when, placeholderSize: 32 });
    const update = text(prepared.update);
    expect(update).toMatch(/\/AcroForm 7 0 R/);
    expect(update).toMatch(/7 0 obj\n<< \/Fields \[6 0 R\] \/DA \(\/Helv 0 Tf 0 g\) \/SigFlags 3 >>/);
    expect(update).toMatch(/6 0 obj\n<< \/Type \/Annot \/Subtype \/Widget \/FT \/Sig \/T \(Signature1\) \/V 5 0 R \/Rect \[0 0 0 0\] \/F 132 \/P 3 0 R >>/);
    expect(update).toMatch(/\/Annots \[6 0 R\]/);
  });

  it('refuses certified documents that allow no changes, and accepts P=2', async () => {
    const certified = (p: number) =>
      onePagePdf({
        catalogExtra: '/Perms << /DocMDP 5 0 R >>',
        extra: [{ num: 5, body: `<< /Type /Sig /Contents <00> /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${p} /V /1.2 >> >>] >>` }],
      });
    await expect(preparePdfSignature(bytesSource(certified(1)), { signingTime: when, placeholderSize: 32 })).rejects.toMatchObject({ code: 'PDF_CERTIFIED_NO_CHANGES' });
    await expect(preparePdfSignature(bytesSource(certified(2)), { signingTime: when, placeholderSize: 32 })).resolves.toMatchObject({ fieldName: 'Signature1' });
  });

  it('refuses encrypted files', async () => {
    await expect(preparePdfSignature(bytesSource(encrypted(makePdf())), { signingTime: when, placeholderSize: 32 })).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
  });

  it('refuses damaged files, documents without pages, bad requests and taken names', async () => {
    const pdf = makePdf();
    const broken = latin1Bytes(text(pdf).replace(/startxref\n\d+/, 'startxref\n7'));
    await expect(preparePdfSignature(bytesSource(broken), { signingTime: when, placeholderSize: 32 })).rejects.toMatchObject({ code: 'PDF_XREF_DAMAGED' });
    const noPages = appendSection(new Uint8Array(0), [
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' },
    ], { trailer: '/Root 1 0 R' });
    await expect(preparePdfSignature(bytesSource(noPages), { signingTime: when, placeholderSize: 32 })).rejects.toMatchObject({ code: 'PDF_NO_PAGES' });
    for (const bad of [{ placeholderSize: 0 }, { placeholderSize: 1.5 }, { fieldName: 'a.b' }, { signingTime: new Date(Number.NaN) }]) {
      await expect(preparePdfSignature(bytesSource(pdf), { signingTime: when, placeholderSize: 32, ...bad })).rejects.toMatchObject({ code: 'PDF_SIGNATURE_REQUEST_INVALID' });
    }
    const signed = await sign(pdf);
    await expect(preparePdfSignature(bytesSource(signed), { signingTime: when, placeholderSize: 32, fieldName: 'Signature1' })).rejects.toMatchObject({ code: 'PDF_FIELD_NAME_TAKEN' });
  });

  it('encodes the CMS as hex padded to the placeholder, and refuses one that does not fit', async () => {
    const prepared = await preparePdfSignature(bytesSource(makePdf()), { signingTime: when, placeholderSize: 4 });
    expect(text(encodeSignatureContents(prepared, Uint8Array.from([0x30, 0xab])))).toBe('30ab0000');
    expect(() => encodeSignatureContents(prepared, new Uint8Array(5))).toThrow(expect.objectContaining({ code: 'SIGNATURE_TOO_LARGE' }));
  });

  it('reads only a few kilobytes of a large document to prepare and to scan it', async () => {
    const large = makePdf({ paddingBytes: 20 * 1024 * 1024 });
    let read = 0;
    const counting = (bytes: Uint8Array): ByteSource => {
      const inner = bytesSource(bytes);
      return { size: inner.size, read: async (o, l) => { const r = await inner.read(o, l); read += r.length; return r; } };
    };
    const prepared = await preparePdfSignature(counting(large), { signingTime: when, placeholderSize: 16384 });
    expect(read).toBeLessThan(256 * 1024);
    const signed = concatBytes(large, embedSignatureContents(prepared, new Uint8Array(100).fill(1)));
    read = 0;
    const scan = await scanPdfSignatures(counting(signed));
    expect(scan.signatures[0]!.byteRangeCode).toBeNull();
    expect(read).toBeLessThan(256 * 1024);
  });
});
