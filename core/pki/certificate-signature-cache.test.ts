/**
 * The certificate-signature memo: the same chain validated twice gives the same answer from the memo, a changed
 * certificate is never answered from it, failures stay failures, and the memo stays bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Certificate } from './certificate.js';
import {
  cachedCertificateSignature, certificateSignatureCacheSize, clearCertificateSignatureCache, MAX_ENTRIES,
  rememberCertificateSignature,
} from './certificate-signature-cache.js';
import { buildHierarchy, OpensslCa, type TestHierarchy } from './openssl-ca.test.js';
import { validateCertificatePath } from './path-validation.js';

const ca = new OpensslCa();
let rsa: TestHierarchy;
beforeAll(() => {
  rsa = buildHierarchy(ca, 'RSA');
  clearCertificateSignatureCache();
});
afterAll(() => {
  ca.dispose();
  clearCertificateSignatureCache();
});

const validate = (target: Certificate) =>
  validateCertificatePath(target, { anchors: [rsa.root.cert], intermediates: [rsa.intermediate.cert], time: new Date() });

describe('certificate signature cache', () => {
  it('remembers each edge of a validated chain and answers the same the second time', async () => {
    const first = await validate(rsa.signer.cert);
    expect(first.valid).toBe(true);
    expect(cachedCertificateSignature(rsa.signer.cert.sha256, rsa.intermediate.cert.sha256)).toMatchObject({ valid: true, hash: 'SHA-256' });
    expect(cachedCertificateSignature(rsa.intermediate.cert.sha256, rsa.root.cert.sha256)).toMatchObject({ valid: true });
    const second = await validate(rsa.signer.cert);
    expect(second.valid).toBe(true);
    expect(second.path.map((c) => c.sha256)).toEqual(first.path.map((c) => c.sha256));
  });

  it('a certificate changed by one byte after its original was cached is still refused', async () => {
    await validate(rsa.signer.cert);
    const der = rsa.signer.der.slice();
    const cn = new TextEncoder().encode('TEST');
    // The subject comes after the issuer in the TBSCertificate: change the last 'TEST', not the issuer's name.
    const at = der.findLastIndex((_, i) => cn.every((b, j) => der[i + j] === b));
    der[at] = 'B'.charCodeAt(0);
    const forged = Certificate.fromDer(der);
    expect(forged.sha256).not.toBe(rsa.signer.cert.sha256);
    const result = await validate(forged);
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_SIGNATURE_INVALID' });
    // The failure is remembered as a failure, and asked again it is still one.
    expect(cachedCertificateSignature(forged.sha256, rsa.intermediate.cert.sha256)).toMatchObject({ valid: false });
    expect(await validate(forged)).toMatchObject({ valid: false, code: 'CERTIFICATE_SIGNATURE_INVALID' });
  });

  it('answers copies, so a caller cannot change what the next one gets', async () => {
    await validate(rsa.signer.cert);
    const a = cachedCertificateSignature(rsa.signer.cert.sha256, rsa.intermediate.cert.sha256)!;
    a.valid = false;
    expect(cachedCertificateSignature(rsa.signer.cert.sha256, rsa.intermediate.cert.sha256)!.valid).toBe(true);
  });

  it(`keeps at most ${MAX_ENTRIES} entries, dropping the least recently used`, () => {
    clearCertificateSignatureCache();
    rememberCertificateSignature('first', 'issuer', { valid: true });
    rememberCertificateSignature('second', 'issuer', { valid: true });
    expect(cachedCertificateSignature('first', 'issuer')).toBeDefined(); // now the most recently used
    for (let i = 0; i < MAX_ENTRIES - 1; i++) rememberCertificateSignature(`filler-${i}`, 'issuer', { valid: false });
    expect(certificateSignatureCacheSize()).toBe(MAX_ENTRIES);
    expect(cachedCertificateSignature('second', 'issuer')).toBeUndefined();
    expect(cachedCertificateSignature('first', 'issuer')).toBeDefined();
    expect(cachedCertificateSignature('filler-0', 'issuer')).toBeDefined();
  });
});
