/**
 * PKCS#12 against the tools people export their keys with: OpenSSL 3 (default and -legacy) and NSS
 * pk12util, in both directions.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, pbkdf2Sync, webcrypto } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../encoding/pem.js';
import { isImzalaError } from '../errors.js';
import { KEY_FILE_MESSAGES } from './codes.js';
import { PKCS12_LIMITS, readPkcs12, writePkcs12, type KeyBundle } from './pkcs12.js';

let dir: string;
const file = (name: string) => join(dir, name);
const run = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'] });
const openssl = (...args: string[]) => run('openssl', args);
const bytes = (name: string) => new Uint8Array(readFileSync(file(name)));
/** DER of the first PEM block of a file. */
const pemDer = (name: string) => decodePem(readFileSync(file(name), 'latin1'))[0]!.der;

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    if (isImzalaError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected an ImzalaError');
}

/** Signs with the bundle's key through WebCrypto and verifies with its certificate: the key really works. */
async function keyMatchesCertificate(bundle: KeyBundle, kind: 'RSA' | 'EC'): Promise<boolean> {
  const algorithm =
    kind === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const privateKey = await webcrypto.subtle.importKey('pkcs8', bundle.privateKeyPkcs8, algorithm, false, ['sign']);
  const data = new TextEncoder().encode('imzala');
  const signature = await webcrypto.subtle.sign(algorithm, privateKey, data);
  // The certificate's public key, extracted by openssl from the certificate we were given.
  writeFileSync(file('check.der'), bundle.certificate);
  const spki = run('openssl', ['x509', '-inform', 'DER', '-in', 'check.der', '-pubkey', '-noout']).toString();
  const publicKey = await webcrypto.subtle.importKey('spki', decodePem(spki)[0]!.der, algorithm, false, ['verify']);
  return webcrypto.subtle.verify(algorithm, publicKey, signature, data);
}

