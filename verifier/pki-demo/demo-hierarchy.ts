/**
 * The TEST certificate hierarchy behind `imzala pki demo`: the shape of the Azerbaijani national PKI
 * (AZ-ESIGN.md §3: RCA -> PCA -> ICA -> people and companies, FIN / VÖEN in the subject), with every
 * name saying TEST so no one mistakes it for the real thing. Built in memory with pkijs + WebCrypto.
 */
import { certificateSerialNumber, issueCrl } from './crl-builder.js';
import {
  ANY_POLICY_OID,
  describeKeySpec,
  EXTENDED_KEY_USAGE_OIDS,
  generateKeyPair,
  issueCertificate,
  type CertificateSpec,
  type IssuedCertificate,
  type KeySpec,
} from './certificate-builder.js';
import type { NameAttribute } from './x509-name.js';

/**
 * The certificate policy of the TEST end entities. The real operator's policy (1.3.6.1.4.1.32843.7.1)
 * must not appear in test certificates, so this is a private OID under the UUID arc 2.25 (ITU-T X.667),
 * which needs no registration and cannot collide with a real policy.
 */
export const DEMO_TEST_POLICY_OID = '2.25.332700244766099329677279929909234020402';

/** FINs of the demo people: 7 characters [0-9A-Z], each containing TEST. */
export const DEMO_FINS = { citizen: '1TEST01', business: '1TEST02', expired: '1TEST03', revoked: '1TEST04' } as const;

/** The demo company's VÖEN (10 digits; not a real taxpayer number). */
export const DEMO_VOEN = '9900000001';

export const DEFAULT_CRL_BASE_URL = 'http://crl.imzala.test';

export type DemoEndEntityName = keyof typeof DEMO_FINS;

export interface DemoEntity {
  /** File base name: 'rca', 'pca', 'ica', 'citizen', 'business', 'expired', 'revoked'. */
  name: string;
  /** The subject CN (also the PKCS#12 friendlyName). */
  commonName: string;
  certificate: Uint8Array;
  /** PKCS#8 DER, unencrypted. Present for every demo entity, CAs included (tests issue more with them). */
  privateKeyPkcs8?: Uint8Array;
  /** 'RSA-3072', 'RSA-2048', 'EC-P-256'. */
  keyAlgorithm: string;
}

export interface DemoHierarchy {
  rca: DemoEntity;
  pca: DemoEntity;
  ica: DemoEntity;
  citizen: DemoEntity;
  business: DemoEntity;
  expired: DemoEntity;
  revoked: DemoEntity;
  /** The ICA's CRL: lists `revoked` (keyCompromise, a day before `now`). */
  icaCrl: Uint8Array;
  /** The PCA's CRL (empty): revocation data for the ICA certificate. */
  pcaCrl: Uint8Array;
  /** The RCA's CRL (empty): revocation data for the PCA certificate. */
  rcaCrl: Uint8Array;
  /** citizen, business, expired, revoked. */
  endEntities: readonly DemoEntity[];
  /** The base of every CRL distribution point and caIssuers URL: `${crlBaseUrl}/ica.crl`, `/ica.crt`, ... */
  crlBaseUrl: string;
  /** The time the hierarchy was built for. */
  now: Date;
  /** nextUpdate of the three CRLs: after it, verifiers treat them as stale. */
  crlNextUpdate: Date;
}

export interface DemoOptions {
  /** Marks every CN and O; default 'TEST'. */
  namePrefix?: string;
  /** The moment "now" for validity periods and CRLs; default the current time. */
  now?: Date;
  /** Base URL of CRL distribution points and AIA caIssuers; default 'http://crl.imzala.test' (.test is reserved). */
  crlBaseUrl?: string;
  /** nextUpdate of the CRLs, in days after `now`; default 365 so a demo directory stays usable for a year. */
  crlValidityDays?: number;
}

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

/**
 * Key sizes. RSA 3072 for RCA and PCA as a real root would have; the ICA and the people get 2048
 * (tokens are commonly RSA 2048), the business signer EC P-256 like SİMA. Measured on the 2-core
 * machine: keys are generated in parallel and the whole hierarchy takes about 1-2 s.
 */
