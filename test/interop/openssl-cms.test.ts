/** Interop with OpenSSL's CMS: detached signatures made by `openssl cms -sign` verify in imzala and vice versa. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { imzala, run, tempDir, verifyJson } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let doc: string;
let changed: string;

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  doc = join(tmp.dir, 'akt.txt');
  changed = join(tmp.dir, 'akt-changed.txt');
  writeFileSync(doc, 'TEST akt: 100 AZN, 2026-11-23\n');
  writeFileSync(changed, 'TEST akt: 900 AZN, 2026-11-23\n');
});

afterAll(() => tmp?.cleanup());

describe.each(['citizen', 'business'] as const)('%s key (%s)', (who) => {
  it('openssl cms -sign detached -> VALID in imzala; changed content -> INVALID', () => {
    const p7s = join(tmp.dir, `${who}-openssl.p7s`);
    run('openssl', ['cms', '-sign', '-binary', '-in', doc, '-signer', pki.cert(who), '-inkey', pki.key(who), '-certfile', pki.chain,
      '-md', 'sha256', '-outform', 'DER', '-out', p7s], { check: true });
    const ok = verifyJson(p7s, ['--content', doc, '--trust', pki.trust]);
    expect(ok.report.status).toBe('VALID');
    expect(ok.status).toBe(0);
    expect(ok.report.file.format).toBe('cms');
    expect(ok.report.file.sha256).toBe(createHash('sha256').update(readFileSync(p7s)).digest('hex'));
    expect(ok.report.signatures[0].signer.fin).toMatch(/^[0-9A-Z]{7}$/);
    const bad = verifyJson(p7s, ['--content', changed, '--trust', pki.trust]);
    expect(bad.report.status).toBe('INVALID');
    expect(bad.status).toBe(1);
    expect(bad.report.signatures[0].subIndication).toBe('HASH_FAILURE');
  });

  it('imzala sign -> openssl cms -verify says "Verification successful"; changed content fails', () => {
    const p7s = join(tmp.dir, `${who}-imzala.p7s`);
    const r = imzala(['sign', doc, '--out', p7s, '--p12', pki.p12(who), '--pass-env', 'P'], { P: pki.password });
    expect(r.status).toBe(0);
    const ok = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', doc, '-CAfile', pki.root,
      '-purpose', 'any', '-out', '/dev/null']);
    expect(ok.stderr).toContain('Verification successful');
    expect(ok.status).toBe(0);
    const bad = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', changed, '-CAfile', pki.root,
      '-purpose', 'any', '-out', '/dev/null']);
    expect(bad.status).not.toBe(0);
    expect(verifyJson(p7s, ['--content', doc, '--trust', pki.trust]).report.status).toBe('VALID');
  });
});

it('a detached .p7s without --content is a clear error, exit 65', () => {
  const p7s = join(tmp.dir, 'nocontent.p7s');
  run('openssl', ['cms', '-sign', '-binary', '-in', doc, '-signer', pki.cert('citizen'), '-inkey', pki.key('citizen'), '-outform', 'DER', '-out', p7s], {
    check: true,
  });
  const r = imzala(['verify', p7s, '--trust', pki.trust, '--lang', 'en']);
  expect(r.status).toBe(65);
  expect(r.stderr).toContain('--content');
});

it('an enveloping signature (openssl cms -sign -nodetach) verifies with the content it carries', () => {
  const p7m = join(tmp.dir, 'attached.p7m');
  run('openssl', ['cms', '-sign', '-nodetach', '-binary', '-in', doc, '-signer', pki.cert('citizen'), '-inkey', pki.key('citizen'),
    '-certfile', pki.chain, '-outform', 'DER', '-out', p7m], { check: true });
  const alone = verifyJson(p7m, ['--trust', pki.trust]);
  expect(alone.report.status).toBe('VALID');
  // A --content meant for a detached file is not used for it, and the report says so.
  const withContent = verifyJson(p7m, ['--trust', pki.trust, '--content', changed]);
  expect(withContent.report.status).toBe('VALID_WITH_WARNINGS');
  expect(withContent.report.warnings.map((w: any) => w.code)).toEqual(['CMS_CONTENT_IGNORED']);
});
