import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../encoding/pem.js';
import { finFromSerialNumber, voenFromOrganizationalUnit } from './az-identity.js';
import { Certificate } from './certificate.js';
import { buildHierarchy, EXT, OpensslCa, type Issued, type TestHierarchy } from './openssl-ca.test.js';

const ca = new OpensslCa();
afterAll(() => ca.dispose());
let ec: TestHierarchy;
beforeAll(() => {
  ec = buildHierarchy(ca, 'EC');
});

function person(subject: string, extra: string[] = []): Issued {
  return ca.issue('person', { subject, issuer: ec.intermediate, extensions: [...EXT.signer, ...extra] });
}

describe('the Azerbaijani identity in a certificate subject (AZ-ESIGN.md §3)', () => {
  it('citizen: FIN from serialNumber, names, country', () => {
    const cert = person('/C=AZ/CN=TEST AYSEL MƏMMƏDOVA RƏŞİD QIZI/SN=MƏMMƏDOVA/GN=AYSEL/serialNumber=5ABCD12').cert;
    expect(cert.identity).toEqual({
      commonName: 'TEST AYSEL MƏMMƏDOVA RƏŞİD QIZI', givenName: 'AYSEL', surname: 'MƏMMƏDOVA',
      fin: '5ABCD12', serialNumber: '5ABCD12', country: 'AZ', certificateType: 'citizen',
    });
  });

  it('business: VÖEN from OU=TIN:, organisation, title, e-mail from subjectAltName', () => {
    const cert = person(
      '/C=AZ/O=TEST TOYPAY MMC/OU=Maliyyə şöbəsi/OU=TIN:1703177461/title=Hüquqi Təmsilçi/CN=TEST FƏRİD İSMAYILZADƏ/SN=İSMAYILZADƏ/GN=FƏRİD/serialNumber=56MKFRY/emailAddress=legacy@example.az',
      ['subjectAltName = email:ferid@toypay.example.az'],
    ).cert;
    expect(cert.identity).toMatchObject({
      fin: '56MKFRY', voen: '1703177461', organization: 'TEST TOYPAY MMC', organizationalUnit: 'Maliyyə şöbəsi',
      title: 'Hüquqi Təmsilçi', email: 'ferid@toypay.example.az', certificateType: 'business',
    });
  });

  it('ETSI-style FIN, e-mail from the subject when there is no SAN, VÖEN without O is still business', () => {
    const cert = person('/C=AZ/OU=TIN:1234567890/CN=TEST Fərdi Sahibkar/serialNumber=PNOAZ-7QW3E9R/emailAddress=sahibkar@example.az').cert;
    expect(cert.identity).toMatchObject({ fin: '7QW3E9R', serialNumber: 'PNOAZ-7QW3E9R', voen: '1234567890', email: 'sahibkar@example.az', certificateType: 'business' });
    expect(cert.identity.organization).toBeUndefined();
  });

  it('keeps a serialNumber that is not a FIN raw and decides nothing from it', () => {
    const cert = person('/C=AZ/CN=TEST Unknown/serialNumber=IDCAZ-12345678').cert;
    expect(cert.identity).toMatchObject({ serialNumber: 'IDCAZ-12345678', certificateType: 'unknown' });
    expect(cert.identity.fin).toBeUndefined();
  });

  it('accepts exactly the FIN and VÖEN shapes', () => {
    expect(finFromSerialNumber('5ABCD12')).toBe('5ABCD12');
    expect(finFromSerialNumber(' 5ABCD12 ')).toBe('5ABCD12');
    expect(finFromSerialNumber('PNOAZ-5ABCD12')).toBe('5ABCD12');
    for (const bad of ['5abcd12', '5ABCD1', '5ABCD123', 'PNOAZ-5ABCD1', 'PNOTR-5ABCD12', '5ABCÇ12', undefined]) {
      expect(finFromSerialNumber(bad), String(bad)).toBeUndefined();
    }
    expect(voenFromOrganizationalUnit('TIN:1703177461')).toBe('1703177461');
    expect(voenFromOrganizationalUnit('tin: 1703177461')).toBe('1703177461');
    for (const bad of ['TIN:170317746', 'TIN:17031774610', 'VÖEN:1703177461', '1703177461', 'TIN:17031774a1']) {
      expect(voenFromOrganizationalUnit(bad), bad).toBeUndefined();
    }
  });
});

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/pki/az-roots/end-entity-samples/sima-mobile-ee-AZNIMCA01-2022.pem');

describe('the public SİMA sample certificate (read in place; see shared/pki/az-roots/SOURCES.md)', () => {
  // shared/pki/az-roots/SOURCES.md describes this sample, but the file itself was not provided with shared/:
  // the test says so in its name and on the console instead of passing silently.
  const missing = existsSync(SAMPLE) ? '' : ' [skipped: shared/pki/az-roots/end-entity-samples/ is not on this machine]';
  if (missing) console.warn(`az-identity: SİMA sample test${missing}`);
  it.skipIf(!!missing)(`reads the FIN, the names and the profile of a real SİMA certificate${missing}`, () => {
    const cert = Certificate.fromDer(decodePem(readFileSync(SAMPLE, 'utf8'))[0]!.der);
    expect(cert.sha256).toBe('c63e11a95b13e1f3688154027234f413070a0e230deef4576ed1d9f4a872f3c8');
    expect(cert.serialNumberHex).toBe('1fd1a6c0cc6ff4370000000d331d');
    expect(cert.identity).toMatchObject({ fin: '56MKFRY', givenName: 'FƏRİD', surname: 'İSMAYILZADƏ', country: 'AZ', certificateType: 'citizen' });
    expect(cert.identity.commonName).toBe('FƏRİD İSMAYILZADƏ İSRAFİL OĞLU');
    expect(cert.issuer.toString()).toBe('CN=Azerbaijan National Issuing Mobile CA01,O=National Certificate Services Center of Azerbaijan,C=AZ');
    expect(cert.notAfter.toISOString()).toBe('2025-03-13T06:41:22.000Z');
    expect([...cert.keyUsage!]).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(cert.extendedKeyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.4', '1.3.6.1.4.1.311.10.3.12']));
    expect(cert.certificatePolicies).toContain('1.3.6.1.4.1.32843.7.1');
    expect(cert.unknownCriticalExtensions).toEqual([]);
  });
});
