/**
 * Writes the TEST hierarchy to a directory (`imzala pki demo DIR`): the trust anchor on its own under
 * trust/, intermediates, each person's certificate, key and .p12, the CRLs, and a README.txt that says
 * what each file is. The directory doubles as the CAs' web site: serve it at `crlBaseUrl` and every
 * CRL distribution point and caIssuers URL in the certificates resolves.
 */
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { digest } from '../../core/crypto/hash.js';
import { toFingerprint } from '../../core/encoding/hex.js';
import { encodePem } from '../../core/encoding/pem.js';
import { ImzalaError } from '../../core/errors.js';
import { writePkcs12 } from '../../core/keys/pkcs12.js';
import { PKI_DEMO_DIR_NOT_EMPTY } from './codes.js';
import { createSimaDemo, DEMO_SIMA_FIN, type SimaDemo } from './sima-demo.js';
import {
  createDemoHierarchy,
  DEMO_FINS,
  DEMO_TEST_POLICY_OID,
  DEMO_VOEN,
  type DemoEntity,
  type DemoHierarchy,
  type DemoOptions,
} from './demo-hierarchy.js';

export interface WriteDemoOptions extends DemoOptions {
  /** Password of every .p12 file; default 'test'. */
  p12Password?: string;
}

export interface WrittenDemo {
  /** Paths of the written files, relative to the directory, '/'-separated. */
  files: string[];
  hierarchy: DemoHierarchy;
  /** The TEST SİMA mobile CA and citizen (files mobile-ca.*, sima-chain.pem, sima-citizen.*). */
  sima: SimaDemo;
}

/** The first line of README.txt; a directory starting with it may be written over. */
const README_MARKER = 'imzala TEST PKI';

async function isReusable(dir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
  if (entries.length === 0) return true;
  try {
    return (await readFile(join(dir, 'README.txt'), 'utf8')).startsWith(README_MARKER);
  } catch {
    return false;
  }
}

const fingerprint = (der: Uint8Array) => toFingerprint(digest('SHA-256', der));

function readme(h: DemoHierarchy, sima: SimaDemo, password: string): string {
  const line = (file: string, what: string) => `  ${file.padEnd(22)} ${what}`;
  const person = (e: DemoEntity, what: string) => [
    line(`${e.name}.pem`, `${what}: "${e.commonName}" (${e.keyAlgorithm})`),
    line(`${e.name}.key.pem`, 'its private key, PKCS#8 PEM, NOT encrypted'),
    line(`${e.name}.p12`, `key + certificate + chain (${e.name === 'sima-citizen' ? 'mobile CA' : 'ICA'}, PCA), password "${password}", friendlyName = CN`),
  ];
  return [
    `${README_MARKER} (written by \`imzala pki demo\`)`,
    '',
    'HƏR ŞEY TESTDİR: bu sertifikatlar və açarlar yalnız sınaq üçündür, real imza üçün deyil.',
    'EVERYTHING HERE IS TEST: these certificates and keys are for trying imzala out, never for real signatures.',
    'No real certification authority issued them; every name in them says TEST. Private keys are not secret.',
    '',
    `Made for ${h.now.toISOString()}. The shape follows the Azerbaijani national PKI:`,
    'RCA -> PCA -> ICA -> people and companies (FIN in serialNumber, VÖEN in OU=TIN:...).',
    `End-entity certificates carry the private TEST policy ${DEMO_TEST_POLICY_OID}, not the real operator's.`,
    '',
    'Files',
    line('trust/rca.pem', `the only trust anchor: "${h.rca.commonName}"`),
    line('pca.pem, ica.pem', 'intermediate CAs (PEM); pca.crt / ica.crt / rca.crt are the same in DER'),
    line('chain.pem', 'ICA then PCA: the chain to send with a signature'),
    line('ica.crl', `the ICA's CRL (DER); lists revoked (keyCompromise)`),
    line('pca.crl, rca.crl', 'empty CRLs of the PCA and RCA (revocation data for the CA certificates)'),
    ...person(h.citizen, `citizen, FIN ${DEMO_FINS.citizen}`),
    ...person(h.business, `business signer, FIN ${DEMO_FINS.business}, VÖEN ${DEMO_VOEN}`),
    ...person(h.expired, `expired (valid only in the past), FIN ${DEMO_FINS.expired}`),
    ...person(h.revoked, `revoked (listed in ica.crl), FIN ${DEMO_FINS.revoked}`),
    line('mobile-ca.pem', `the SİMA-like issuing CA under the PCA: "${sima.mobileCa.commonName}" (${sima.mobileCa.keyAlgorithm}); .crt in DER`),
    line('mobile-ca.crl', 'its CRL (empty)'),
    line('sima-chain.pem', 'mobile CA then PCA: the chain of the SİMA citizen'),
    ...person(sima.citizen, `SİMA citizen (what the SİMA phone simulator signs with), FIN ${DEMO_SIMA_FIN}`),
    '',
    `The CRLs are current until ${h.crlNextUpdate.toISOString()}; run \`imzala pki demo\` again for fresh ones.`,
    `CRL distribution points and caIssuers URLs point at ${h.crlBaseUrl}/<name>.crl and .crt:`,
    'serve this directory at that address and they resolve (.test names never resolve on the internet).',
    '',
    'Use',
    `  PASS=${password} imzala sign doc.pdf --out s.pdf --p12 DIR/citizen.p12 --pass-env PASS`,
    '  imzala verify s.pdf --trust DIR/trust',
    '  openssl verify -CAfile DIR/trust/rca.pem -untrusted DIR/chain.pem DIR/citizen.pem',
    '',
    'SHA-256 fingerprints',
    ...[h.rca, h.pca, h.ica, ...h.endEntities, sima.mobileCa, sima.citizen].map((e) => `  ${e.name.padEnd(9)} ${fingerprint(e.certificate)}`),
    '',
  ].join('\n');
}

