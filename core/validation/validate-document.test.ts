/**
 * The document verdict end to end, in process: unsigned, placeholder-only, forged ByteRange, content changed
 * in a later revision, and signatures added by further signers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes, latin1Bytes, latin1String } from '../encoding/bytes.js';
import { bytesSource } from '../io/byte-source.js';
import { describePublicKey } from '../crypto/public-key.js';
import { defaultSignatureAlgorithm, importSigningKey, signWithKey } from '../crypto/key-signer.js';
import { subjectPublicKeyInfoOf } from '../cms/build-signed-data.js';
import type { DigestSigner } from '../cms/digest-signer.js';
import { Certificate } from '../pki/certificate.js';
import { preparePdfSignature } from '../pdf/prepare-signature.js';
import { signPdf } from '../signing/sign-pdf.js';
import { writeDemoHierarchy } from '../../verifier/pki-demo/write-demo.js';
import type { DemoEntity } from '../../verifier/pki-demo/demo-hierarchy.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { appendSection, lastStartxref } from '../../test/fixtures/pdf/raw-pdf.js';
import { validateDocument } from './validate-document.js';
import type { ValidationContext } from './validation-context.js';

let dir: string;
let context: ValidationContext;
let citizen: DigestSigner;
let business: DigestSigner;

async function signerOf(entity: DemoEntity, chain: Uint8Array[]): Promise<DigestSigner> {
  const algorithm = defaultSignatureAlgorithm(describePublicKey(subjectPublicKeyInfoOf(entity.certificate)));
  const key = await importSigningKey(entity.privateKeyPkcs8!, algorithm);
  return { certificate: entity.certificate, chain, algorithm, sign: ({ toBeSigned }) => signWithKey(key, algorithm, toBeSigned) };
}

async function sign(pdf: Uint8Array, signer: DigestSigner): Promise<Uint8Array> {
  const { update } = await signPdf(bytesSource(pdf), signer, { signingTime: new Date() });
  return concatBytes(pdf, update);
}

const check = (pdf: Uint8Array) => validateDocument({ name: 'doc.pdf', source: bytesSource(pdf) }, context);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-validate-'));
  const { hierarchy } = await writeDemoHierarchy(dir);
  const chain = [hierarchy.ica.certificate, hierarchy.pca.certificate];
  context = { anchors: [Certificate.fromDer(hierarchy.rca.certificate)], validationTime: new Date(), crls: [], language: 'en' };
  citizen = await signerOf(hierarchy.citizen, chain);
  business = await signerOf(hierarchy.business, chain);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('document status', () => {
  const plain = samplePdf(['TEST contract', 'Party 1: TEST citizen']);

  it('a PDF without signatures is UNSIGNED', async () => {
    const report = await check(plain);
    expect(report.status).toBe('UNSIGNED');
    expect(report.signatures).toEqual([]);
    expect(report.file.format).toBe('pdf');
  });

  it('a PDF whose only signature value is zero-filled is UNSIGNED, and says why', async () => {
    const prepared = await preparePdfSignature(bytesSource(plain), { signingTime: new Date(), placeholderSize: 4096 });
    const report = await check(concatBytes(plain, prepared.update));
    expect(report.status).toBe('UNSIGNED');
    expect(report.warnings?.map((w) => w.code)).toContain('EMPTY_SIGNATURE_FIELD');
  });

  it('three signers in turn: VALID, each signature covering its own revision', async () => {
    const once = await sign(plain, citizen);
    const twice = await sign(once, business);
    const thrice = await sign(twice, citizen);
    const report = await check(thrice);
    expect(report.status).toBe('VALID');
    expect(report.signatures.map((s) => [s.coverage?.revision, s.coverage?.coversWholeFile, s.modificationsAfter])).toEqual([
      [2, false, 'none'],
      [3, false, 'none'],
      [4, true, 'none'],
    ]);
    expect(report.revisions).toBe(4);
  });

  it('page content changed in a later revision: INVALID, the change named', async () => {
    const signed = await sign(plain, citizen);
    const text = 'BT /F1 18 Tf 72 740 Td (TEST contract: 9000 AZN) Tj ET';
    const changed = appendSection(signed, [{ num: 5, body: `<< /Length ${text.length} >>\nstream\n${text}\nendstream` }], {
      trailer: '/Size 9 /Root 1 0 R',
      prev: lastStartxref(signed),
    });
    const report = await check(changed);
    expect(report.status).toBe('INVALID');
    expect(report.signatures[0]!.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]!.modificationsAfter).toBe('disallowed');
    expect(report.signatures[0]!.errors.map((e) => e.code)).toContain('PAGE_CONTENT_CHANGED');
  });

  it('a ByteRange that does not leave out exactly its own /Contents: INVALID / FORMAT_FAILURE, never VALID', async () => {
    const signed = await sign(plain, citizen);
    const text = latin1String(signed);
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(text)!;
    // Shift the gap by one byte (same width), so the range no longer matches the hex string.
    const [a, b] = [Number(m[1]), Number(m[2])];
    const forged = m[0].replace(`0 ${a} ${b}`, `0 ${a + 1} ${b}`.padEnd(`0 ${a} ${b}`.length, ' '));
    expect(forged.length).toBe(m[0].length);
    const bytes = signed.slice();
    bytes.set(latin1Bytes(forged), m.index);
    const report = await check(bytes);
    expect(report.status).toBe('INVALID');
    expect(report.signatures[0]!.subIndication).toBe('FORMAT_FAILURE');
  });
});

describe('universal signature forgery variants are never VALID', () => {
  it('/Contents removed from a signed PDF: INVALID / FORMAT_FAILURE (SIGNATURE_CONTENTS_MISSING)', async () => {
    const plain = samplePdf(['TEST contract']);
    const signed = await sign(plain, citizen);
    const text = latin1String(signed);
    const at = text.lastIndexOf('/Contents <');
    const bytes = signed.slice();
    // Rename the key in place (same length): the dictionary then has no /Contents.
    bytes.set(latin1Bytes('/Xontents'), at);
    const report = await check(bytes);
    expect(report.status).toBe('INVALID');
    expect(report.signatures[0]!.errors.map((e) => e.code)).toContain('SIGNATURE_CONTENTS_MISSING');
  });
});