/** One MAC-less PFX holding the AuthenticatedSafe contents of several MAC-less files (same password). */
function joinWithoutMac(...files: Uint8Array[]): Uint8Array {
  const contentInfos = files.flatMap((p12) => {
    const pfx = asn1js.fromBER(p12).result as asn1js.Sequence;
    const content = ((pfx.valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed).valueBlock
      .value[0] as asn1js.OctetString;
    return (asn1js.fromBER(content.valueBlock.valueHexView).result as asn1js.Sequence).valueBlock.value;
  });
  const authSafe = new asn1js.Sequence({ value: contentInfos });
  const pfx = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' }),
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 0 },
            value: [new asn1js.OctetString({ valueHex: authSafe.toBER() })],
          }),
        ],
      }),
    ],
  });
  return new Uint8Array(pfx.toBER());
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-pkcs12-'));
  writeFileSync(
    file('ext.cnf'),
    [
      '[person]',
      'basicConstraints = CA:FALSE',
      'keyUsage = critical, digitalSignature, nonRepudiation',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  openssl('genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'root.key');
  openssl('req', '-new', '-x509', '-key', 'root.key', '-subj', '/C=AZ/O=TEST/CN=TEST Root', '-days', '30',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.pem');
  openssl('genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.key');
  openssl('genpkey', '-quiet', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key');
  for (const [name, subject] of [
    ['rsa', '/C=AZ/CN=TEST ƏLİYEV VÜQAR/serialNumber=1TEST01'],
    ['ec', '/C=AZ/CN=TEST MƏMMƏDOVA AYSEL/serialNumber=1TEST02'],
  ] as const) {
    openssl('req', '-new', '-key', `${name}.key`, '-utf8', '-subj', subject, '-out', `${name}.csr`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'root.pem', '-CAkey', 'root.key', '-days', '30',
      '-extfile', 'ext.cnf', '-extensions', 'person', '-out', `${name}.pem`);
    openssl('pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-certfile', 'root.pem',
      '-name', `TEST ${name}`, '-passout', 'pass:test', '-out', `${name}.p12`);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPkcs12: files made by OpenSSL 3 (PBES2 AES-256-CBC, SHA-256 MAC)', () => {
  it('returns the RSA key, its certificate, the chain and the friendly name', async () => {
    const bundle = await readPkcs12(bytes('rsa.p12'), 'test');
    expect(bundle.certificate).toEqual(pemDer('rsa.pem'));
    expect(bundle.chain).toEqual([pemDer('root.pem')]);
    expect(bundle.privateKeyPkcs8).toEqual(pemDer('rsa.key'));
    expect(bundle.friendlyName).toBe('TEST rsa');
    expect(await keyMatchesCertificate(bundle, 'RSA')).toBe(true);
  });

  it('returns an EC P-256 key that signs for its certificate', async () => {
    const bundle = await readPkcs12(bytes('ec.p12'), 'test');
    expect(bundle.certificate).toEqual(pemDer('ec.pem'));
    expect(bundle.chain).toEqual([pemDer('root.pem')]);
    expect(await keyMatchesCertificate(bundle, 'EC')).toBe(true);
  });

  it('picks the certificate by public key even when the chain comes first in the file', async () => {
    // -CAfile ordering: put the root before the signer with -certfile and a combined -in.
    writeFileSync(file('mixed.pem'), readFileSync(file('root.pem')).toString() + readFileSync(file('rsa.pem')));
    openssl('pkcs12', '-export', '-inkey', 'rsa.key', '-in', 'mixed.pem', '-passout', 'pass:test', '-out', 'mixed.p12');
    const bundle = await readPkcs12(bytes('mixed.p12'), 'test');
    expect(bundle.certificate).toEqual(pemDer('rsa.pem'));
    expect(bundle.chain).toEqual([pemDer('root.pem')]);
  });

  it('reads a file with an Azerbaijani (non-ASCII) password', async () => {
    openssl('pkcs12', '-export', '-inkey', 'rsa.key', '-in', 'rsa.pem', '-passout', 'pass:Şifrə-ğüöçı', '-out', 'az.p12');
    const bundle = await readPkcs12(bytes('az.p12'), 'Şifrə-ğüöçı');
    expect(bundle.certificate).toEqual(pemDer('rsa.pem'));
    expect((await errorOf(readPkcs12(bytes('az.p12'), 'Sifre-guoci'))).code).toBe('KEY_FILE_BAD_PASSWORD');
  });

  it('reads a file with an empty password', async () => {
    openssl('pkcs12', '-export', '-inkey', 'ec.key', '-in', 'ec.pem', '-passout', 'pass:', '-out', 'empty.p12');
    const bundle = await readPkcs12(bytes('empty.p12'), '');
    expect(bundle.certificate).toEqual(pemDer('ec.pem'));
  });

  it('reads a file without a MAC, and still refuses a wrong password', async () => {
    openssl('pkcs12', '-export', '-nomac', '-inkey', 'rsa.key', '-in', 'rsa.pem', '-passout', 'pass:test', '-out', 'nomac.p12');
    expect((await readPkcs12(bytes('nomac.p12'), 'test')).certificate).toEqual(pemDer('rsa.pem'));
    expect((await errorOf(readPkcs12(bytes('nomac.p12'), 'wrong'))).code).toBe('KEY_FILE_BAD_PASSWORD');
  });

  it('reads a file whose key is not encrypted (keyBag) and whose certificates are', async () => {
    openssl('pkcs12', '-export', '-keypbe', 'NONE', '-inkey', 'ec.key', '-in', 'ec.pem', '-passout', 'pass:test', '-out', 'plainkey.p12');
    const bundle = await readPkcs12(bytes('plainkey.p12'), 'test');
    expect(bundle.privateKeyPkcs8).toEqual(pemDer('ec.key'));
  });
});

describe('readPkcs12: files made by NSS pk12util (BER, 600 000 iterations, AES-128 certificates, non-ASCII password)', () => {
  it('returns the key and certificate exported from an NSS database', async () => {
    const db = file('nssdb');
    mkdirSync(db);
    run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    run('pk12util', ['-i', file('rsa.p12'), '-d', `sql:${db}`, '-W', 'test']);
    run('pk12util', ['-o', file('nss.p12'), '-d', `sql:${db}`, '-n', 'TEST rsa', '-W', 'Şifrə-nss']);
    // Sanity: this really is NSS's own encoding (indefinite lengths), not a copy of OpenSSL's.
    expect(bytes('nss.p12').subarray(0, 2)).toEqual(new Uint8Array([0x30, 0x80]));

    const bundle = await readPkcs12(bytes('nss.p12'), 'Şifrə-nss');
    expect(bundle.certificate).toEqual(pemDer('rsa.pem'));
    expect(bundle.friendlyName).toBe('TEST rsa');
    expect(await keyMatchesCertificate(bundle, 'RSA')).toBe(true);
    expect((await errorOf(readPkcs12(bytes('nss.p12'), 'test'))).code).toBe('KEY_FILE_BAD_PASSWORD');
  });
});

describe('readPkcs12: refusals with a clear code', () => {
  it('wrong password -> KEY_FILE_BAD_PASSWORD', async () => {
    expect((await errorOf(readPkcs12(bytes('rsa.p12'), 'Test')))).toMatchObject({ code: 'KEY_FILE_BAD_PASSWORD' });
  });

  it('legacy 3DES/RC2 file -> KEY_FILE_UNSUPPORTED_ENCRYPTION, and the message says how to re-export', async () => {
    openssl('pkcs12', '-export', '-legacy', '-inkey', 'rsa.key', '-in', 'rsa.pem', '-passout', 'pass:test', '-out', 'legacy.p12');
    const error = await errorOf(readPkcs12(bytes('legacy.p12'), 'test'));
    expect(error.code).toBe('KEY_FILE_UNSUPPORTED_ENCRYPTION');
    expect(String(error.details.algorithm)).toMatch(/RC2|TripleDES/);
    expect(KEY_FILE_MESSAGES.KEY_FILE_UNSUPPORTED_ENCRYPTION!.en).toContain('openssl pkcs12 -export');
    // The MAC is checked first: a wrong password on a legacy file is still a wrong password.
    expect((await errorOf(readPkcs12(bytes('legacy.p12'), 'nope'))).code).toBe('KEY_FILE_BAD_PASSWORD');
  });

  it('the re-export command in the message turns the legacy file into one we read', async () => {
    openssl('pkcs12', '-legacy', '-in', 'legacy.p12', '-out', 'tmp.pem', '-passin', 'pass:test', '-passout', 'pass:pem');
    openssl('pkcs12', '-export', '-in', 'tmp.pem', '-out', 'new.p12', '-passin', 'pass:pem', '-passout', 'pass:test');
    expect((await readPkcs12(bytes('new.p12'), 'test')).certificate).toEqual(pemDer('rsa.pem'));
  });

  it('certificates only -> KEY_FILE_NO_KEY', async () => {
    openssl('pkcs12', '-export', '-nokeys', '-in', 'rsa.pem', '-passout', 'pass:test', '-out', 'nokey.p12');
    expect((await errorOf(readPkcs12(bytes('nokey.p12'), 'test'))).code).toBe('KEY_FILE_NO_KEY');
  });

  it('key without its certificate -> KEY_FILE_NO_CERTIFICATE', async () => {
    openssl('pkcs12', '-export', '-nocerts', '-inkey', 'rsa.key', '-passout', 'pass:test', '-out', 'nocert.p12');
    expect((await errorOf(readPkcs12(bytes('nocert.p12'), 'test'))).code).toBe('KEY_FILE_NO_CERTIFICATE');
  });

  it('a key with somebody else\'s certificate -> KEY_FILE_NO_CERTIFICATE', async () => {
    // OpenSSL refuses to write such a file, so join two MAC-less files: the RSA key's and the EC certificate's.
    openssl('pkcs12', '-export', '-nomac', '-nocerts', '-inkey', 'rsa.key', '-passout', 'pass:test', '-out', 'k.p12');
    openssl('pkcs12', '-export', '-nomac', '-nokeys', '-in', 'ec.pem', '-passout', 'pass:test', '-out', 'c.p12');
    const error = await errorOf(readPkcs12(joinWithoutMac(bytes('k.p12'), bytes('c.p12')), 'test'));
    expect(error).toMatchObject({ code: 'KEY_FILE_NO_CERTIFICATE', details: { certificateCount: 1 } });
  });

  it('of two certificates for the same key, returns the one the key\'s localKeyId names', async () => {
    // A renewed certificate for the same key, stored before the one the key belongs with.
    openssl('x509', '-req', '-in', 'rsa.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-days', '60', '-out', 'rsa-renewed.pem');
    openssl('pkcs12', '-export', '-nomac', '-nokeys', '-in', 'rsa-renewed.pem', '-passout', 'pass:test', '-out', 'renewed.p12');
    openssl('pkcs12', '-export', '-nomac', '-inkey', 'rsa.key', '-in', 'rsa.pem', '-passout', 'pass:test', '-out', 'current.p12');
    const bundle = await readPkcs12(joinWithoutMac(bytes('renewed.p12'), bytes('current.p12')), 'test');
    expect(bundle.certificate).toEqual(pemDer('rsa.pem'));
    expect(bundle.chain).toEqual([pemDer('rsa-renewed.pem')]);
  });

  it('empty, garbage and every truncation -> KEY_FILE_MALFORMED, never a crash', async () => {
    expect((await errorOf(readPkcs12(new Uint8Array(0), 'test'))).code).toBe('KEY_FILE_MALFORMED');
    expect((await errorOf(readPkcs12(new TextEncoder().encode('not a key file at all'), 'test'))).code).toBe('KEY_FILE_MALFORMED');
    const garbage = new Uint8Array(4096);
    webcrypto.getRandomValues(garbage);
    garbage[0] = 0x30; // looks like a SEQUENCE for a moment
    expect((await errorOf(readPkcs12(garbage, 'test'))).code).toBe('KEY_FILE_MALFORMED');
    const whole = bytes('rsa.p12');
    for (const cut of [1, 2, 10, 100, whole.length >> 1, whole.length - 40, whole.length - 1]) {
      expect((await errorOf(readPkcs12(whole.subarray(0, cut), 'test'))).code, `cut at ${cut}`).toBe('KEY_FILE_MALFORMED');
    }
  });

  it('random damage to a MAC-less file ends in a KEY_FILE_* code or a good read, never another error', async () => {
    openssl('pkcs12', '-export', '-nomac', '-certpbe', 'AES-256-CBC', '-inkey', 'rsa.key', '-in', 'rsa.pem', '-passout', 'pass:test', '-out', 'fuzz.p12');
    const original = bytes('fuzz.p12');
    let seed = 20261123; // deterministic: a failure can be replayed
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const outcomes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const damaged = original.slice();
      for (let j = 0, n = 1 + (next() % 3); j < n; j++) damaged[next() % damaged.length] = next() & 0xff;
      try {
        const bundle = await readPkcs12(damaged, 'test');
        // Without a MAC, damage that still reads must still give a matching key and certificate.
        expect(bundle.privateKeyPkcs8.length).toBeGreaterThan(0);
        outcomes.add('read');
      } catch (e) {
        if (!isImzalaError(e)) throw new Error(`damage #${i} gave ${String(e)}`);
        expect(e.code).toMatch(/^KEY_FILE_/);
        expect(Object.keys(KEY_FILE_MESSAGES)).toContain(e.code);
        outcomes.add(e.code);
      }
    }
    expect(outcomes.has('KEY_FILE_MALFORMED')).toBe(true);
  });

  it('a changed byte inside the protected content -> KEY_FILE_BAD_PASSWORD (the MAC fails)', async () => {
    const altered = bytes('rsa.p12').slice();
    altered[altered.length >> 1]! ^= 0x01;
    expect((await errorOf(readPkcs12(altered, 'test'))).code).toBe('KEY_FILE_BAD_PASSWORD');
  });

  it('deeply nested input -> KEY_FILE_MALFORMED quickly', async () => {
    const depth = 100_000;
    const nested = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) nested.set([0x30, 0x80], i * 2);
    const started = performance.now();
    expect((await errorOf(readPkcs12(nested, 'test'))).code).toBe('KEY_FILE_MALFORMED');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('an oversized file -> KEY_FILE_LIMIT_EXCEEDED without parsing it', async () => {
    const huge = new Uint8Array(PKCS12_LIMITS.maxFileSize + 1);
    expect((await errorOf(readPkcs12(huge, 'test'))).code).toBe('KEY_FILE_LIMIT_EXCEEDED');
  });

  it('an iteration count above the bound -> KEY_FILE_LIMIT_EXCEEDED, not minutes of work', async () => {
    openssl('pkcs12', '-export', '-iter', '2100000', '-inkey', 'ec.key', '-in', 'ec.pem', '-passout', 'pass:test', '-out', 'slow.p12');
    const started = performance.now();
    expect((await errorOf(readPkcs12(bytes('slow.p12'), 'test'))).code).toBe('KEY_FILE_LIMIT_EXCEEDED');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('many costly encrypted parts -> KEY_FILE_LIMIT_EXCEEDED once the file has used its work budget', async () => {
    // Each part stays under the per-part bound (2 000 000); six of them exceed the total (8 000 000).
    for (const name of ['w1', 'w2', 'w3']) {
      // OpenSSL 3.0 takes -nomac only after -iter, and leaves certificates unencrypted without -certpbe then.
      openssl('pkcs12', '-export', '-iter', '1900000', '-nomac', '-certpbe', 'AES-256-CBC', '-inkey', 'ec.key', '-in', 'ec.pem',
        '-passout', 'pass:test', '-out', `${name}.p12`);
    }
    const heavy = joinWithoutMac(bytes('w1.p12'), bytes('w2.p12'), bytes('w3.p12'));
    const started = performance.now();
    expect((await errorOf(readPkcs12(heavy, 'test'))).code).toBe('KEY_FILE_LIMIT_EXCEEDED');
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 30_000);
});

describe('readPkcs12: PBMAC1 (RFC 9579)', () => {
  /** Replaces an OpenSSL file's MacData with a PBMAC1 one computed by Node's own crypto. */
  function withPbmac1(p12: Uint8Array, password: string): Uint8Array {
    const pfx = asn1js.fromBER(p12).result as asn1js.Sequence;
    const [version, authSafe] = pfx.valueBlock.value;
    const content = ((authSafe as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed).valueBlock
      .value[0] as asn1js.OctetString;
    const salt = new Uint8Array(16).fill(7);
    const key = pbkdf2Sync(password, salt, 2048, 32, 'sha256');
    const mac = createHmac('sha256', key).update(content.valueBlock.valueHexView).digest();
    const hmacSha256 = () =>
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.2.9' }), new asn1js.Null()] });
    const macData = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.5.14' }),
                new asn1js.Sequence({
                  value: [
                    new asn1js.Sequence({
                      value: [
                        new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.5.12' }),
                        new asn1js.Sequence({
                          value: [
                            new asn1js.OctetString({ valueHex: salt }),
                            new asn1js.Integer({ value: 2048 }),
                            new asn1js.Integer({ value: 32 }),
                            hmacSha256(),
                          ],
                        }),
                      ],
                    }),
                    hmacSha256(),
                  ],
                }),
              ],
            }),
            new asn1js.OctetString({ valueHex: new Uint8Array(mac) }),
          ],
        }),
        new asn1js.OctetString({ valueHex: new TextEncoder().encode('NOT USED') }),
        new asn1js.Integer({ value: 1 }),
      ],
    });
    return new Uint8Array(new asn1js.Sequence({ value: [version!, authSafe!, macData] }).toBER());
  }

  it('verifies a PBMAC1 MAC and refuses a wrong password', async () => {
    const p12 = withPbmac1(bytes('rsa.p12'), 'test');
    expect((await readPkcs12(p12, 'test')).certificate).toEqual(pemDer('rsa.pem'));
    expect((await errorOf(readPkcs12(withPbmac1(bytes('rsa.p12'), 'other'), 'test'))).code).toBe('KEY_FILE_BAD_PASSWORD');
  });
});

