/**
 * Document timestamps end to end: imzala prepares the /DocTimeStamp field after a signature, the signed bytes are
 * hashed with forEachSignedChunk, a local RFC 3161 TSA (openssl ts behind node:http) stamps the digest, imzala
 * embeds the token. Then imzala's reader, core/tsp, the change analysis, qpdf and pdfsig each look at the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { qpdfCheck, withObjectStreams } from '../../test/fixtures/pdf/qpdf.js';
import { onePagePdf } from '../../test/fixtures/pdf/raw-pdf.js';
import { createTestSigner, pdfsigVerify, signWithImzala, type TestSigner } from '../../test/fixtures/pdf/signing-tools.js';
import { createTsaTestPki, startTsaServer, type TsaServer, type TsaTestPki } from '../../test/support/tsa-server.js';
import { obtainTimestampToken } from '../../verifier/node/tsa-client.js';
import { createHasher } from '../crypto/hash.js';
import { concatBytes, latin1String } from '../encoding/bytes.js';
import { bytesSource } from '../io/byte-source.js';
import { Certificate } from '../pki/certificate.js';
import { documentTimestampImprint } from '../tsp/document-timestamp.js';
import { verifyTimestampToken } from '../tsp/verify-timestamp.js';
import { analyzeChanges } from './change-analysis/analyze-changes.js';
import { prepareDocumentTimestamp } from './document-timestamp.js';
import { embedSignatureContents, forEachSignedChunk, preparePdfSignature } from './prepare-signature.js';
import { scanPdfSignatures } from './scan-signatures.js';

let signer: TestSigner;
let pki: TsaTestPki;
let tsa: TsaServer;

beforeAll(async () => {
  signer = createTestSigner();
  pki = createTsaTestPki();
  tsa = await startTsaServer({ signer: pki.tsa, chain: pki.chain });
});
afterAll(async () => {
  await tsa?.close();
  pki?.cleanup();
  signer?.dispose();
});

/**
 * The token as /Contents carries it, without the zero padding after its DER (verifyTimestampToken wants the token
 * exactly): the outer SEQUENCE's header says how long it is.
 */
function tokenOf(contents: Uint8Array): Uint8Array {
  expect(contents[0]).toBe(0x30);
  const first = contents[1]!;
  if (first < 0x80) return contents.subarray(0, 2 + first);
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + contents[2 + i]!;
  return contents.subarray(0, 2 + count + length);
}

/** Adds a document timestamp as a B-LTA writer does; returns the file and the token the TSA sent. */
async function timestamp(pdf: Uint8Array, fieldName?: string): Promise<{ file: Uint8Array; token: Uint8Array }> {
  const source = bytesSource(pdf);
  const prepared = await prepareDocumentTimestamp(source, { placeholderSize: 12_000, fieldName });
  const hasher = createHasher('SHA-256');
  await forEachSignedChunk(source, prepared, (chunk) => hasher.update(chunk));
  const { token } = await obtainTimestampToken(tsa.url, { imprint: hasher.digest(), hash: 'SHA-256' });
  return { file: concatBytes(pdf, embedSignatureContents(prepared, token)), token };
}

