/**
 * The /DSS incremental update on real signed files: qpdf accepts it, pdfsig still verifies the signature, the change
 * analysis calls it no change, and readDss gives back exactly the items (certificates, a CRL and an OCSP response
 * made by the test PKI), each once.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { qpdfCheck, withObjectStreams } from '../../test/fixtures/pdf/qpdf.js';
import { onePagePdf } from '../../test/fixtures/pdf/raw-pdf.js';
import { createTestSigner, pdfsigVerify, signWithImzala, type TestSigner } from '../../test/fixtures/pdf/signing-tools.js';
import { buildOcspResponse } from '../../test/support/ocsp-responder.js';
import { issueCrl } from '../../verifier/pki-demo/crl-builder.js';
import { concatBytes, latin1String } from '../encoding/bytes.js';
import { bytesSource } from '../io/byte-source.js';
import { analyzeChanges } from './change-analysis/analyze-changes.js';
import { PdfDocument } from './document.js';
import { MAX_DSS_ITEMS, prepareDssUpdate, readDss, type DssContents } from './dss.js';
import { scanPdfSignatures } from './scan-signatures.js';

let signer: TestSigner;
let rootDer: Uint8Array;
let signerDer: Uint8Array;
let crl: Uint8Array;
let ocsp: Uint8Array;

const der = (pem: string) => new Uint8Array(execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER']));

beforeAll(async () => {
  signer = createTestSigner();
  rootDer = der(signer.rootCert);
  signerDer = der(signer.signerCert);
  const rootKey = new Uint8Array(execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', join(signer.dir, 'root.key'), '-outform', 'DER']));
  const issuer = { certificate: rootDer, privateKeyPkcs8: rootKey };
  const now = new Date();
  crl = await issueCrl({ issuer, thisUpdate: now, nextUpdate: new Date(now.getTime() + 86_400_000) });
  ocsp = await buildOcspResponse({ certificate: signerDer, issuerCertificate: rootDer, signer: issuer, status: 'good', thisUpdate: now });
});
afterAll(() => signer.dispose());

/** pdfsig's verdict per signature: [field name, "valid & trusted"]. */
function pdfsigVerdicts(pdf: Uint8Array): [string, boolean][] {
  return pdfsigVerify(signer, pdf).split(/Signature #\d+:/).slice(1).map((block) => [
    /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
    block.includes('Signature is Valid.') && block.includes('Certificate is Trusted.'),
  ]);
}

async function withDss(pdf: Uint8Array, add: DssContents): Promise<Uint8Array> {
  return concatBytes(pdf, await prepareDssUpdate(bytesSource(pdf), add));
}

/** The signature's verdict from imzala's change analysis, and where its range ends. */
async function signatureAfterUpdates(pdf: Uint8Array) {
  const scan = await scanPdfSignatures(bytesSource(pdf));
  const revisions = scan.signatures.map((s) => s.revision!);
  const changes = await analyzeChanges(scan.document, revisions);
  return scan.signatures.map((s) => ({ field: s.fieldName, byteRangeCode: s.byteRangeCode, coversWholeFile: s.coversWholeFile, changes: changes.get(s.revision!)!.modifications }));
}

const items = (): DssContents => ({ certificates: [signerDer, rootDer], crls: [crl], ocspResponses: [ocsp] });

