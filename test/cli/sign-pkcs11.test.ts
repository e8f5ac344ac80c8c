/**
 * `imzala sign --pkcs11 LIB` (the stable CLI's token option) against a real SoftHSM2 token holding the TEST citizen's
 * key: a PDF signed on the token verifies in imzala and pdfsig, a text file goes into an ASiC-E container, and a wrong
 * PIN or a missing library are refused with the bridge's codes and nothing written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { imzala, tempDir, verifyJson } from '../support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../support/nss.js';
import { createSoftHsmToken, SOFTHSM_LIBRARY, type SoftHsmToken } from '../support/softhsm.js';

let tmp: ReturnType<typeof tempDir>;
let token: SoftHsmToken;
let pdf: string;

beforeAll(() => {
  tmp = tempDir('imzala-sign-pkcs11-');
  token = createSoftHsmToken({ dir: tmp.dir, pin: '13579', soPin: '97531' });
  pdf = join(tmp.dir, 'muqavile.pdf');
  writeFileSync(pdf, samplePdf(['TEST muqavile', 'imzala sign --pkcs11']));
}, 60_000);

afterAll(() => tmp?.cleanup());

const sign = (input: string, out: string, pin: string, extra: string[] = []) =>
  imzala(['sign', input, '--out', out, '--pkcs11', SOFTHSM_LIBRARY, '--pin-env', 'TOKEN_PIN', ...extra], { ...token.env, TOKEN_PIN: pin });

describe('imzala sign --pkcs11', () => {
  it('signs a PDF with the key on the token; imzala and pdfsig verify it', () => {
    const out = join(tmp.dir, 'muqavile-imzali.pdf');
    const r = sign(pdf, out, token.pin, ['--reason', 'Razıyam']);
    expect(r.status, r.stderr).toBe(0);
    const checked = verifyJson(out, ['--trust', token.pki.trust]);
    expect(checked.report.status).toMatch(/^VALID/);
    expect(checked.report.signatures[0].signer.fin).toBe('1TEST01');
    const nss = createNssDb(join(tmp.dir, 'nss'));
    trustRoot(nss, token.pki.root);
    expect(pdfsigVerify(nss, out)).toContain('Signature is Valid');
  });

  it('puts another file into an ASiC-E container signed on the token', () => {
    const act = join(tmp.dir, 'akt.txt');
    writeFileSync(act, 'TEST akt\n');
    const out = join(tmp.dir, 'akt.asice');
    expect(sign(act, out, token.pin).status).toBe(0);
    expect(verifyJson(out, ['--trust', token.pki.trust]).report.status).toMatch(/^VALID/);
  });

  it('refuses a wrong PIN and a missing library with their codes, writing nothing', () => {
    const out = join(tmp.dir, 'wrong-pin.pdf');
    const wrong = sign(pdf, out, '00000');
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('PIN_INCORRECT');
    expect(existsSync(out)).toBe(false);
    const missing = imzala(['sign', pdf, '--out', out, '--pkcs11', '/nonexistent/libtoken.so', '--pin-env', 'TOKEN_PIN'], { TOKEN_PIN: '1' });
    expect(missing.stderr).toContain('TOKEN_LIBRARY_NOT_FOUND');
    expect(existsSync(out)).toBe(false);
    expect(imzala(['sign', pdf, '--out', out, '--pkcs11', SOFTHSM_LIBRARY, '--p12', 'x.p12']).status).toBe(64);
  });
});
