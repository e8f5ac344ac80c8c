/**
 * The TEST hierarchy as outside tools see it: OpenSSL verifies chains and CRLs, NSS imports the .p12
 * files and accepts the signers for signing, and `openssl x509 -text` shows the Azerbaijani fields.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../../core/encoding/pem.js';
import { isImzalaError } from '../../core/errors.js';
import { readPkcs12 } from '../../core/keys/pkcs12.js';
import { EXTENDED_KEY_USAGE_OIDS, issueCertificate } from './certificate-builder.js';
import { certificateSerialNumber, issueCrl } from './crl-builder.js';
import { createDemoHierarchy, DEMO_TEST_POLICY_OID, type DemoHierarchy } from './demo-hierarchy.js';
import { writeDemoHierarchy } from './write-demo.js';

let tmp: string;
let dir: string;
let files: string[];
let hierarchy: DemoHierarchy;

/** Runs a tool in the demo directory; returns its exit status and stdout + stderr. */
function tool(cmd: string, args: string[], cwd = dir): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const ok = (cmd: string, ...args: string[]) => {
  const r = tool(cmd, args);
  expect(r.status, r.out).toBe(0);
  return r.out;
};
const x509Text = (name: string) => ok('openssl', 'x509', '-in', name, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space');
const toHexUpper = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'imzala-pki-demo-'));
  dir = join(tmp, 'pki');
  ({ files, hierarchy } = await writeDemoHierarchy(dir));
  // openssl -CRLfile wants PEM.
  for (const ca of ['rca', 'pca', 'ica']) {
    ok('openssl', 'crl', '-inform', 'DER', '-in', `${ca}.crl`, '-out', join(tmp, `${ca}-crl.pem`));
  }
  writeFileSync(
    join(tmp, 'all-crls.pem'),
    ['rca', 'pca', 'ica'].map((ca) => readFileSync(join(tmp, `${ca}-crl.pem`), 'utf8')).join(''),
  );
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeDemoHierarchy: the directory', () => {
  it('holds the documented files, with the root alone under trust/', () => {
    const people = ['citizen', 'business', 'expired', 'revoked'];
    expect([...files].sort()).toEqual(
      [
        'README.txt',
        'trust/rca.pem',
        'rca.crt',
        'pca.pem',
        'pca.crt',
        'ica.pem',
        'ica.crt',
        'chain.pem',
        'rca.crl',
        'pca.crl',
        'ica.crl',
        'mobile-ca.pem',
        'mobile-ca.crt',
        'mobile-ca.crl',
        'sima-chain.pem',
        ...[...people, 'sima-citizen'].flatMap((p) => [`${p}.pem`, `${p}.key.pem`, `${p}.p12`]),
      ].sort(),
    );
    expect(readdirSync(join(dir, 'trust'))).toEqual(['rca.pem']);
    const chain = decodePem(readFileSync(join(dir, 'chain.pem'), 'latin1')).map((b) => b.der);
    expect(chain).toEqual([hierarchy.ica.certificate, hierarchy.pca.certificate]);
    for (const p of people) {
      expect(statSync(join(dir, `${p}.key.pem`)).mode & 0o077, `${p}.key.pem is owner-only`).toBe(0);
      expect(statSync(join(dir, `${p}.p12`)).mode & 0o077, `${p}.p12 is owner-only`).toBe(0);
    }
  });

  it('README.txt says everything is TEST, gives the .p12 password and shows how to sign and verify', () => {
    const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain('EVERYTHING HERE IS TEST');
    expect(readme).toContain('password "test"');
    expect(readme).toContain('imzala sign doc.pdf --out s.pdf --p12 DIR/citizen.p12 --pass-env PASS');
    expect(readme).toContain('imzala verify s.pdf --trust DIR/trust');
    // The root's fingerprint, as `openssl x509 -fingerprint -sha256` prints it.
    const fp = ok('openssl', 'x509', '-in', 'trust/rca.pem', '-noout', '-fingerprint', '-sha256').split('=')[1]!.trim();
    expect(readme).toContain(fp);
  });

  it('refuses a non-empty directory that is not a demo directory, and rewrites an earlier demo directory', async () => {
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const error = await writeDemoHierarchy(foreign).catch((e: unknown) => e);
    expect(isImzalaError(error) && error.code).toBe('PKI_DEMO_DIR_NOT_EMPTY');
    expect(readdirSync(foreign)).toEqual(['notes.txt']);

    const again = join(tmp, 'again');
    await writeDemoHierarchy(again, { p12Password: 'first' });
    const second = await writeDemoHierarchy(again, { p12Password: 'second' });
    expect((await readPkcs12(new Uint8Array(readFileSync(join(again, 'citizen.p12'))), 'second')).certificate).toEqual(
      second.hierarchy.citizen.certificate,
    );
  }, 30_000);
});

