/**
 * The TEST SİMA part of `imzala pki demo` (AZ-ESIGN.md §3): a mobile issuing CA under the TEST PCA, like
 * "Azerbaijan National Issuing Mobile CA01", with an EC P-384 key signing ecdsa-with-SHA384, and a citizen with an
 * EC P-256 key as the SİMA app holds one. The phone simulator signs as this citizen.
 */
import { issueCrl } from './crl-builder.js';
import {
  describeKeySpec,
  EXTENDED_KEY_USAGE_OIDS,
  generateKeyPair,
  issueCertificate,
  type KeySpec,
} from './certificate-builder.js';
import { DEMO_TEST_POLICY_OID, type DemoEntity, type DemoHierarchy } from './demo-hierarchy.js';

/** FIN of the TEST SİMA citizen (7 characters, contains TEST). */
export const DEMO_SIMA_FIN = '1TEST06';

export interface SimaDemo {
  /** 'mobile-ca': "TEST Azerbaijan National Issuing Mobile CA01". */
  mobileCa: DemoEntity;
  /** 'sima-citizen': EC P-256, issued by the mobile CA. */
  citizen: DemoEntity;
  /** The mobile CA's CRL (empty). */
  mobileCaCrl: Uint8Array;
}

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;
const CA_KEY: KeySpec = { algorithm: 'EC', namedCurve: 'P-384' };
const CITIZEN_KEY: KeySpec = { algorithm: 'EC', namedCurve: 'P-256' };

/** Issues the mobile CA (under `hierarchy.pca`) and the SİMA citizen, for the hierarchy's `now` and URLs. */
export async function createSimaDemo(hierarchy: DemoHierarchy, options: { namePrefix?: string } = {}): Promise<SimaDemo> {
  const prefix = options.namePrefix ?? 'TEST';
  const { now, crlBaseUrl: base } = hierarchy;
  const at = (offset: number) => new Date(now.getTime() + offset);
  const [caKeys, citizenKeys] = await Promise.all([generateKeyPair(CA_KEY), generateKeyPair(CITIZEN_KEY)]);
  const pca = { certificate: hierarchy.pca.certificate, privateKeyPkcs8: hierarchy.pca.privateKeyPkcs8! };

  const caCn = `${prefix} Azerbaijan National Issuing Mobile CA01`;
  const ca = await issueCertificate({
    subject: [
      { type: 'C', value: 'AZ' },
      { type: 'O', value: `${prefix} National Certificate Services Center of Azerbaijan` },
      { type: 'CN', value: caCn },
    ],
    issuer: pca,
    keyPair: caKeys,
    notBefore: at(-5 * YEAR),
    notAfter: at(10 * YEAR),
    basicConstraints: { ca: true, pathLength: 0, critical: true },
    keyUsage: { usages: ['keyCertSign', 'cRLSign'], critical: true },
    certificatePolicies: ['2.5.29.32.0'],
    crlDistributionPoints: [`${base}/pca.crl`],
    authorityInfoAccess: { caIssuers: [`${base}/pca.crt`] },
  });

  const surname = `${prefix} RZAYEVA`;
  const givenName = 'LEYLA';
  const commonName = `${surname} ${givenName} ${prefix} QIZI`;
  const citizen = await issueCertificate({
    subject: [
      { type: 'C', value: 'AZ' },
      { type: 'CN', value: commonName },
      { type: 'SN', value: surname },
      { type: 'GN', value: givenName },
      { type: 'serialNumber', value: DEMO_SIMA_FIN },
    ],
    issuer: ca,
    keyPair: citizenKeys,
    signature: { hash: 'SHA-384' },
    notBefore: at(-DAY),
    notAfter: at(3 * YEAR),
    basicConstraints: { ca: false },
    keyUsage: { usages: ['digitalSignature', 'nonRepudiation'], critical: true },
    extendedKeyUsage: [EXTENDED_KEY_USAGE_OIDS.emailProtection, EXTENDED_KEY_USAGE_OIDS.documentSigning],
    // The real SİMA policy (1.3.6.1.4.1.32843.7.1) must not appear in a TEST certificate: the demo's private one.
    certificatePolicies: [DEMO_TEST_POLICY_OID],
    crlDistributionPoints: [`${base}/mobile-ca.crl`],
    authorityInfoAccess: { caIssuers: [`${base}/mobile-ca.crt`], ocsp: [`${base}/ocsp`] },
  });
  const mobileCaCrl = await issueCrl({ issuer: ca, thisUpdate: at(-60 * 60 * 1000), nextUpdate: hierarchy.crlNextUpdate, signature: { hash: 'SHA-384' } });
  return {
    mobileCa: { name: 'mobile-ca', commonName: caCn, certificate: ca.certificate, privateKeyPkcs8: ca.privateKeyPkcs8, keyAlgorithm: describeKeySpec(CA_KEY) },
    citizen: { name: 'sima-citizen', commonName, certificate: citizen.certificate, privateKeyPkcs8: citizen.privateKeyPkcs8, keyAlgorithm: describeKeySpec(CITIZEN_KEY) },
    mobileCaCrl,
  };
}
