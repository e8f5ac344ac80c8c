import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHierarchy, OpensslCa, type TestHierarchy } from './openssl-ca.test.js';
import { MAX_TRUST_FILE_SIZE, TrustStore } from './trust-store.js';

const ca = new OpensslCa();
afterAll(() => ca.dispose());
let rsa: TestHierarchy;
let ec: TestHierarchy;
beforeAll(() => {
  rsa = buildHierarchy(ca, 'RSA');
  ec = buildHierarchy(ca, 'EC');
});

const text = (s: string) => new TextEncoder().encode(s);
const pemOf = (file: string) => ca.run(['x509', '-in', file]).toString();

describe('TrustStore.fromFiles', () => {
  it('reads PEM bundles (several certificates, other blocks skipped), DER .cer files, and drops duplicates', () => {
    const keyPem = ca.run(['pkey', '-in', rsa.root.keyFile]).toString();
    const comments = `# AZ TEST roots\n${'# (fingerprints checked by phone)\n'.repeat(200)}`;
    const bundle = `${comments}${pemOf(rsa.root.certFile)}${keyPem}${pemOf(rsa.intermediate.certFile)}`.replace(/\n/g, '\r\n');
    const store = TrustStore.fromFiles([
      { name: 'bundle.pem', bytes: text(bundle) },
      { name: 'ec-root.cer', bytes: ec.root.der },
      { name: 'again.crt', bytes: text(pemOf(rsa.root.certFile)) },
    ]);
    expect(store.problems).toEqual([]);
    expect(store.anchors.map((a) => a.sha256)).toEqual([rsa.root.cert.sha256, rsa.intermediate.cert.sha256, ec.root.cert.sha256]);
    expect(store.has(ec.root.cert)).toBe(true);
    expect(store.has(ec.signer.cert)).toBe(false);
  });

  it('reads OpenSSL TRUSTED CERTIFICATE blocks', () => {
    const trusted = ca.run(['x509', '-in', ec.root.certFile, '-trustout', '-addtrust', 'emailProtection']).toString();
    expect(trusted).toContain('BEGIN TRUSTED CERTIFICATE');
    const store = TrustStore.fromFiles([{ name: 'trusted.pem', bytes: text(trusted) }]);
    expect(store.problems).toEqual([]);
    expect(store.anchors[0]?.sha256).toBe(ec.root.cert.sha256);
  });

  it('records each unusable file and keeps the good ones', () => {
    const truncated = ec.root.der.subarray(0, 100);
    const store = TrustStore.fromFiles([
      { name: 'garbage.der', bytes: text('not a certificate at all') },
      { name: 'truncated.cer', bytes: truncated },
      { name: 'key-only.pem', bytes: text(ca.run(['pkey', '-in', ec.root.keyFile]).toString()) },
      { name: 'huge.pem', bytes: new Uint8Array(MAX_TRUST_FILE_SIZE + 1) },
      { name: 'good.pem', bytes: text(pemOf(ec.root.certFile)) },
    ]);
    expect(store.anchors.map((a) => a.sha256)).toEqual([ec.root.cert.sha256]);
    expect(store.problems.map((p) => [p.file, p.code])).toEqual([
      ['garbage.der', 'CERTIFICATE_MALFORMED'],
      ['truncated.cer', 'CERTIFICATE_MALFORMED'],
      ['key-only.pem', 'TRUST_FILE_NO_CERTIFICATE'],
      ['huge.pem', 'TRUST_FILE_TOO_LARGE'],
    ]);
    expect(store.problems[0]!.message).toMatch(/cannot be read/);
  });

  it('a broken block inside a bundle costs only that block', () => {
    const good = pemOf(ec.root.certFile);
    const broken = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n';
    const store = TrustStore.fromFiles([{ name: 'mixed.pem', bytes: text(broken + good) }]);
    expect(store.anchors).toHaveLength(1);
    expect(store.problems).toMatchObject([{ file: 'mixed.pem', code: 'CERTIFICATE_MALFORMED' }]);
  });
});
