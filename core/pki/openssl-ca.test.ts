/**
 * Test support for core/pki: certificates and CRLs made by the openssl command line tool (`openssl ca`), so the
 * parser and the path validator are checked against bytes no one here wrote. Files live in a mkdtemp folder.
 *
 * The other core/pki tests import this file; its own check (that openssl itself accepts what it made) runs only
 * when it is the test file being run, not again inside each importer.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Certificate } from './certificate.js';
import { Crl } from './crl.js';

export type KeySpec = { type: 'RSA'; bits: number } | { type: 'EC'; curve: 'P-256' | 'P-384' | 'P-521' };

export interface Issued {
  name: string;
  certFile: string;
  keyFile: string;
  der: Uint8Array;
  cert: Certificate;
  /** The CA folder of this certificate when it issues (database, serial). */
  caDir: string;
}

export interface IssueOptions {
  /** openssl -subj form, e.g. `/C=AZ/O=TEST/CN=TEST Root`. */
  subject: string;
  /** Omitted: self-signed. */
  issuer?: Issued;
  /** A new key of this kind (default EC P-256), or an existing key file. */
  key?: KeySpec | { file: string };
  /** Lines of the extension section (openssl x509v3_config). */
  extensions: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Hex serial (default: a counter). */
  serial?: string;
  /** Digest for the signature: sha256 (default), sha384, sha1, md5, ... */
  md?: string;
}

export interface RevokedSpec {
  cert: Issued;
  /** Default: one day ago. */
  date?: Date;
  reason?: 'unspecified' | 'keyCompromise' | 'CACompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation' | 'certificateHold';
  /** When the key was compromised: openssl writes reason keyCompromise with this invalidityDate. */
  compromisedAt?: Date;
}

export interface CrlOptions {
  revoked?: RevokedSpec[];
  /** Lines of the CRL extension section; CRLNumber is added unless `withoutCrlNumber`. */
  extensions?: string[];
  withoutCrlNumber?: boolean;
  /** nextUpdate = now + this many hours (default 24). */
  hours?: number;
  md?: string;
}

const CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;

/** openssl's -startdate / -enddate time form (GeneralizedTime digits). */
function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** index.txt wants UTCTime (YYMMDDHHMMSSZ) up to 2049. */
function indexTime(date: Date): string {
  const full = opensslTime(date);
  return date.getUTCFullYear() < 2050 ? full.slice(2) : full;
}

export const DAY = 24 * 60 * 60 * 1000;