/**
 * Creates the TEST hierarchy and writes it to `dir` (created when missing). Refuses a non-empty
 * directory that is not an earlier demo directory (ImzalaError PKI_DEMO_DIR_NOT_EMPTY).
 */
export async function writeDemoHierarchy(dir: string, options: WriteDemoOptions = {}): Promise<WrittenDemo> {
  if (!(await isReusable(dir))) {
    throw new ImzalaError(PKI_DEMO_DIR_NOT_EMPTY, `${dir} is not empty and holds no earlier TEST PKI`, { dir });
  }
  const password = options.p12Password ?? 'test';
  const hierarchy = await createDemoHierarchy(options);
  const sima = await createSimaDemo(hierarchy, options);
  const { rca, pca, ica } = hierarchy;
  const pem = (e: DemoEntity) => encodePem('CERTIFICATE', e.certificate);

  // README.txt first: it marks the directory as ours, so a run interrupted halfway can be repeated.
  const files: { path: string; content: string | Uint8Array; secret?: boolean }[] = [
    { path: 'README.txt', content: readme(hierarchy, sima, password) },
    { path: 'trust/rca.pem', content: pem(rca) },
    { path: 'rca.crt', content: rca.certificate },
    { path: 'pca.pem', content: pem(pca) },
    { path: 'pca.crt', content: pca.certificate },
    { path: 'ica.pem', content: pem(ica) },
    { path: 'ica.crt', content: ica.certificate },
    { path: 'chain.pem', content: pem(ica) + pem(pca) },
    { path: 'rca.crl', content: hierarchy.rcaCrl },
    { path: 'pca.crl', content: hierarchy.pcaCrl },
    { path: 'ica.crl', content: hierarchy.icaCrl },
    { path: 'mobile-ca.pem', content: pem(sima.mobileCa) },
    { path: 'mobile-ca.crt', content: sima.mobileCa.certificate },
    { path: 'mobile-ca.crl', content: sima.mobileCaCrl },
    { path: 'sima-chain.pem', content: pem(sima.mobileCa) + pem(pca) },
  ];
  for (const person of [...hierarchy.endEntities, sima.citizen]) {
    const key = person.privateKeyPkcs8!;
    const issuing = person === sima.citizen ? sima.mobileCa : ica;
    files.push(
      { path: `${person.name}.pem`, content: pem(person) },
      {
        path: `${person.name}.key.pem`,
        // Text before the armour is allowed (RFC 7468) and ignored by OpenSSL: say what this is.
        content: `TEST key of the imzala demo "${person.name}": not secret, never use it for real signatures.\n${encodePem('PRIVATE KEY', key)}`,
        secret: true,
      },
      {
        path: `${person.name}.p12`,
        content: await writePkcs12(
          { privateKeyPkcs8: key, certificate: person.certificate, chain: [issuing.certificate, pca.certificate], friendlyName: person.commonName },
          password,
          // OpenSSL's default count: the same key lies unencrypted next to it, so more would only cost time.
          { iterations: 2048 },
        ),
        secret: true,
      },
    );
  }

  for (const file of files) {
    const target = join(dir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    // Private keys get owner-only permissions out of habit, even TEST ones.
    await writeFile(target, file.content, file.secret ? { mode: 0o600 } : {});
    if (file.secret) await chmod(target, 0o600);
  }
  return { files: files.map((f) => f.path), hierarchy, sima };
}
