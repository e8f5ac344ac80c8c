/**
 * Interop with poppler's pdfsig (NSS), a verifier no one here wrote: PDFs signed by pdfsig verify in imzala,
 * PDFs signed by imzala verify in pdfsig (also after a second signer), and a changed byte fails in both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { imzala, run, tempDir, verifyJson } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';
import { signWithoutChecks } from '../support/sign-as-of-old.js';
import { createNssDb, importP12, listNicks, pdfsigVerify, trustRoot } from '../support/nss.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let verifyDb: string;
let doc: string;

function sign(input: string, out: string, who: 'citizen' | 'business' | 'expired' | 'revoked' = 'citizen') {
  const r = imzala(['sign', input, '--out', out, '--p12', pki.p12(who), '--pass-env', 'P12PASS', '--reason', 'Razıyam'], {
    P12PASS: pki.password,
  });
  expect(r.stderr + r.stdout).not.toMatch(/error|xəta/i);
  expect(r.status).toBe(0);
}

/** Flips one byte inside the first signed range (in the page content stream, not in the signature). */
function tamper(input: string, out: string) {
  const bytes = new Uint8Array(readFileSync(input));
  const at = Buffer.from(bytes).indexOf('Party 1');
  expect(at).toBeGreaterThan(0);
  bytes[at] = 'Q'.charCodeAt(0);
  writeFileSync(out, bytes);
}

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  verifyDb = createNssDb(join(tmp.dir, 'nss-verify'));
  trustRoot(verifyDb, pki.root);
  doc = join(tmp.dir, 'doc.pdf');
  writeFileSync(doc, samplePdf(['TEST contract', 'Party 1: TEST citizen', 'Party 2: TEST company']));
});

afterAll(() => tmp?.cleanup());

describe('PDF signed by imzala, checked by pdfsig', () => {
  it('pdfsig says "Signature is Valid" and "Certificate is Trusted" with only the TEST root in its db', () => {
    const signed = join(tmp.dir, 'imzala-1.pdf');
    sign(doc, signed);
    const out = pdfsigVerify(verifyDb, signed);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Certificate is Trusted.');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(verifyJson(signed, ['--trust', pki.trust]).report.status).toBe('VALID');
  });

  it('both signatures stay valid in pdfsig and in imzala after a second signer signs', () => {
    const once = join(tmp.dir, 'imzala-2a.pdf');
    const twice = join(tmp.dir, 'imzala-2b.pdf');
    sign(doc, once, 'citizen');
    sign(once, twice, 'business');
    const out = pdfsigVerify(verifyDb, twice);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate is Trusted\./g)).toHaveLength(2);
    const { status, report } = verifyJson(twice, ['--trust', pki.trust]);
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);
    expect(report.signatures).toHaveLength(2);
    expect(report.signatures.map((s: any) => s.coverage.revision)).toEqual([2, 3]);
    expect(report.signatures.map((s: any) => s.coverage.coversWholeFile)).toEqual([false, true]);
    expect(report.signatures[1].signer.voen).toMatch(/^\d{10}$/);
  });

  it('a byte changed inside the signed range is INVALID in imzala and in pdfsig', () => {
    const signed = join(tmp.dir, 'imzala-3.pdf');
    const changed = join(tmp.dir, 'imzala-3-changed.pdf');
    sign(doc, signed);
    tamper(signed, changed);
    const { status, report } = verifyJson(changed, ['--trust', pki.trust]);
    expect(report.status).toBe('INVALID');
    expect(status).toBe(1);
    expect(report.signatures[0].subIndication).toBe('HASH_FAILURE');
    expect(pdfsigVerify(verifyDb, changed)).toMatch(/Signature is Invalid|Digest Mismatch/);
  });
});

describe('PDF signed by pdfsig, checked by imzala', () => {
  let signerDb: string;
  let pdfsigSigned: string;

  beforeAll(() => {
    signerDb = createNssDb(join(tmp.dir, 'nss-signer'));
    importP12(signerDb, pki.p12('citizen'), pki.password);
    trustRoot(signerDb, pki.root);
    const nick = listNicks(signerDb, doc).find((n) => n.includes('TEST'));
    expect(nick).toBeTruthy();
    pdfsigSigned = join(tmp.dir, 'pdfsig-signed.pdf');
    run('pdfsig', ['-add-signature', '-nssdir', `sql:${signerDb}`, '-nick', nick!, '-reason', 'TEST', '-digest', 'SHA256', doc, pdfsigSigned], {
      check: true,
    });
  });

  it('is VALID, an adbe.pkcs7.detached signature by the TEST citizen', () => {
    const { status, report } = verifyJson(pdfsigSigned, ['--trust', pki.trust]);
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0].kind).toBe('PKCS7');
    expect(report.signatures[0].indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0].signer.commonName).toMatch(/TEST/);
    expect(report.signatures[0].signer.fin).toMatch(/^[0-9A-Z]{7}$/);
    expect(report.signatures[0].coverage.coversWholeFile).toBe(true);
  });

  it('a byte changed in it is INVALID', () => {
    const changed = join(tmp.dir, 'pdfsig-changed.pdf');
    tamper(pdfsigSigned, changed);
    const { status, report } = verifyJson(changed, ['--trust', pki.trust]);
    expect(report.status).toBe('INVALID');
    expect(status).toBe(1);
  });

  it('imzala can add a second signature to it and both verify', () => {
    const twice = join(tmp.dir, 'pdfsig-then-imzala.pdf');
    sign(pdfsigSigned, twice, 'business');
    const { report } = verifyJson(twice, ['--trust', pki.trust]);
    expect(report.status).toBe('VALID');
    expect(report.signatures.map((s: any) => s.kind)).toEqual(['PKCS7', 'PAdES']);
    const out = pdfsigVerify(verifyDb, twice);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
  });
});

describe('trust', () => {
  it('a signer under a root that is not trusted is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, never VALID', () => {
    const other = writeDemoPki(join(tmp.dir, 'other-pki'));
    const signed = join(tmp.dir, 'untrusted.pdf');
    sign(doc, signed);
    const { status, report } = verifyJson(signed, ['--trust', other.trust]);
    expect(report.status).toBe('INDETERMINATE');
    expect(status).toBe(2);
    expect(report.signatures[0].subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('imzala sign refuses an expired certificate, saying so', () => {
    const out = join(tmp.dir, 'never-expired.pdf');
    const r = imzala(['sign', doc, '--out', out, '--p12', pki.p12('expired'), '--pass-env', 'P', '--lang', 'en'], { P: pki.password });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('SIGNER_CERTIFICATE_EXPIRED');
    expect(r.stderr).toMatch(/expired on/);
  });

  it('a signature by a since-expired signer, without a timestamp, is INDETERMINATE / OUT_OF_BOUNDS_NO_POE', async () => {
    const signed = join(tmp.dir, 'expired.pdf');
    await signWithoutChecks(doc, signed, pki.p12('expired'), pki.password);
    const { report } = verifyJson(signed, ['--trust', pki.trust]);
    expect(report.status).toBe('INDETERMINATE');
    expect(report.signatures[0].subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });

  it('a revoked signer is INVALID / REVOKED with the CA’s CRL', () => {
    const signed = join(tmp.dir, 'revoked.pdf');
    sign(doc, signed, 'revoked');
    const { status, report } = verifyJson(signed, ['--trust', pki.trust, '--crl', pki.crl]);
    expect(report.status).toBe('INVALID');
    expect(status).toBe(1);
    expect(report.signatures[0].subIndication).toBe('REVOKED');
    expect(report.signatures[0].revocation.status).toBe('revoked');
  });
});