describe('prepareDocumentTimestamp', () => {
  for (const [label, make] of [
    ['classic xref table', () => makePdf({ pages: 2 })],
    ['xref and object streams', () => withObjectStreams(makePdf({ pages: 2 }))],
  ] as const) {
    it(`stamps a signed PDF (${label}): listed as DocTimeStamp, the token verifies, the signature is unchanged`, async () => {
      const signed = await signWithImzala(signer, make());
      const { file, token } = await timestamp(signed);
      expect(file.subarray(0, signed.length)).toEqual(signed);
      expect(qpdfCheck(file).status).toBe(0);

      const scan = await scanPdfSignatures(bytesSource(file));
      expect(scan.signatures.map((s) => [s.fieldName, s.type, s.subFilter, s.byteRangeCode, s.revision, s.coversWholeFile])).toEqual([
        ['Signature1', 'Sig', 'ETSI.CAdES.detached', null, 2, false],
        ['Timestamp1', 'DocTimeStamp', 'ETSI.RFC3161', null, 3, true],
      ]);
      const stamp = scan.signatures[1]!;
      expect(stamp.signingTime).toBeNull();

      // core/tsp over the bytes the /ByteRange names, with the token as read back from the file.
      expect(tokenOf(stamp.contents!)).toEqual(token);
      expect(stamp.contents!.subarray(token.length).every((b) => b === 0)).toBe(true);
      const verification = await verifyTimestampToken(tokenOf(stamp.contents!), {
        imprintOf: documentTimestampImprint(bytesSource(file), stamp.byteRange!),
        anchors: [Certificate.fromDer(pki.root.der)],
        time: new Date(),
      });
      expect([verification.valid, verification.code, verification.imprintMatches]).toEqual([true, null, true]);
      expect(verification.tsa).toContain('TEST Timestamping Authority');

      const changes = await analyzeChanges(scan.document, [2, 3]);
      expect(changes.get(2)!.modifications).toBe('none');
      expect(changes.get(3)!.modifications).toBe('none');

      const pdfsig = pdfsigVerify(signer, file);
      expect(pdfsig).toMatch(/Signature #1:[\s\S]*Signature Field Name: Signature1[\s\S]*Signature is Valid\./);
      // poppler 22.12 lists the timestamp with the TSA as signer over the whole file, but cannot validate the type.
      expect(pdfsig).toMatch(/Signature #2:\s*- Signature Field Name: Timestamp1\s*- Signer Certificate Common Name: TEST Timestamping Authority[\s\S]*Total document signed/);
    });
  }

  it('the token over other bytes does not verify: the imprint is what binds it to the document', async () => {
    const signed = await signWithImzala(signer, makePdf({ pages: 1 }));
    const { file } = await timestamp(signed);
    const stamp = (await scanPdfSignatures(bytesSource(file))).signatures[1]!;
    const tampered = file.slice();
    tampered[10] ^= 1;
    const verification = await verifyTimestampToken(tokenOf(stamp.contents!), {
      imprintOf: documentTimestampImprint(bytesSource(tampered), stamp.byteRange!),
      anchors: [Certificate.fromDer(pki.root.der)],
      time: new Date(),
    });
    expect(verification.valid).toBe(false);
    expect(verification.imprintMatches).toBe(false);
  });

  it('writes /Type /DocTimeStamp without /M, names fields Timestamp N, and a second stamp keeps the first unchanged', async () => {
    const prepared = await prepareDocumentTimestamp(bytesSource(makePdf({ pages: 1 })), { placeholderSize: 64 });
    const text = latin1String(prepared.update);
    expect(text).toContain('<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange [');
    expect(text).not.toContain('/M (');
    expect(prepared.fieldName).toBe('Timestamp1');

    const signed = await signWithImzala(signer, makePdf({ pages: 1 }));
    const once = (await timestamp(signed)).file;
    const twice = (await timestamp(once)).file;
    const scan = await scanPdfSignatures(bytesSource(twice));
    expect(scan.signatures.map((s) => [s.fieldName, s.type, s.byteRangeCode])).toEqual([
      ['Signature1', 'Sig', null],
      ['Timestamp1', 'DocTimeStamp', null],
      ['Timestamp2', 'DocTimeStamp', null],
    ]);
    const changes = await analyzeChanges(scan.document, [2, 3, 4]);
    expect([...changes.values()].map((c) => c.modifications)).toEqual(['none', 'none', 'none']);
    expect(qpdfCheck(twice).status).toBe(0);
  });

  it('stamps a DocMDP P=1 document, which refuses a further signature', async () => {
    const certified = onePagePdf({
      catalogExtra: '/Perms << /DocMDP 5 0 R >>',
      extra: [{ num: 5, body: '<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /P 1 /V /1.2 >> >>] >>' }],
    });
    const refused = await preparePdfSignature(bytesSource(certified), { signingTime: new Date(), placeholderSize: 64 }).catch((e: { code: string }) => e.code);
    expect(refused).toBe('PDF_CERTIFIED_NO_CHANGES');
    const { file } = await timestamp(certified);
    const scan = await scanPdfSignatures(bytesSource(file));
    expect(scan.signatures.map((s) => [s.type, s.byteRangeCode, s.coversWholeFile])).toEqual([['DocTimeStamp', null, true]]);
  });

  it('refuses a bad request and a taken field name with codes', async () => {
    const pdf = makePdf({ pages: 1 });
    const codeOf = (request: { placeholderSize: number; fieldName?: string }, bytes = pdf) =>
      prepareDocumentTimestamp(bytesSource(bytes), request).then(() => 'no error', (e: { code: string }) => e.code);
    expect(await codeOf({ placeholderSize: 0 })).toBe('PDF_SIGNATURE_REQUEST_INVALID');
    expect(await codeOf({ placeholderSize: 64, fieldName: 'a.b' })).toBe('PDF_SIGNATURE_REQUEST_INVALID');
    const signed = await signWithImzala(signer, pdf);
    expect(await codeOf({ placeholderSize: 64, fieldName: 'Signature1' }, signed)).toBe('PDF_FIELD_NAME_TAKEN');
  });
});