/** A scratch folder in which openssl plays certification authority. */
export class OpensslCa {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'imzala-pki-'));
  private counter = 0;
  private readonly keys = new Map<string, string>();

  /** Runs openssl; throws with its stderr when it fails. */
  run(args: string[]): Buffer {
    const result = spawnSync('openssl', args, { cwd: this.dir, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr?.toString()}`);
    return result.stdout;
  }

  /** True when openssl exits with 0. */
  succeeds(args: string[]): boolean {
    return spawnSync('openssl', args, { cwd: this.dir }).status === 0;
  }

  /** A key file; keys with the same `reuse` label are generated once. */
  key(spec: KeySpec, reuse?: string): string {
    const label = reuse && `${reuse}:${JSON.stringify(spec)}`;
    const known = label && this.keys.get(label);
    if (known) return known;
    const file = path.join(this.dir, `key-${++this.counter}.pem`);
    const args = ['genpkey', '-quiet', '-out', file];
    if (spec.type === 'RSA') args.push('-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.bits}`);
    else args.push('-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${CURVE[spec.curve]}`, '-pkeyopt', 'ec_param_enc:named_curve');
    this.run(args);
    if (label) this.keys.set(label, file);
    return file;
  }

  private caConfig(caDir: string, crlNumber: boolean): string {
    const conf = path.join(caDir, 'ca.cnf');
    const lines = [
      '[ca]', 'default_ca = CA_default',
      '[CA_default]',
      `database = ${caDir}/index.txt`,
      `new_certs_dir = ${caDir}/newcerts`,
      `serial = ${caDir}/serial`,
      ...(crlNumber ? [`crlnumber = ${caDir}/crlnumber`] : []),
      'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'email_in_dn = yes',
      'default_crl_hours = 24', 'string_mask = utf8only', 'preserve = yes',
      '[policy_any]', 'commonName = optional',
      '[req]', 'distinguished_name = req_dn', 'string_mask = utf8only', '[req_dn]',
    ];
    writeFileSync(conf, lines.join('\n') + '\n');
    return conf;
  }

  private newCaDir(name: string): string {
    const caDir = path.join(this.dir, `ca-${name}-${++this.counter}`);
    mkdirSync(path.join(caDir, 'newcerts'), { recursive: true });
    writeFileSync(path.join(caDir, 'index.txt'), '');
    writeFileSync(path.join(caDir, 'index.txt.attr'), 'unique_subject = no\n');
    writeFileSync(path.join(caDir, 'crlnumber'), '01\n');
    return caDir;
  }

  /** Issues a certificate with `openssl ca` (exact validity dates, serials, digests and extensions). */
  issue(name: string, options: IssueOptions): Issued {
    const keyFile = options.key && 'file' in options.key ? options.key.file : this.key(options.key ?? { type: 'EC', curve: 'P-256' });
    const caDir = this.newCaDir(name);
    const signerDir = options.issuer?.caDir ?? caDir;
    const csr = path.join(this.dir, `${name}-${++this.counter}.csr`);
    const conf = this.caConfig(signerDir, true);
    this.run(['req', '-new', '-utf8', '-config', conf, '-key', keyFile, '-subj', options.subject, '-multivalue-rdn', '-out', csr]);

    const extFile = path.join(this.dir, `${name}-${this.counter}.ext`);
    writeFileSync(extFile, ['[ext]', ...options.extensions].join('\n') + '\n');
    const serial = options.serial ?? (0x1000 + ++this.counter).toString(16);
    writeFileSync(path.join(signerDir, 'serial'), (serial.length % 2 ? '0' : '') + serial + '\n');
    const now = Date.now();
    const certFile = path.join(this.dir, `${name}-${this.counter}.pem`);
    const args = [
      'ca', '-batch', '-notext', '-utf8', '-preserveDN', '-multivalue-rdn', '-config', conf, '-in', csr, '-out', certFile,
      '-extfile', extFile, '-extensions', 'ext', '-md', options.md ?? 'sha256',
      '-startdate', opensslTime(options.notBefore ?? new Date(now - DAY)),
      '-enddate', opensslTime(options.notAfter ?? new Date(now + 365 * DAY)),
    ];
    if (options.issuer) args.push('-cert', options.issuer.certFile, '-keyfile', options.issuer.keyFile);
    else args.push('-selfsign', '-keyfile', keyFile);
    this.run(args);
    const der = new Uint8Array(this.run(['x509', '-in', certFile, '-outform', 'DER']));
    return { name, certFile, keyFile, der, cert: Certificate.fromDer(der), caDir };
  }

  /** A CRL issued by `issuer` with `openssl ca -gencrl`; thisUpdate is now. */
  crl(issuer: Issued, options: CrlOptions = {}): { der: Uint8Array; crl: Crl; file: string } {
    const lines = (options.revoked ?? []).map((r) => {
      const date = indexTime(r.date ?? new Date(Date.now() - DAY));
      const revocation = r.compromisedAt ? `${date},keyTime,${opensslTime(r.compromisedAt)}` : r.reason ? `${date},${r.reason}` : date;
      const subject = '/CN=revoked';
      return ['R', indexTime(r.cert.cert.notAfter), revocation, r.cert.cert.serialNumberHex.toUpperCase() || '00', 'unknown', subject].join('\t');
    });
    writeFileSync(path.join(issuer.caDir, 'index.txt'), lines.map((l) => l + '\n').join(''));
    const conf = this.caConfig(issuer.caDir, !options.withoutCrlNumber);
    const file = path.join(this.dir, `crl-${++this.counter}.pem`);
    const args = ['ca', '-gencrl', '-batch', '-config', conf, '-cert', issuer.certFile, '-keyfile', issuer.keyFile, '-out', file,
      '-crlhours', String(options.hours ?? 24), '-md', options.md ?? 'sha256'];
    if (options.extensions?.length) {
      // `ca -gencrl` reads the CRL extension section from its main configuration only.
      writeFileSync(conf, readFileSync(conf, 'utf8') + ['[crl_ext]', ...options.extensions].join('\n') + '\n');
      args.push('-crlexts', 'crl_ext');
    }
    this.run(args);
    const der = new Uint8Array(this.run(['crl', '-in', file, '-outform', 'DER']));
    return { der, crl: Crl.fromDer(der), file };
  }

  /** Writes bytes into the scratch folder. */
  write(name: string, bytes: Uint8Array | string): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, bytes);
    return file;
  }

  read(file: string): Uint8Array {
    return new Uint8Array(readFileSync(file));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Extension lines used across the tests (the AZ-ESIGN.md §3 profile, TEST names). */
export const EXT = {
  root: ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'],
  ca: (pathlen?: number) => [
    `basicConstraints = critical, CA:TRUE${pathlen === undefined ? '' : `, pathlen:${pathlen}`}`,
    'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always',
  ],
  signer: [
    'basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature, nonRepudiation',
    'extendedKeyUsage = emailProtection, 1.3.6.1.4.1.311.10.3.12', 'certificatePolicies = 1.3.6.1.4.1.32843.7.1',
    'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always',
  ],
};

export interface TestHierarchy {
  root: Issued;
  intermediate: Issued;
  signer: Issued;
}

/** RCA -> ICA -> signer with keys of one family: RSA (3072/3072/2048, SHA-256) or EC (P-384 CAs signing with SHA-384, P-256 signer). */
export function buildHierarchy(ca: OpensslCa, family: 'RSA' | 'EC', label = family): TestHierarchy {
  const caKey: KeySpec = family === 'RSA' ? { type: 'RSA', bits: 3072 } : { type: 'EC', curve: 'P-384' };
  const signerKey: KeySpec = family === 'RSA' ? { type: 'RSA', bits: 2048 } : { type: 'EC', curve: 'P-256' };
  const md = family === 'RSA' ? 'sha256' : 'sha384';
  const root = ca.issue(`${label}-root`, {
    subject: `/C=AZ/O=TEST National Certificate Services Center/CN=TEST ${label} Root Authority (RCA)`,
    key: { file: ca.key(caKey, `${label}-root`) }, extensions: EXT.root, md,
    notBefore: new Date(Date.now() - 3650 * DAY), notAfter: new Date(Date.now() + 3650 * DAY),
  });
  const intermediate = ca.issue(`${label}-ica`, {
    subject: `/C=AZ/O=TEST National Certificate Services Center/CN=TEST ${label} Issuing Authority (ICA)`,
    issuer: root, key: { file: ca.key(caKey, `${label}-ica`) }, extensions: EXT.ca(0), md,
    notBefore: new Date(Date.now() - 1000 * DAY), notAfter: new Date(Date.now() + 2000 * DAY),
  });
  const signer = ca.issue(`${label}-signer`, {
    subject: '/C=AZ/CN=TEST AYSEL MƏMMƏDOVA/SN=MƏMMƏDOVA/GN=AYSEL/serialNumber=5ABCD12',
    issuer: intermediate, key: { file: ca.key(signerKey, `${label}-signer`) }, extensions: EXT.signer, md,
  });
  return { root, intermediate, signer };
}

const isEntry = expect.getState().testPath === fileURLToPath(import.meta.url);
if (isEntry) {
  describe('openssl test certification authority', () => {
    const ca = new OpensslCa();
    afterAll(() => ca.dispose());

    it('makes RSA and EC hierarchies that openssl itself verifies', () => {
      for (const family of ['RSA', 'EC'] as const) {
        const { root, intermediate, signer } = buildHierarchy(ca, family);
        expect(ca.succeeds(['verify', '-CAfile', root.certFile, '-untrusted', intermediate.certFile, signer.certFile])).toBe(true);
        expect(ca.succeeds(['verify', '-CAfile', intermediate.certFile, signer.certFile])).toBe(false);
      }
    });
  });
}