describe('OpenSSL on the demo directory', () => {
  it('verifies citizen, business and revoked (no CRL check) up to trust/rca.pem through chain.pem', () => {
    const out = ok('openssl', 'verify', '-CAfile', 'trust/rca.pem', '-untrusted', 'chain.pem', 'citizen.pem', 'business.pem', 'revoked.pem');
    expect(out).toBe('citizen.pem: OK\nbusiness.pem: OK\nrevoked.pem: OK\n');
  });

  it('fails the expired certificate as expired', () => {
    const r = tool('openssl', ['verify', '-CAfile', 'trust/rca.pem', '-untrusted', 'chain.pem', 'expired.pem']);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('certificate has expired');
  });

  it('does not trust the chain without the root', () => {
    const r = tool('openssl', ['verify', '-CAfile', 'chain.pem', 'citizen.pem']);
    expect(r.status).not.toBe(0);
  });

  it('verifies ica.crl with ica.pem; it lists the revoked certificate and nobody else', () => {
    const text = ok('openssl', 'crl', '-inform', 'DER', '-in', 'ica.crl', '-CAfile', 'ica.pem', '-noout', '-text');
    expect(text).toContain('verify OK');
    expect(text).toContain(`Serial Number: ${toHexUpper(certificateSerialNumber(hierarchy.revoked.certificate))}`);
    expect(text).toContain('Key Compromise');
    expect(text.match(/Serial Number:/g)).toHaveLength(1);
    // The revocation is a day before "now", inside the CRL's window.
    expect(text).toContain('X509v3 CRL Number');
    // The PCA's and RCA's CRLs verify with their issuers and list no one.
    for (const ca of ['pca', 'rca']) {
      const caText = ok('openssl', 'crl', '-inform', 'DER', '-in', `${ca}.crl`, '-CAfile', ca === 'rca' ? 'trust/rca.pem' : 'pca.pem', '-noout', '-text');
      expect(caText).toContain('verify OK');
      expect(caText).toContain('No Revoked Certificates');
    }
  });

  it('-crl_check fails the revoked certificate and passes the citizen; -crl_check_all passes with the three CRLs', () => {
    const revoked = tool('openssl', ['verify', '-crl_check', '-CAfile', 'trust/rca.pem', '-untrusted', 'chain.pem', '-CRLfile', join(tmp, 'ica-crl.pem'), 'revoked.pem']);
    expect(revoked.status).not.toBe(0);
    expect(revoked.out).toContain('certificate revoked');
    ok('openssl', 'verify', '-crl_check', '-CAfile', 'trust/rca.pem', '-untrusted', 'chain.pem', '-CRLfile', join(tmp, 'ica-crl.pem'), 'citizen.pem');
    ok('openssl', 'verify', '-crl_check_all', '-CAfile', 'trust/rca.pem', '-untrusted', 'chain.pem', '-CRLfile', join(tmp, 'all-crls.pem'), 'citizen.pem', 'business.pem');
  });

  it('x509 -text shows the citizen profile: FIN, names in UTF-8, key usages, EKUs, TEST policy, e-mail, CRL and AIA URLs', () => {
    const text = x509Text('citizen.pem');
    expect(text).toContain(
      'Subject: C=AZ, CN=TEST ƏLİYEV VÜQAR TEST OĞLU, SN=TEST ƏLİYEV, GN=VÜQAR, serialNumber=1TEST01',
    );
    expect(text).toContain('Issuer: C=AZ, O=TEST National Certificate Services Center of Azerbaijan, CN=TEST AZ E-Government Authority (ICA)');
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection, 1\.3\.6\.1\.4\.1\.311\.10\.3\.12/);
    expect(text).toContain(`Policy: ${DEMO_TEST_POLICY_OID}`);
    expect(text).not.toContain('1.3.6.1.4.1.32843.7.1'); // the real operator's policy
    expect(text).toContain('email:vuqar.aliyev@example.test');
    expect(text).toContain('URI:http://crl.imzala.test/ica.crl');
    expect(text).toContain('CA Issuers - URI:http://crl.imzala.test/ica.crt');
    expect(text).toContain('sha256WithRSAEncryption');
    // Names with Azerbaijani letters are UTF8String; the FIN and the country PrintableString.
    const asn1 = ok('openssl', 'asn1parse', '-in', 'citizen.pem');
    expect(asn1).toContain('UTF8STRING        :TEST ƏLİYEV VÜQAR TEST OĞLU');
    expect(asn1).toContain('PRINTABLESTRING   :1TEST01');
  });

  it('x509 -text shows the business profile: EC P-256, title, organisation and OU=TIN:<VÖEN>', () => {
    const text = x509Text('business.pem');
    expect(text).toContain(
      'Subject: C=AZ, CN=TEST MƏMMƏDOVA AYSEL TEST QIZI, SN=TEST MƏMMƏDOVA, GN=AYSEL, serialNumber=1TEST02, ' +
        'title=TEST Hüquqi Təmsilçi, O=TEST Nümunə MMC, OU=TIN:9900000001',
    );
    expect(text).toContain('NIST CURVE: P-256');
  });

  it('the CAs have the national shape: self-signed RCA, PCA pathlen 1, ICA pathlen 0, keyCertSign + cRLSign critical', () => {
    const rca = x509Text('trust/rca.pem');
    expect(rca).toContain('Subject: C=AZ, O=TEST National Certificate Services Center of Azerbaijan, CN=TEST AZ Root Authority (RCA)');
    expect(rca).toContain('Issuer: C=AZ, O=TEST National Certificate Services Center of Azerbaijan, CN=TEST AZ Root Authority (RCA)');
    expect(rca).toMatch(/Basic Constraints: critical\s+CA:TRUE\n/);
    expect(rca).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(rca).toMatch(/Public-Key: \(3072 bit\)/);
    const pca = x509Text('pca.pem');
    expect(pca).toContain('CN=TEST AZ Policy Authority (PCA)');
    expect(pca).toMatch(/CA:TRUE, pathlen:1/);
    expect(pca).toContain('URI:http://crl.imzala.test/rca.crl');
    const ica = x509Text('ica.pem');
    expect(ica).toContain('CN=TEST AZ E-Government Authority (ICA)');
    expect(ica).toMatch(/CA:TRUE, pathlen:0/);
    // AKI of each certificate is the SKI of its issuer.
    const ski = (text: string) => text.match(/Subject Key Identifier:\s+([0-9A-F:]+)/)![1];
    const aki = (text: string) => text.match(/Authority Key Identifier:\s+(?:keyid:)?([0-9A-F:]+)/)![1];
    expect(aki(ica)).toBe(ski(pca));
    expect(aki(pca)).toBe(ski(rca));
    expect(aki(x509Text('citizen.pem'))).toBe(ski(ica));
  });

  it('every CN and O says TEST; serial numbers are 16 random positive bytes, all different', () => {
    const entities = [hierarchy.rca, hierarchy.pca, hierarchy.ica, ...hierarchy.endEntities];
    const serials = new Set<string>();
    for (const e of entities) {
      writeFileSync(join(tmp, 'one.der'), e.certificate);
      const subject = ok('openssl', 'x509', '-inform', 'DER', '-in', join(tmp, 'one.der'), '-noout', '-subject', '-nameopt', 'utf8,sep_multiline');
      for (const line of subject.split('\n').filter((l) => /^\s+(CN|O)=/.test(l))) expect(line).toContain('TEST');
      const serial = certificateSerialNumber(e.certificate);
      expect(serial).toHaveLength(16);
      expect(serial[0]! & 0x80).toBe(0);
      serials.add(toHexUpper(serial));
    }
    expect(serials.size).toBe(entities.length);
  });
});