const KEYS: Readonly<Record<'rca' | 'pca' | 'ica' | DemoEndEntityName, KeySpec>> = {
  rca: { algorithm: 'RSA', modulusLength: 3072 },
  pca: { algorithm: 'RSA', modulusLength: 3072 },
  ica: { algorithm: 'RSA', modulusLength: 2048 },
  citizen: { algorithm: 'RSA', modulusLength: 2048 },
  business: { algorithm: 'EC', namedCurve: 'P-256' },
  expired: { algorithm: 'RSA', modulusLength: 2048 },
  revoked: { algorithm: 'EC', namedCurve: 'P-256' },
};

interface Person {
  surname: string;
  givenName: string;
  /** "OĞLU" (son of) or "QIZI" (daughter of), after the father's name. */
  patronymic: string;
  email: string;
}

const PEOPLE: Readonly<Record<DemoEndEntityName, Person>> = {
  citizen: { surname: 'ƏLİYEV', givenName: 'VÜQAR', patronymic: 'OĞLU', email: 'vuqar.aliyev@example.test' },
  business: { surname: 'MƏMMƏDOVA', givenName: 'AYSEL', patronymic: 'QIZI', email: 'aysel.mammadova@example.test' },
  expired: { surname: 'HƏSƏNOV', givenName: 'ELŞƏN', patronymic: 'OĞLU', email: 'elshan.hasanov@example.test' },
  revoked: { surname: 'QULİYEVA', givenName: 'GÜNAY', patronymic: 'QIZI', email: 'gunay.guliyeva@example.test' },
};

function entity(name: string, commonName: string, keySpec: KeySpec, issued: IssuedCertificate): DemoEntity {
  return {
    name,
    commonName,
    certificate: issued.certificate,
    privateKeyPkcs8: issued.privateKeyPkcs8,
    keyAlgorithm: describeKeySpec(keySpec),
  };
}

