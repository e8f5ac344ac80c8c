/** NSS databases for poppler's pdfsig: a verifier db holding only the TEST root, and a signer db with a PKCS#12 imported. */
import { mkdirSync } from 'node:fs';
import { run } from './cli.js';

export function createNssDb(dir: string): string {
  mkdirSync(dir, { recursive: true });
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'], { check: true });
  return dir;
}

export function trustRoot(db: string, rootPem: string, nickname = 'TEST AZ Root Authority (RCA)'): void {
  run('certutil', ['-A', '-d', `sql:${db}`, '-n', nickname, '-t', 'CT,C,C', '-i', rootPem], { check: true });
}

export function importP12(db: string, p12: string, password: string): void {
  run('pk12util', ['-i', p12, '-d', `sql:${db}`, '-W', password], { check: true });
}

/** Nicknames of the keys in a signer db, as pdfsig lists them. */
export function listNicks(db: string, pdf: string): string[] {
  const r = run('pdfsig', ['-nssdir', `sql:${db}`, '-list-nicks', pdf]);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

export function pdfsigVerify(db: string, pdf: string): string {
  const r = run('pdfsig', ['-nssdir', `sql:${db}`, pdf]);
  return r.stdout + r.stderr;
}