describe('prepareDssUpdate', () => {
  for (const [label, make] of [
    ['classic xref table', () => makePdf({ pages: 2 })],
    ['xref and object streams', () => withObjectStreams(makePdf({ pages: 2 }))],
  ] as const) {
    it(`adds a /DSS after an imzala signature (${label}): qpdf, pdfsig and the change analysis accept it`, async () => {
      const signed = await signWithImzala(signer, make());
      const lt = await withDss(signed, items());
      expect(lt.subarray(0, signed.length)).toEqual(signed);
      expect(qpdfCheck(lt).status).toBe(0);
      expect(pdfsigVerdicts(lt)).toEqual([['Signature1', true]]);
      expect(await signatureAfterUpdates(lt)).toEqual([{ field: 'Signature1', byteRangeCode: null, coversWholeFile: false, changes: 'none' }]);
      const dss = await readDss(await PdfDocument.open(bytesSource(lt)));
      expect(dss).toEqual(items());
      // The update's cross-reference section is of the file's kind.
      const update = latin1String(lt.subarray(signed.length));
      if (label === 'classic xref table') expect(update).toMatch(/\nxref\n[\s\S]*trailer\n<<[^]*\/Prev \d+/);
      else expect(update).toContain('/Type /XRef');
    });
  }

  it('extends an existing /DSS with only the items not yet there; nothing new gives no update', async () => {
    const signed = await signWithImzala(signer, makePdf({ pages: 1 }));
    const first = await withDss(signed, { certificates: [rootDer], crls: [crl], ocspResponses: [] });
    // The root and the CRL again, the signer's certificate twice: one new stream only.
    const update = await prepareDssUpdate(bytesSource(first), { certificates: [rootDer, signerDer, signerDer], crls: [crl], ocspResponses: [] });
    expect(latin1String(update).match(/\bstream\n/g)?.length).toBe(1);
    const second = concatBytes(first, update);
    expect(qpdfCheck(second).status).toBe(0);
    expect(await readDss(await PdfDocument.open(bytesSource(second)))).toEqual({ certificates: [rootDer, signerDer], crls: [crl], ocspResponses: [] });
    expect(await signatureAfterUpdates(second)).toEqual([{ field: 'Signature1', byteRangeCode: null, coversWholeFile: false, changes: 'none' }]);
    expect(pdfsigVerdicts(second)).toEqual([['Signature1', true]]);
    // Only the OCSP response is new now; after it, the same request has nothing left to add.
    const third = await withDss(second, items());
    expect(await readDss(await PdfDocument.open(bytesSource(third)))).toEqual({ certificates: [rootDer, signerDer], crls: [crl], ocspResponses: [ocsp] });
    expect(await prepareDssUpdate(bytesSource(third), items())).toHaveLength(0);
  });

  it('a later signature after the /DSS keeps both signatures unchanged', async () => {
    const lt = await withDss(await signWithImzala(signer, makePdf({ pages: 1 })), items());
    const twice = await signWithImzala(signer, lt);
    expect(qpdfCheck(twice).status).toBe(0);
    expect(pdfsigVerdicts(twice)).toEqual([['Signature1', true], ['Signature2', true]]);
    expect((await signatureAfterUpdates(twice)).map((s) => s.changes)).toEqual(['none', 'none']);
    expect(await readDss(await PdfDocument.open(bytesSource(twice)))).toEqual(items());
  });
});

describe('readDss', () => {
  const open = (pdf: Uint8Array) => PdfDocument.open(bytesSource(pdf));
  const codeOf = async (pdf: Uint8Array) => readDss(await open(pdf)).then(() => 'no error', (e: { code: string }) => e.code);

  it('is null without a /DSS', async () => {
    expect(await readDss(await open(makePdf({ pages: 1 })))).toBeNull();
  });

  it('refuses a /DSS that is not a dictionary, arrays that are not arrays, items that are not streams', async () => {
    expect(await codeOf(onePagePdf({ catalogExtra: '/DSS 5 0 R', extra: [{ num: 5, body: '[1 2]' }] }))).toBe('PDF_DSS_MALFORMED');
    expect(await codeOf(onePagePdf({ catalogExtra: '/DSS << /Certs 7 >>' }))).toBe('PDF_DSS_MALFORMED');
    expect(await codeOf(onePagePdf({ catalogExtra: '/DSS << /Certs [3 0 R] >>' }))).toBe('PDF_DSS_MALFORMED');
    expect(await codeOf(onePagePdf({ catalogExtra: '/DSS << /CRLs [(abc)] >>' }))).toBe('PDF_DSS_MALFORMED');
  });

  it('refuses more items than the bound before reading any of them', async () => {
    const many = '4 0 R '.repeat(MAX_DSS_ITEMS + 1);
    expect(await codeOf(onePagePdf({ catalogExtra: `/DSS << /OCSPs [${many}] >>` }))).toBe('PDF_DSS_TOO_LARGE');
    // A direct /DSS with streams is read (the content stream stands in for a certificate here).
    const dss = await readDss(await open(onePagePdf({ catalogExtra: '/DSS << /Certs [4 0 R] >>' })));
    expect(dss?.certificates.map(latin1String)).toEqual(['BT /F1 12 Tf 72 720 Td (raw) Tj ET']);
  });
});
