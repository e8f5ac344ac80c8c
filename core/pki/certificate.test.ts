import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../encoding/hex.js';
import { decodePem } from '../encoding/pem.js';
import { isImzalaError } from '../errors.js';
import { Certificate, MAX_CERTIFICATE_SIZE } from './certificate.js';
import { buildHierarchy, DAY, EXT, OpensslCa, type TestHierarchy } from './openssl-ca.test.js';

const ca = new OpensslCa();
afterAll(() => ca.dispose());
let rsa: TestHierarchy;
let ec: TestHierarchy;

beforeAll(() => {
  rsa = buildHierarchy(ca, 'RSA');
  ec = buildHierarchy(ca, 'EC');
});

function malformedReason(bytes: Uint8Array): string {
  try {
    Certificate.fromDer(bytes);
  } catch (e) {
    if (isImzalaError(e) && e.code === 'CERTIFICATE_MALFORMED') return String(e.details.reason);
    throw e;
  }
  throw new Error('parsed');
}

/** openssl's answer for one certificate file. */
function openssl(file: string, ...args: string[]): string {
  return ca.run(['x509', '-in', file, '-noout', ...args]).toString().trim();
}

describe('Certificate.fromDer reads what openssl wrote, as openssl reads it', () => {
  it('serial, names, validity, fingerprint, key and signed bytes (RSA and EC)', () => {
    for (const issued of [rsa.signer, rsa.intermediate, ec.signer, ec.root]) {
      const cert = issued.cert;
      expect(cert.version).toBe(3);
      expect(cert.serialNumberHex.toUpperCase()).toBe(openssl(issued.certFile, '-serial').replace('serial=', '').replace(/^0+(?=.)/, ''));
      expect(cert.sha256.toUpperCase()).toBe(openssl(issued.certFile, '-fingerprint', '-sha256').split('=')[1]!.replace(/:/g, ''));
      expect(`subject=${cert.subject.toString()}`).toBe(openssl(issued.certFile, '-subject', '-nameopt', 'RFC2253,-esc_msb'));
      expect(`issuer=${cert.issuer.toString()}`).toBe(openssl(issued.certFile, '-issuer', '-nameopt', 'RFC2253,-esc_msb'));
      expect(cert.notBefore.getTime()).toBe(Date.parse(openssl(issued.certFile, '-startdate').split('=')[1]!));
      expect(cert.notAfter.getTime()).toBe(Date.parse(openssl(issued.certFile, '-enddate').split('=')[1]!));
      const spki = decodePem(ca.run(['x509', '-in', issued.certFile, '-noout', '-pubkey']).toString())[0]!.der;
      expect(toHex(cert.subjectPublicKeyInfo)).toBe(toHex(spki));
      // The TBSCertificate is the DER's first element, byte for byte.
      expect(toHex(cert.der.subarray(4, 4 + cert.tbs.length))).toBe(toHex(cert.tbs));
    }
  });

  it('the extensions imzala acts on', () => {
    const signer = ec.signer.cert;
    expect([...signer.keyUsage!]).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(signer.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.4', '1.3.6.1.4.1.311.10.3.12']);
    expect(signer.certificatePolicies).toEqual(['1.3.6.1.4.1.32843.7.1']);
    expect(signer.basicConstraints).toEqual({ ca: false });
    expect(signer.isCa).toBe(false);
    expect(signer.extension('2.5.29.15')?.critical).toBe(true);
    const ski = openssl(ec.intermediate.certFile, '-ext', 'subjectKeyIdentifier').split('\n')[1]!.trim().replace(/:/g, '').toLowerCase();
    expect(toHex(ec.intermediate.cert.subjectKeyIdentifier!)).toBe(ski);
    expect(toHex(signer.authorityKeyIdentifier!.keyIdentifier!)).toBe(ski);
    expect(ec.intermediate.cert.basicConstraints).toEqual({ ca: true, pathLenConstraint: 0 });
    expect(ec.root.cert.isSelfIssued).toBe(true);
    expect(signer.isSelfIssued).toBe(false);
    expect(signer.unknownCriticalExtensions).toEqual([]);
  });

  it('subjectAltName, CRL distribution points and authority information access', () => {
    const issued = ca.issue('urls', {
      subject: '/C=AZ/CN=TEST URLs/serialNumber=1AB2C3D', issuer: ec.intermediate,
      extensions: [
        ...EXT.signer,
        'subjectAltName = email:aysel@example.az, DNS:imza.example.az, IP:192.0.2.7, URI:https://example.az/x, dirName:san_dir, otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.az',
        'crlDistributionPoints = URI:http://mobile.e-imza.test/cdpaia/AZNIMCA01.crl, URI:http://mobile2.e-imza.test/cdpaia/AZNIMCA01.crl',
        'authorityInfoAccess = OCSP;URI:http://mobile.e-imza.test/ocsp, caIssuers;URI:http://mobile.e-imza.test/cdpaia/AZNIMCA01.crt',
        '[san_dir]', 'C = AZ', 'CN = TEST Directory Name',
      ],
    });
    const cert = issued.cert;
    expect(cert.subjectAltNames.map((n) => n.type)).toEqual(['rfc822Name', 'dNSName', 'iPAddress', 'uniformResourceIdentifier', 'directoryName', 'otherName']);
    expect(cert.subjectAltNames[2]).toEqual({ type: 'iPAddress', bytes: Uint8Array.of(192, 0, 2, 7) });
    const dir = cert.subjectAltNames[4];
    expect(dir?.type === 'directoryName' && dir.value.toString()).toBe('CN=TEST Directory Name,C=AZ');
    expect(cert.crlDistributionPoints).toEqual(['http://mobile.e-imza.test/cdpaia/AZNIMCA01.crl', 'http://mobile2.e-imza.test/cdpaia/AZNIMCA01.crl']);
    expect(cert.ocspUrls).toEqual(['http://mobile.e-imza.test/ocsp']);
    expect(cert.caIssuersUrls).toEqual(['http://mobile.e-imza.test/cdpaia/AZNIMCA01.crt']);
    expect(cert.identity.email).toBe('aysel@example.az');
  });

  it('UTCTime before 2050 and GeneralizedTime after', () => {
    const late = ca.issue('late', {
      subject: '/CN=TEST Late', issuer: ec.intermediate, extensions: EXT.signer,
      notBefore: new Date('2049-12-31T23:59:59Z'), notAfter: new Date('2051-06-01T12:00:00Z'),
    });
    expect(late.cert.notBefore.toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(late.cert.notAfter.toISOString()).toBe('2051-06-01T12:00:00.000Z');
    expect(late.cert.isValidAt(new Date('2050-06-01T00:00:00Z'))).toBe(true);
    expect(late.cert.isValidAt(new Date(Date.now() + DAY))).toBe(false);
  });

  it('an unknown critical extension is listed', () => {
    const issued = ca.issue('unknown-ext', { subject: '/CN=TEST Unknown', issuer: ec.intermediate, extensions: [...EXT.signer, '1.2.3.4.5 = critical, ASN1:UTF8String:x'] });
    expect(issued.cert.unknownCriticalExtensions).toEqual(['1.2.3.4.5']);
  });
});

describe('CERTIFICATE_MALFORMED for anything that is not one DER certificate', () => {
  it('empty, truncated, trailing bytes, garbage', () => {
    const der = ec.signer.der;
    expect(malformedReason(new Uint8Array(0))).toBe('no bytes');
    expect(malformedReason(der.subarray(0, der.length - 1))).toMatch(/DER/);
    expect(malformedReason(Uint8Array.from([...der, 0]))).toMatch(/trailing/);
    expect(malformedReason(new TextEncoder().encode('-----BEGIN CERTIFICATE-----'))).toMatch(/DER/);
    expect(malformedReason(new Uint8Array(MAX_CERTIFICATE_SIZE + 1))).toMatch(/larger than/);
  });

  it('indefinite-length (BER) encoding', () => {
    // Re-wrap the outer SEQUENCE with an indefinite length: same content, not DER.
    const der = ec.signer.der;
    const headerLength = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
    const ber = Uint8Array.from([0x30, 0x80, ...der.subarray(headerLength), 0, 0]);
    expect(malformedReason(ber)).toMatch(/indefinite/);
  });

  it('a repeated extension, and signature algorithms that disagree', () => {
    const der = ec.signer.der.slice();
    // Turn the subjectKeyIdentifier OID (2.5.29.14) into authorityKeyIdentifier's (2.5.29.35).
    const at = findBytes(der, [0x06, 0x03, 0x55, 0x1d, 0x0e]);
    der[at + 4] = 0x23;
    expect(malformedReason(der)).toMatch(/duplicate extension 2\.5\.29\.35/);

    const rsaDer = rsa.signer.der.slice();
    // sha256WithRSAEncryption (...01 0b) inside TBSCertificate only -> sha384WithRSAEncryption (...01 0c).
    const oid = findBytes(rsaDer, [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]);
    rsaDer[oid + 10] = 0x0c;
    expect(malformedReason(rsaDer)).toMatch(/signatureAlgorithm differs/);
  });

  it('deeply nested input fails fast without exhausting the stack', () => {
    // 20 000 definite-length SEQUENCEs inside each other (about 80 KB), built inside out.
    let nested = Uint8Array.of(0x05, 0x00);
    for (let i = 0; i < 20_000; i++) {
      const n = nested.length;
      const header = n < 0x80 ? [0x30, n] : n < 0x100 ? [0x30, 0x81, n] : n < 0x10000 ? [0x30, 0x82, n >> 8, n & 0xff] : [0x30, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
      const next = new Uint8Array(header.length + n);
      next.set(header);
      next.set(nested, header.length);
      nested = next;
    }
    expect(nested.length).toBeLessThan(MAX_CERTIFICATE_SIZE);
    const started = Date.now();
    expect(malformedReason(nested)).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('random corruption never escapes as anything but CERTIFICATE_MALFORMED', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let parsed = 0;
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = (round % 2 ? rsa.signer.der : ec.intermediate.der).slice();
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        Certificate.fromDer(bytes);
        parsed++;
      } catch (e) {
        expect(isImzalaError(e) && e.code === 'CERTIFICATE_MALFORMED').toBe(true);
        refused++;
      }
    }
    expect(parsed + refused).toBe(3000);
    expect(refused).toBeGreaterThan(100);
  });
});

function findBytes(haystack: Uint8Array, needle: number[]): number {
  const at = haystack.findIndex((_, i) => needle.every((b, j) => haystack[i + j] === b));
  if (at < 0) throw new Error('pattern not found');
  return at;
}
