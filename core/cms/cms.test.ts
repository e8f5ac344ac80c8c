/**
 * CAdES-B-B build and verify, with signers that only ever see the digest (as a token or a phone does):
 * here `openssl pkeyutl` signs the pre-hashed value, so the key never enters imzala.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePem } from '../encoding/pem.js';
import { utf8Bytes } from '../encoding/bytes.js';
import { ecdsaAlgorithm, rsaPkcs1Algorithm, rsaPssAlgorithm, type SignatureAlgorithm } from '../crypto/signature-algorithms.js';
import { Certificate } from '../pki/certificate.js';
import { buildCadesSignature } from './build-signed-data.js';
import type { DigestSigner } from './digest-signer.js';
import { digestOfBytes, verifyCmsSignatures } from './verify-signed-data.js';
import { digest } from '../crypto/hash.js';
import { isImzalaError } from '../errors.js';

let dir: string;

function openssl(args: string[], input?: Uint8Array): Uint8Array {
  const r = spawnSync('openssl', args, { cwd: dir, input });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return new Uint8Array(r.stdout);
}

function pemCert(file: string): Uint8Array {
  return decodePem(readFileSync(join(dir, file), 'utf8'))[0]!.der;
}

const EXT = `[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[ee]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ee_enc]
basicConstraints=critical,CA:FALSE
keyUsage=critical,keyEncipherment
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-cms-'));
  writeFileSync(join(dir, 'ext.cnf'), EXT);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.csr', '-subj', '/C=AZ/O=TEST/CN=TEST CMS Root']);
  openssl(['x509', '-req', '-in', 'root.csr', '-key', 'root.key', '-out', 'root.pem', '-days', '3650', '-set_serial', '1',
    '-extfile', 'ext.cnf', '-extensions', 'ca']);
  let serial = 10;
  for (const [name, alg, ext] of [
    ['rsa', ['-newkey', 'rsa:2048'], 'ee'],
    ['p256', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'ee'],
    ['p384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'ee'],
    ['enc', ['-newkey', 'rsa:2048'], 'ee_enc'],
  ] as const) {
    openssl(['req', ...alg, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/C=AZ/serialNumber=1TEST0${serial}/CN=TEST ${name}`]);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', String(serial++),
      '-days', '365', '-out', `${name}.pem`, '-extfile', 'ext.cnf', '-extensions', ext]);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A signer that gets only the digest: openssl pkeyutl signs it as a pre-hashed value. */
function digestOnlySigner(name: string, algorithm: SignatureAlgorithm): DigestSigner {
  const hashName = algorithm.hash.replace('-', '').toLowerCase();
  return {
    certificate: pemCert(`${name}.pem`),
    algorithm,
    sign: async ({ digest: d }) => {
      const opts = ['-pkeyopt', `digest:${hashName}`];
      if (algorithm.scheme === 'RSA-PSS') opts.push('-pkeyopt', 'rsa_padding_mode:pss', '-pkeyopt', `rsa_pss_saltlen:${algorithm.pss!.saltLength}`);
      return openssl(['pkeyutl', '-sign', '-inkey', `${name}.key`, ...opts], d);
    },
  };
}

const content = utf8Bytes('TEST müqavilə: 1000 AZN\n');

async function verify(cms: Uint8Array, data = content, anchors = [Certificate.fromDer(pemCert('root.pem'))]) {
  return verifyCmsSignatures(cms, { anchors, time: new Date(), digestContent: digestOfBytes(data) });
}

describe.each([
  ['rsa', rsaPkcs1Algorithm('SHA-256')],
  ['rsa', rsaPkcs1Algorithm('SHA-512')],
  ['rsa', rsaPssAlgorithm('SHA-256')],
  ['p256', ecdsaAlgorithm('SHA-256')],
  ['p384', ecdsaAlgorithm('SHA-384')],
] as const)('%s key, %s', (name, algorithm) => {
  it('builds from a digest-only signer and verifies TOTAL_PASSED with signingCertificateV2', async () => {
    const signer = digestOnlySigner(name, algorithm);
    const cms = await buildCadesSignature({ signer, contentDigest: digest(algorithm.hash, content), signingTime: new Date() });
    const { signers, detached } = await verify(cms);
    expect(detached).toBe(true);
    expect(signers[0]!.indication).toBe('TOTAL_PASSED');
    expect(signers[0]!.errors).toEqual([]);
    expect(signers[0]!.signingCertificateReference).toBe('v2');
    expect(signers[0]!.claimedSigningTime).toBeInstanceOf(Date);
    // openssl, which no one here wrote, agrees.
    writeFileSync(join(dir, 'c.p7s'), cms);
    writeFileSync(join(dir, 'c.txt'), content);
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'c.p7s', '-content', 'c.txt', '-CAfile', 'root.pem',
      '-purpose', 'any', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toContain('Verification successful');
  });

  it('changed content -> TOTAL_FAILED / HASH_FAILURE', async () => {
    const cms = await buildCadesSignature({ signer: digestOnlySigner(name, algorithm), contentDigest: digest(algorithm.hash, content) });
    const { signers } = await verify(cms, utf8Bytes('TEST müqavilə: 9000 AZN\n'));
    expect(signers[0]!.indication).toBe('TOTAL_FAILED');
    expect(signers[0]!.subIndication).toBe('HASH_FAILURE');
  });
});

describe('refusals and failures', () => {
  it('refuses to build with SHA-1', async () => {
    const err = await buildCadesSignature({ signer: digestOnlySigner('rsa', rsaPkcs1Algorithm('SHA-1')), contentDigest: digest('SHA-1', content) }).catch((e) => e);
    expect(isImzalaError(err) && err.code).toBe('WEAK_ALGORITHM_REFUSED');
  });

  it('catches a signer that returns a wrong signature before anything is written', async () => {
    const signer = { ...digestOnlySigner('rsa', rsaPkcs1Algorithm('SHA-256')), sign: async () => new Uint8Array(256).fill(7) };
    const err = await buildCadesSignature({ signer, contentDigest: digest('SHA-256', content) }).catch((e) => e);
    expect(isImzalaError(err) && err.code).toBe('SIGNER_PRODUCED_INVALID_SIGNATURE');
  });

  it('a flipped bit in the signature value -> SIG_CRYPTO_FAILURE', async () => {
    const cms = await buildCadesSignature({ signer: digestOnlySigner('p256', ecdsaAlgorithm('SHA-256')), contentDigest: digest('SHA-256', content) });
    // The ECDSA value is the last OCTET STRING: flip a bit near the end of the structure.
    const bad = cms.slice();
    bad[bad.length - 3]! ^= 0x01;
    const { signers } = await verify(bad);
    expect(signers[0]!.indication).toBe('TOTAL_FAILED');
    expect(signers[0]!.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('a signer certificate without nonRepudiation/digitalSignature -> SIG_CONSTRAINTS_FAILURE', async () => {
    const cms = await buildCadesSignature({ signer: digestOnlySigner('enc', rsaPkcs1Algorithm('SHA-256')), contentDigest: digest('SHA-256', content) });
    const { signers } = await verify(cms);
    expect(signers[0]!.indication).toBe('INDETERMINATE');
    expect(signers[0]!.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
  });

  it('without the root among the anchors -> NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const cms = await buildCadesSignature({ signer: digestOnlySigner('rsa', rsaPkcs1Algorithm('SHA-256')), contentDigest: digest('SHA-256', content) });
    const { signers } = await verify(cms, content, []);
    expect(signers[0]!.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });
});