describe('.p12 files', () => {
  it('openssl reads citizen.p12 with the password: key, certificate, chain (ICA, PCA), friendlyName = CN', () => {
    const out = ok('openssl', 'pkcs12', '-in', 'citizen.p12', '-nodes', '-passin', 'pass:test');
    const blocks = decodePem(out);
    expect(blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.der)).toEqual([
      hierarchy.citizen.certificate,
      hierarchy.ica.certificate,
      hierarchy.pca.certificate,
    ]);
    expect(blocks.find((b) => b.label === 'PRIVATE KEY')!.der).toEqual(hierarchy.citizen.privateKeyPkcs8);
    // OpenSSL 3.0 prints the BMPString friendlyName squeezed to Latin-1; NSS and readPkcs12 below read it whole.
    expect(out).toMatch(/friendlyName: TEST .*YEV V.*QAR TEST O.*LU/);
    expect(decodePem(readFileSync(join(dir, 'citizen.key.pem'), 'latin1'))[0]!.der).toEqual(hierarchy.citizen.privateKeyPkcs8);
  });

  it('NSS imports every .p12 and accepts the valid signers for signing once the root is trusted', () => {
    const db = join(tmp, 'nssdb');
    mkdirSync(db);
    ok('certutil', '-N', '-d', `sql:${db}`, '--empty-password');
    ok('certutil', '-A', '-d', `sql:${db}`, '-n', 'TEST RCA', '-t', 'CT,C,C', '-i', join(dir, 'trust', 'rca.pem'));
    for (const e of hierarchy.endEntities) ok('pk12util', '-i', join(dir, `${e.name}.p12`), '-d', `sql:${db}`, '-W', 'test');
    const keys = ok('certutil', '-K', '-d', `sql:${db}`);
    for (const e of hierarchy.endEntities) expect(keys).toContain(e.commonName);
    // -u S: certificateUsageEmailSigner, what pdfsig checks for a signer.
    for (const e of [hierarchy.citizen, hierarchy.business]) {
      expect(ok('certutil', '-V', '-u', 'S', '-d', `sql:${db}`, '-n', e.commonName)).toContain('certificate is valid');
    }
    const expired = tool('certutil', ['-V', '-u', 'S', '-d', `sql:${db}`, '-n', hierarchy.expired.commonName]);
    expect(expired.out).toMatch(/expired/i);
  });

  it('readPkcs12 gives back the key and certificate of every signer', async () => {
    for (const e of hierarchy.endEntities) {
      const bundle = await readPkcs12(new Uint8Array(readFileSync(join(dir, `${e.name}.p12`))), 'test');
      expect(bundle.certificate).toEqual(e.certificate);
      expect(bundle.privateKeyPkcs8).toEqual(e.privateKeyPkcs8);
      expect(bundle.friendlyName).toBe(e.commonName);
    }
  });
});

