/**
 * Issue 3's attack corpus: every attacked file is INVALID (or UNSIGNED for a forged-empty signature) with a code,
 * never VALID; the legitimate updates keep the earlier signatures VALID. pdfsig is asked too where it can tell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { makeAttacks, shadowSwitch, withShadowContent, type AttackCase } from '../fixtures/attacks/make-attacks.js';
import { imzala, run, tempDir, verifyJson } from '../support/cli.js';
import { createNssDb, importP12, listNicks, pdfsigVerify, trustRoot } from '../support/nss.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let attacks: AttackCase[];
let pdfsigAttacks: AttackCase[];
let signedOnce: string;
let verifyDb: string;

function sign(input: string, out: string, who: 'citizen' | 'business'): void {
  const r = imzala(['sign', input, '--out', out, '--p12', pki.p12(who), '--pass-env', 'P'], { P: pki.password });
  if (r.status !== 0) throw new Error(r.stderr);
}

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  const plain = join(tmp.dir, 'plain.pdf');
  writeFileSync(plain, withShadowContent(samplePdf(['TEST contract: 1000 AZN', 'Party 1: TEST citizen'])));
  signedOnce = join(tmp.dir, 'signed.pdf');
  sign(plain, signedOnce, 'citizen');
  attacks = makeAttacks(new Uint8Array(readFileSync(signedOnce)));

  // The same attacks on a signature made by poppler's pdfsig (NSS), a signer no one here wrote.
  const signerDb = createNssDb(join(tmp.dir, 'nss-signer'));
  importP12(signerDb, pki.p12('citizen'), pki.password);
  trustRoot(signerDb, pki.root);
  verifyDb = createNssDb(join(tmp.dir, 'nss-verify'));
  trustRoot(verifyDb, pki.root);
  const nick = listNicks(signerDb, plain).find((n) => n.includes('TEST'))!;
  const pdfsigSigned = join(tmp.dir, 'pdfsig-signed.pdf');
  run('pdfsig', ['-add-signature', '-nssdir', `sql:${signerDb}`, '-nick', nick, '-digest', 'SHA256', plain, pdfsigSigned], { check: true });
  pdfsigAttacks = makeAttacks(new Uint8Array(readFileSync(pdfsigSigned)));
});

/** The verdict imzala gives each attack, with the codes that explain it; '' when it is the expected one. */
function judge(attack: AttackCase, prefix: string): string {
  const file = join(tmp.dir, `${prefix}-${attack.name.replace(/[^a-z0-9]+/gi, '-')}.pdf`);
  writeFileSync(file, attack.bytes);
  const { status, report } = verifyJson(file, ['--trust', pki.trust]);
  const verdict = report?.status ?? (status === 65 ? 'REFUSED' : 'NONE');
  const codes = [
    ...(report?.signatures ?? []).flatMap((s: any) => [...s.errors, ...s.warnings].map((e: any) => e.code)),
    ...(report?.warnings ?? []).map((w: any) => w.code),
    ...(report?.error ? [report.error.code] : []),
  ];
  const ok = (verdict === attack.expect || (attack.expect === 'INVALID' && verdict === 'REFUSED')) && codes.length > 0;
  return ok ? '' : `${attack.name}: ${verdict} [${codes.join(', ')}]`;
}

afterAll(() => tmp?.cleanup());

describe('the signed original', () => {
  it('is VALID', () => {
    expect(verifyJson(signedOnce, ['--trust', pki.trust]).report.status).toBe('VALID');
  });
});

describe('attacks', () => {
  it('every attack on an imzala signature gets its verdict, never VALID, with a code saying why', () => {
    expect(attacks.map((a) => judge(a, 'imzala')).filter(Boolean)).toEqual([]);
    expect(attacks.length).toBeGreaterThanOrEqual(11);
  });

  it('every attack on a pdfsig signature gets its verdict too', () => {
    expect(pdfsigAttacks.map((a) => judge(a, 'pdfsig')).filter(Boolean)).toEqual([]);
  });

  it('pdfsig agrees on the wrapped ByteRange: it does not call that signature valid either', () => {
    // pdfsig checks each signature's own bytes, not what was added after it: of the corpus it can judge the wrapped range.
    const swa = pdfsigAttacks.find((a) => a.family === 'SWA')!;
    const file = join(tmp.dir, 'pdfsig-swa-check.pdf');
    writeFileSync(file, swa.bytes);
    expect(pdfsigVerify(verifyDb, file)).not.toMatch(/Signature is Valid\./);
  });

  it('shadow "replace": content hidden before signing, switched on by an update, then a second signature on top', () => {
    const switched = join(tmp.dir, 'shadow-switched.pdf');
    writeFileSync(switched, shadowSwitch(new Uint8Array(readFileSync(signedOnce))));
    const shadow = join(tmp.dir, 'shadow-signed.pdf');
    sign(switched, shadow, 'business');
    const { report } = verifyJson(shadow, ['--trust', pki.trust]);
    expect(report.status).toBe('INVALID');
    expect(report.signatures[0].modificationsAfter).toBe('disallowed');
    expect(report.signatures[1].indication).toBe('TOTAL_PASSED');
  });
});

describe('legitimate updates', () => {
  it('a second signature keeps the first VALID', () => {
    const twice = join(tmp.dir, 'twice.pdf');
    sign(signedOnce, twice, 'business');
    const { report } = verifyJson(twice, ['--trust', pki.trust]);
    expect(report.status).toBe('VALID');
    expect(report.signatures.map((s: any) => s.modificationsAfter)).toEqual(['none', 'none']);
  });
});
