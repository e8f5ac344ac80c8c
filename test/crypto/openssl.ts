/**
 * Test support: real keys and signatures from the openssl command line tool (openssl 3), so core/crypto is
 * checked against an implementation no one here wrote. Files go to a mkdtemp folder under the OS temp dir.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HashAlgorithm } from '../../core/crypto/hash.js';
import type { SignatureAlgorithm } from '../../core/crypto/signature-algorithms.js';

export interface OpensslKey {
  /** PEM private key file. */
  keyFile: string;
  /** Unencrypted PKCS#8 DER. */
  pkcs8: Uint8Array;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** PEM public key file. */
  publicKeyFile: string;
}

export type KeySpec =
  | { type: 'RSA'; bits: number }
  | { type: 'RSA-PSS'; bits: number; hash?: HashAlgorithm; mgfHash?: HashAlgorithm; saltLength?: number }
  | { type: 'EC'; curve: 'P-256' | 'P-384' | 'P-521' | 'secp256k1' }
  | { type: 'Ed25519' };

/** The keys most tests need: RSA 2048 and 1024, id-RSASSA-PSS keys with and without parameters, the three NIST curves. */
export const STANDARD_KEYS = {
  rsa: { type: 'RSA', bits: 2048 },
  rsa1024: { type: 'RSA', bits: 1024 },
  pss: { type: 'RSA-PSS', bits: 2048, hash: 'SHA-256', mgfHash: 'SHA-256', saltLength: 32 },
  pssAny: { type: 'RSA-PSS', bits: 2048 },
  'P-256': { type: 'EC', curve: 'P-256' },
  'P-384': { type: 'EC', curve: 'P-384' },
  'P-521': { type: 'EC', curve: 'P-521' },
} as const satisfies Record<string, KeySpec>;

const OPENSSL_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' } as const;

/** The openssl digest name (sha256, md5, ...). */
export function opensslDigest(hash: HashAlgorithm): string {
  return hash.replace('-', '').toLowerCase();
}

/** A scratch folder with openssl helpers; call `dispose()` when done. */
export class OpensslWorkspace {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'imzala-crypto-'));
  private counter = 0;

  /** Runs openssl; throws with its stderr when it fails. */
  run(args: string[], input?: Uint8Array): Buffer {
    const result = spawnSync('openssl', args, { cwd: this.dir, ...(input ? { input } : {}), maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr?.toString()}`);
    return result.stdout;
  }

  /** Runs openssl and returns whether it exited with 0 (for verification). */
  succeeds(args: string[]): boolean {
    return spawnSync('openssl', args, { cwd: this.dir }).status === 0;
  }

  file(name: string, bytes?: Uint8Array): string {
    const p = path.join(this.dir, name);
    if (bytes) writeFileSync(p, bytes);
    return p;
  }

  fresh(prefix: string): string {
    return this.file(`${prefix}-${++this.counter}`);
  }

  generateKey(spec: KeySpec): OpensslKey {
    const keyFile = this.fresh('key') + '.pem';
    const args = ['genpkey', '-quiet', '-out', keyFile];
    if (spec.type === 'RSA') args.push('-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.bits}`);
    if (spec.type === 'RSA-PSS') {
      args.push('-algorithm', 'RSA-PSS', '-pkeyopt', `rsa_keygen_bits:${spec.bits}`);
      if (spec.hash) args.push('-pkeyopt', `rsa_pss_keygen_md:${opensslDigest(spec.hash)}`);
      if (spec.mgfHash) args.push('-pkeyopt', `rsa_pss_keygen_mgf1_md:${opensslDigest(spec.mgfHash)}`);
      if (spec.saltLength !== undefined) args.push('-pkeyopt', `rsa_pss_keygen_saltlen:${spec.saltLength}`);
    }
    if (spec.type === 'EC') args.push('-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${OPENSSL_CURVE[spec.curve]}`, '-pkeyopt', 'ec_param_enc:named_curve');
    if (spec.type === 'Ed25519') args.push('-algorithm', 'ED25519');
    this.run(args);
    return this.keyFromFile(keyFile);
  }

  /** One key per entry, under the same names. */
  generateKeys<T extends Record<string, KeySpec>>(specs: T): Record<keyof T, OpensslKey> {
    return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, this.generateKey(spec)])) as Record<keyof T, OpensslKey>;
  }

  keyFromFile(keyFile: string): OpensslKey {
    const publicKeyFile = keyFile.replace(/\.pem$/, '') + '.pub.pem';
    this.run(['pkey', '-in', keyFile, '-pubout', '-out', publicKeyFile]);
    return {
      keyFile,
      publicKeyFile,
      // `pkey -outform DER` would write the traditional (PKCS#1 / SEC1) form for some key types.
      pkcs8: new Uint8Array(this.run(['pkcs8', '-topk8', '-nocrypt', '-in', keyFile, '-outform', 'DER'])),
      spki: new Uint8Array(this.run(['pkey', '-in', keyFile, '-pubout', '-outform', 'DER'])),
    };
  }

  private signatureOptions(alg: SignatureAlgorithm): string[] {
    if (alg.scheme !== 'RSA-PSS') return [];
    return [
      '-sigopt', 'rsa_padding_mode:pss',
      '-sigopt', `rsa_pss_saltlen:${alg.pss!.saltLength}`,
      '-sigopt', `rsa_mgf1_md:${opensslDigest(alg.pss!.mgfHash)}`,
    ];
  }

  /** `openssl dgst -sign`: RSA PKCS#1 v1.5 / PSS, or ECDSA as DER. */
  sign(key: OpensslKey, alg: SignatureAlgorithm, data: Uint8Array): Uint8Array {
    const dataFile = this.fresh('data');
    writeFileSync(dataFile, data);
    return new Uint8Array(this.run(['dgst', `-${opensslDigest(alg.hash)}`, '-sign', key.keyFile, ...this.signatureOptions(alg), dataFile]));
  }

  /** `openssl dgst -verify`. */
  verify(key: OpensslKey, alg: SignatureAlgorithm, data: Uint8Array, signature: Uint8Array): boolean {
    const dataFile = this.fresh('data');
    const sigFile = this.fresh('sig');
    writeFileSync(dataFile, data);
    writeFileSync(sigFile, signature);
    return this.succeeds(['dgst', `-${opensslDigest(alg.hash)}`, '-verify', key.publicKeyFile, ...this.signatureOptions(alg), '-signature', sigFile, dataFile]);
  }

  /** A self-signed certificate made by `openssl req -x509` with the given digest and signature options. */
  selfSignedCertificate(key: OpensslKey, hash: HashAlgorithm, sigopts: string[] = []): Uint8Array {
    const out = this.fresh('cert') + '.der';
    this.run([
      'req', '-x509', '-new', '-key', key.keyFile, `-${opensslDigest(hash)}`, ...sigopts.flatMap((o) => ['-sigopt', o]),
      '-subj', '/C=AZ/CN=TEST imzala crypto', '-days', '1', '-outform', 'DER', '-out', out,
    ]);
    return new Uint8Array(readFileSync(out));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