describe('createDemoHierarchy options', () => {
  it('namePrefix, crlBaseUrl and now shape names, URLs and validity', async () => {
    const now = new Date('2030-06-01T12:00:00Z');
    const h = await createDemoHierarchy({ namePrefix: 'SINAQ', crlBaseUrl: 'http://127.0.0.1:8080/pki/', now });
    writeFileSync(join(tmp, 'opt.der'), h.citizen.certificate);
    const text = ok('openssl', 'x509', '-inform', 'DER', '-in', join(tmp, 'opt.der'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space');
    expect(text).toContain('CN=SINAQ ƏLİYEV VÜQAR SINAQ OĞLU');
    expect(text).toContain('O=SINAQ National Certificate Services Center of Azerbaijan');
    expect(text).toContain('URI:http://127.0.0.1:8080/pki/ica.crl');
    expect(text).toContain('Not Before: May 31 12:00:00 2030 GMT');
    expect(h.crlBaseUrl).toBe('http://127.0.0.1:8080/pki');
    expect(h.now).toEqual(now);
  });
});

describe('issueCertificate / issueCrl for special test certificates', () => {
  const validity = { notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 86_400_000 * 30) };

  it('builds an ECDSA P-384 root (ecdsa-with-SHA384), an RSA CA under it and an RSA-PSS SHA-512 signed holder', async () => {
    const root = await issueCertificate({
      subject: [{ type: 'CN', value: 'TEST EC Root' }],
      key: { algorithm: 'EC', namedCurve: 'P-384' },
      signature: { hash: 'SHA-384' },
      basicConstraints: { ca: true },
      keyUsage: { usages: ['keyCertSign', 'cRLSign'] },
      ...validity,
    });
    const ca = await issueCertificate({
      subject: [{ type: 'CN', value: 'TEST RSA CA' }],
      issuer: root,
      signature: { hash: 'SHA-384' },
      basicConstraints: { ca: true, pathLength: 0 },
      keyUsage: { usages: ['keyCertSign', 'cRLSign'] },
      ...validity,
    });
    const holder = await issueCertificate({
      subject: [{ type: 'CN', value: 'TEST PSS holder' }, { type: 'serialNumber', value: '1TEST09' }],
      issuer: ca,
      key: { algorithm: 'EC', namedCurve: 'P-521' },
      signature: { hash: 'SHA-512', rsaPss: true },
      keyUsage: { usages: ['digitalSignature'] },
      extendedKeyUsage: [EXTENDED_KEY_USAGE_OIDS.documentSigning],
      ...validity,
    });
    writeFileSync(join(tmp, 'ec-root.der'), root.certificate);
    writeFileSync(join(tmp, 'rsa-ca.der'), ca.certificate);
    writeFileSync(join(tmp, 'pss-holder.der'), holder.certificate);
    for (const name of ['ec-root', 'rsa-ca', 'pss-holder']) {
      ok('openssl', 'x509', '-inform', 'DER', '-in', join(tmp, `${name}.der`), '-out', join(tmp, `${name}.pem`));
    }
    expect(ok('openssl', 'x509', '-in', join(tmp, 'rsa-ca.pem'), '-noout', '-text')).toContain('ecdsa-with-SHA384');
    const holderText = ok('openssl', 'x509', '-in', join(tmp, 'pss-holder.pem'), '-noout', '-text');
    expect(holderText).toContain('rsassaPss');
    expect(holderText).toContain('sha512');
    expect(holderText).toContain('NIST CURVE: P-521');
    ok('openssl', 'verify', '-CAfile', join(tmp, 'ec-root.pem'), '-untrusted', join(tmp, 'rsa-ca.pem'), join(tmp, 'pss-holder.pem'));
  });

  it('can add an unknown critical extension, which OpenSSL then refuses', async () => {
    const odd = await issueCertificate({
      subject: [{ type: 'CN', value: 'TEST odd holder' }],
      issuer: { certificate: hierarchy.ica.certificate, privateKeyPkcs8: hierarchy.ica.privateKeyPkcs8! },
      key: { algorithm: 'EC' },
      keyUsage: { usages: ['digitalSignature', 'nonRepudiation'] },
      extraExtensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: true, value: new Uint8Array([0x05, 0x00]) }],
      ...validity,
    });
    writeFileSync(join(tmp, 'odd.der'), odd.certificate);
    ok('openssl', 'x509', '-inform', 'DER', '-in', join(tmp, 'odd.der'), '-out', join(tmp, 'odd.pem'));
    const r = tool('openssl', ['verify', '-CAfile', 'trust/rca.pem', '-untrusted', 'chain.pem', join(tmp, 'odd.pem')]);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('unhandled critical extension');
  });

  it('issues CRLs with and without entries that openssl verifies', async () => {
    const ica = { certificate: hierarchy.ica.certificate, privateKeyPkcs8: hierarchy.ica.privateKeyPkcs8! };
    const crl = await issueCrl({
      issuer: ica,
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 86_400_000),
      crlNumber: 7,
      revoked: [
        { serialNumber: certificateSerialNumber(hierarchy.citizen.certificate), revocationDate: new Date(), reason: 'superseded' },
        { serialNumber: certificateSerialNumber(hierarchy.business.certificate), revocationDate: new Date() },
      ],
    });
    writeFileSync(join(tmp, 'extra.crl'), crl);
    const text = ok('openssl', 'crl', '-inform', 'DER', '-in', join(tmp, 'extra.crl'), '-CAfile', join(dir, 'ica.pem'), '-noout', '-text');
    expect(text).toContain('verify OK');
    expect(text).toMatch(/CRL Number:\s+7/);
    expect(text).toContain('Superseded');
    expect(text.match(/Serial Number:/g)).toHaveLength(2);
    // The same CRL checked against the wrong CA fails.
    const wrong = tool('openssl', ['crl', '-inform', 'DER', '-in', join(tmp, 'extra.crl'), '-CAfile', join(dir, 'pca.pem'), '-noout']);
    expect(wrong.out).not.toContain('verify OK');
  });
});
