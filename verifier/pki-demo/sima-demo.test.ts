/** The TEST SİMA files of `imzala pki demo`: the shape AZ-ESIGN.md §3 describes, checked with openssl. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../../test/support/cli.js';
import { writeDemoHierarchy } from './write-demo.js';

let tmp: ReturnType<typeof tempDir>;
let dir: string;

beforeAll(async () => {
  tmp = tempDir('imzala-sima-demo-');
  dir = join(tmp.dir, 'pki');
  await writeDemoHierarchy(dir);
}, 60_000);
afterAll(() => tmp?.cleanup());

describe('TEST SİMA citizen and mobile CA', () => {
  it('the citizen chains to the TEST root through the mobile CA and the PCA', () => {
    const out = run('openssl', ['verify', '-CAfile', join(dir, 'trust', 'rca.pem'), '-untrusted', join(dir, 'sima-chain.pem'), join(dir, 'sima-citizen.pem')], { check: true });
    expect(out.stdout).toContain(': OK');
  });

  it('has the SİMA certificate shape: EC P-256 by an ecdsa-with-SHA384 mobile CA, FIN, key usages, EKU, URLs', () => {
    const text = run('openssl', ['x509', '-in', join(dir, 'sima-citizen.pem'), '-noout', '-text', '-nameopt', 'RFC2253,-esc_msb'], { check: true }).stdout;
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA384');
    expect(text).toContain('Issuer: CN=TEST Azerbaijan National Issuing Mobile CA01,O=TEST National Certificate Services Center of Azerbaijan,C=AZ');
    expect(text).toMatch(/Subject: serialNumber=1TEST06,GN=LEYLA,SN=TEST RZAYEVA,CN=TEST RZAYEVA LEYLA TEST QIZI,C=AZ/);
    expect(text).toContain('NIST CURVE: P-256');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/X509v3 Extended Key Usage: \s+E-mail Protection, 1\.3\.6\.1\.4\.1\.311\.10\.3\.12/);
    // The demo's private TEST policy, never the real operator's 1.3.6.1.4.1.32843.7.1.
    expect(text).toContain('Policy: 2.25.332700244766099329677279929909234020402');
    expect(text).toContain('URI:http://crl.imzala.test/mobile-ca.crl');
    expect(text).toContain('OCSP - URI:http://crl.imzala.test/ocsp');
    expect(text).toContain('CA Issuers - URI:http://crl.imzala.test/mobile-ca.crt');
    const p12 = run('openssl', ['pkcs12', '-in', join(dir, 'sima-citizen.p12'), '-passin', 'pass:test', '-nokeys', '-info'], { check: true });
    expect(p12.stdout).toContain('TEST Azerbaijan National Issuing Mobile CA01');
  });
});
