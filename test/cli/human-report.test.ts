/** What a person reads from `imzala verify` without --json, in each language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { imzala, tempDir } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let signed: string;

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  const doc = join(tmp.dir, 'doc.pdf');
  writeFileSync(doc, samplePdf(['TEST']));
  signed = join(tmp.dir, 'signed.pdf');
  const r = imzala(['sign', doc, '--out', signed, '--p12', pki.p12('business'), '--pass-env', 'P', '--reason', 'Razıyam'], { P: pki.password });
  expect(r.status).toBe(0);
});

afterAll(() => tmp?.cleanup());

describe('imzala verify, human report', () => {
  it('in English: the verdict, who signed (FIN, VÖEN, company, title), revocation, and the TEST-trust notice', () => {
    const r = imzala(['verify', signed, '--trust', pki.trust, '--crl', pki.crl, '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^signed\.pdf: SIGNATURE VALID/);
    expect(r.stdout).toContain('only the TEST trust store is in use');
    expect(r.stdout).toMatch(/Signer: TEST .* \(FIN 1TEST02, VÖEN \d{10}\)/);
    expect(r.stdout).toContain('Organisation: TEST Nümunə MMC');
    expect(r.stdout).toContain('Title: TEST Hüquqi Təmsilçi');
    expect(r.stdout).toContain('Certificate type: Business');
    expect(r.stdout).toContain('Revocation check: Not revoked (CRL)');
  });

  it('in Azerbaijani by default, and in Russian', () => {
    const az = imzala(['verify', signed, '--trust', pki.trust]);
    expect(az.stdout).toContain('İMZA ETİBARLIDIR');
    expect(az.stdout).toContain('Ləğv yoxlaması: Yoxlanılmayıb');
    const ru = imzala(['verify', signed, '--trust', pki.trust, '--lang', 'ru']);
    expect(ru.stdout).toContain('ПОДПИСЬ ДЕЙСТВИТЕЛЬНА');
  });

  it('without trust anchors it says so, and the signature cannot be decided', () => {
    const r = imzala(['verify', signed, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('No trust anchors are configured');
    expect(r.stdout).toContain('NO_CERTIFICATE_CHAIN_FOUND');
  });
});