describe('writePkcs12', () => {
  let rsaBundle: KeyBundle;
  let ecBundle: KeyBundle;
  beforeAll(async () => {
    rsaBundle = await readPkcs12(bytes('rsa.p12'), 'test');
    ecBundle = await readPkcs12(bytes('ec.p12'), 'test');
  });

  it('round-trips through our own reader', async () => {
    const p12 = await writePkcs12({ ...rsaBundle, friendlyName: 'TEST ƏLİYEV VÜQAR' }, 'şifrə', { iterations: 2048 });
    const back = await readPkcs12(p12, 'şifrə');
    expect(back).toEqual({ ...rsaBundle, friendlyName: 'TEST ƏLİYEV VÜQAR' });
  });

  it('writes what `openssl pkcs12 -nodes` reads: key, certificate, chain, AES-256 and a SHA-256 MAC', async () => {
    writeFileSync(file('ours-ec.p12'), await writePkcs12({ ...ecBundle, friendlyName: 'TEST ec' }, 'Şifrə1'));
    // `-info` prints the algorithms on stderr.
    const info = execFileSync('sh', ['-c', 'openssl pkcs12 -in ours-ec.p12 -info -noout -passin pass:Şifrə1 2>&1'], {
      cwd: dir,
    }).toString();
    expect(info).toContain('MAC: sha256');
    expect(info).toContain('AES-256-CBC');
    const pem = run('openssl', ['pkcs12', '-in', 'ours-ec.p12', '-nodes', '-passin', 'pass:Şifrə1']).toString();
    const blocks = decodePem(pem);
    expect(blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.der)).toEqual([pemDer('ec.pem'), pemDer('root.pem')]);
    expect(blocks.find((b) => b.label === 'PRIVATE KEY')!.der).toEqual(pemDer('ec.key'));
    expect(pem).toContain('friendlyName: TEST ec');
    // A wrong password fails in OpenSSL too.
    expect(() => run('openssl', ['pkcs12', '-in', 'ours-ec.p12', '-nodes', '-passin', 'pass:wrong'])).toThrow();
  });

  it('writes what NSS pk12util imports: the key is usable under its nickname', async () => {
    writeFileSync(file('ours-rsa.p12'), await writePkcs12({ ...rsaBundle, friendlyName: 'TEST imzala signer' }, 'Şifrə-ğ'));
    const db = file('nss-import');
    mkdirSync(db);
    run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    run('pk12util', ['-i', file('ours-rsa.p12'), '-d', `sql:${db}`, '-W', 'Şifrə-ğ']);
    expect(run('certutil', ['-L', '-d', `sql:${db}`]).toString()).toContain('TEST imzala signer');
    expect(run('certutil', ['-K', '-d', `sql:${db}`]).toString()).toContain('TEST imzala signer');
    // The imported certificate is ours, byte for byte.
    const exported = run('certutil', ['-L', '-d', `sql:${db}`, '-n', 'TEST imzala signer', '-r']);
    expect(new Uint8Array(exported)).toEqual(pemDer('rsa.pem'));
  });

  it('refuses a certificate that is not the key\'s -> KEY_FILE_KEY_MISMATCH', async () => {
    const mixed = { ...rsaBundle, certificate: ecBundle.certificate };
    expect((await errorOf(writePkcs12(mixed, 'test'))).code).toBe('KEY_FILE_KEY_MISMATCH');
  });
});