/** Builds the whole TEST hierarchy in memory. */
export async function createDemoHierarchy(options: DemoOptions = {}): Promise<DemoHierarchy> {
  const prefix = options.namePrefix ?? 'TEST';
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);
  const at = (offset: number) => new Date(now.getTime() + offset);
  const base = (options.crlBaseUrl ?? DEFAULT_CRL_BASE_URL).replace(/\/+$/, '');
  const nextUpdate = at((options.crlValidityDays ?? 365) * DAY);

  // Key generation dominates the time; RSA prime search runs on WebCrypto's worker threads in parallel.
  const names = Object.keys(KEYS) as (keyof typeof KEYS)[];
  const keyPairs = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await generateKeyPair(KEYS[name])] as const)),
  ) as Record<keyof typeof KEYS, CryptoKeyPair>;

  const organization = `${prefix} National Certificate Services Center of Azerbaijan`;
  const caName = (cn: string): NameAttribute[] => [
    { type: 'C', value: 'AZ' },
    { type: 'O', value: organization },
    { type: 'CN', value: cn },
  ];
  const caUsage = { usages: ['keyCertSign', 'cRLSign'] as const, critical: true };

  const rcaCn = `${prefix} AZ Root Authority (RCA)`;
  const rca = await issueCertificate({
    subject: caName(rcaCn),
    keyPair: keyPairs.rca,
    notBefore: at(-10 * YEAR),
    notAfter: at(25 * YEAR),
    basicConstraints: { ca: true, critical: true },
    keyUsage: caUsage,
  });

  const pcaCn = `${prefix} AZ Policy Authority (PCA)`;
  const pca = await issueCertificate({
    subject: caName(pcaCn),
    issuer: rca,
    keyPair: keyPairs.pca,
    notBefore: at(-9 * YEAR),
    notAfter: at(20 * YEAR),
    basicConstraints: { ca: true, pathLength: 1, critical: true },
    keyUsage: caUsage,
    certificatePolicies: [ANY_POLICY_OID],
    crlDistributionPoints: [`${base}/rca.crl`],
    authorityInfoAccess: { caIssuers: [`${base}/rca.crt`] },
  });

  const icaCn = `${prefix} AZ E-Government Authority (ICA)`;
  const ica = await issueCertificate({
    subject: caName(icaCn),
    issuer: pca,
    keyPair: keyPairs.ica,
    notBefore: at(-8 * YEAR),
    notAfter: at(12 * YEAR),
    // The ICA issues only end entities.
    basicConstraints: { ca: true, pathLength: 0, critical: true },
    keyUsage: caUsage,
    certificatePolicies: [ANY_POLICY_OID],
    crlDistributionPoints: [`${base}/pca.crl`],
    authorityInfoAccess: { caIssuers: [`${base}/pca.crt`] },
  });

  const person = async (
    name: DemoEndEntityName,
    validity: { notBefore: Date; notAfter: Date },
    business?: { title: string; organization: string; voen: string },
  ): Promise<DemoEntity> => {
    const p = PEOPLE[name];
    const surname = `${prefix} ${p.surname}`;
    const commonName = `${surname} ${p.givenName} ${prefix} ${p.patronymic}`;
    const subject: NameAttribute[] = [
      { type: 'C', value: 'AZ' },
      { type: 'CN', value: commonName },
      { type: 'SN', value: surname },
      { type: 'GN', value: p.givenName },
      { type: 'serialNumber', value: DEMO_FINS[name] },
      ...(business
        ? [
            { type: 'title', value: business.title },
            { type: 'O', value: business.organization },
            { type: 'OU', value: `TIN:${business.voen}` },
          ]
        : []),
    ];
    const spec: CertificateSpec = {
      subject,
      issuer: ica,
      keyPair: keyPairs[name],
      ...validity,
      basicConstraints: { ca: false },
      keyUsage: { usages: ['digitalSignature', 'nonRepudiation'], critical: true },
      extendedKeyUsage: [EXTENDED_KEY_USAGE_OIDS.emailProtection, EXTENDED_KEY_USAGE_OIDS.documentSigning],
      certificatePolicies: [DEMO_TEST_POLICY_OID],
      subjectAltName: { email: [p.email] },
      crlDistributionPoints: [`${base}/ica.crl`],
      authorityInfoAccess: { caIssuers: [`${base}/ica.crt`] },
    };
    return entity(name, commonName, KEYS[name], await issueCertificate(spec));
  };

  const current = { notBefore: at(-DAY), notAfter: at(3 * YEAR) };
  const citizen = await person('citizen', current);
  const business = await person('business', current, {
    title: `${prefix} Hüquqi Təmsilçi`,
    organization: `${prefix} Nümunə MMC`,
    voen: DEMO_VOEN,
  });
  // Valid only in the past: signatures made with it now are out of its validity period.
  const expired = await person('expired', { notBefore: at(-4 * YEAR), notAfter: at(-YEAR) });
  const revoked = await person('revoked', { notBefore: at(-60 * DAY), notAfter: at(3 * YEAR) });

  // thisUpdate an hour back, so "now" is inside every CRL's window and after the revocation.
  const crlWindow = { thisUpdate: at(-60 * 60 * 1000), nextUpdate };
  const icaCrl = await issueCrl({
    issuer: ica,
    ...crlWindow,
    revoked: [{ serialNumber: certificateSerialNumber(revoked.certificate), revocationDate: at(-DAY), reason: 'keyCompromise' }],
  });
  const pcaCrl = await issueCrl({ issuer: pca, ...crlWindow });
  const rcaCrl = await issueCrl({ issuer: rca, ...crlWindow });

  return {
    rca: entity('rca', rcaCn, KEYS.rca, rca),
    pca: entity('pca', pcaCn, KEYS.pca, pca),
    ica: entity('ica', icaCn, KEYS.ica, ica),
    citizen,
    business,
    expired,
    revoked,
    icaCrl,
    pcaCrl,
    rcaCrl,
    endEntities: [citizen, business, expired, revoked],
    crlBaseUrl: base,
    now,
    crlNextUpdate: nextUpdate,
  };
}
