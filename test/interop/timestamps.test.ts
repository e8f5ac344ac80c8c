/**
 * Signature timestamps through the CLI with a local RFC 3161 server (openssl ts) on 127.0.0.1: `imzala sign --tsa`
 * adds one, `imzala verify` checks it, and it keeps a signature valid after the signer's certificate expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { writeDemoHierarchy } from '../../verifier/pki-demo/write-demo.js';
import { imzalaAsync, run, tempDir } from '../support/cli.js';
import { createTsaTestPki, startTsaServer, type TsaServer, type TsaTestPki } from '../support/tsa-server.js';

const DAY = 24 * 3600 * 1000;
let tmp: ReturnType<typeof tempDir>;
let tsaPki: TsaTestPki;
let tsa: TsaServer;
let pkiDir: string;
let doc: string;
const now = new Date();

async function verify(file: string, extra: string[] = []) {
  const r = await imzalaAsync(['verify', file, '--json', '--trust', join(pkiDir, 'trust'), '--trust', tsaPki.root.cert, ...extra]);
  return { status: r.status, report: JSON.parse(r.stdout.trim().split('\n')[0]!) };
}

beforeAll(async () => {
  tmp = tempDir();
  tsaPki = createTsaTestPki();
  tsa = await startTsaServer({ signer: tsaPki.tsa, chain: tsaPki.chain });
  // A TEST hierarchy made as if 3 years minus 10 days ago: the citizen's certificate expires in 9 days,
  // while the TSA's stays valid for 29: long enough to check a signature after its certificate expired.
  pkiDir = join(tmp.dir, 'pki');
  await writeDemoHierarchy(pkiDir, { now: new Date(now.getTime() - (3 * 365 - 10) * DAY) });
  doc = join(tmp.dir, 'doc.pdf');
  writeFileSync(doc, samplePdf(['TEST contract']));
});

afterAll(async () => {
  await tsa?.close();
  tsaPki?.cleanup();
  tmp?.cleanup();
});

const sign = (input: string, out: string, extra: string[]) =>
  imzalaAsync(['sign', input, '--out', out, '--p12', join(pkiDir, 'citizen.p12'), '--pass-env', 'P', ...extra], { P: 'test' });

describe('signature timestamps', () => {
  it('imzala sign --tsa adds a timestamp that imzala verify checks', async () => {
    const stamped = join(tmp.dir, 'stamped.pdf');
    const r = await sign(doc, stamped, ['--tsa', tsa.url]);
    expect(r.status, r.stderr).toBe(0);
    expect(tsa.queries).toHaveLength(1);
    const { status, report } = await verify(stamped);
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);
    expect(report.signatures[0].timestamp.valid).toBe(true);
    expect(report.signatures[0].timestamp.tsa).toContain('TEST Timestamping Authority');
    expect(Math.abs(Date.parse(report.signatures[0].timestamp.time) - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('after the certificate expired: VALID with the timestamp, INDETERMINATE / OUT_OF_BOUNDS_NO_POE without', async () => {
    const stamped = join(tmp.dir, 'stamped-2.pdf');
    const plain = join(tmp.dir, 'plain.pdf');
    expect((await sign(doc, stamped, ['--tsa', tsa.url])).status).toBe(0);
    expect((await sign(doc, plain, [])).status).toBe(0);
    const later = new Date(now.getTime() + 20 * DAY).toISOString();
    const withStamp = await verify(stamped, ['--at', later]);
    expect(withStamp.report.signatures[0].indication).toBe('TOTAL_PASSED');
    expect(withStamp.report.signatures[0].warnings.map((w: any) => w.code)).toContain('VALIDATED_AT_TIMESTAMP_TIME');
    const without = await verify(plain, ['--at', later]);
    expect(without.report.status).toBe('INDETERMINATE');
    expect(without.report.signatures[0].subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });

  it('a timestamp from a TSA that is not trusted does not count, and says why', async () => {
    const stamped = join(tmp.dir, 'stamped-3.pdf');
    expect((await sign(doc, stamped, ['--tsa', tsa.url])).status).toBe(0);
    const r = await imzalaAsync(['verify', stamped, '--json', '--trust', join(pkiDir, 'trust')]);
    const report = JSON.parse(r.stdout.trim());
    expect(report.signatures[0].timestamp.valid).toBe(false);
    expect(report.signatures[0].warnings.map((w: any) => w.code)).toContain('TSP_TSA_UNTRUSTED');
  });

  it('a detached .p7s with a timestamp still verifies in openssl, and in imzala with the timestamp', async () => {
    const txt = join(tmp.dir, 'akt.txt');
    writeFileSync(txt, 'TEST akt\n');
    const p7s = join(tmp.dir, 'akt.txt.p7s');
    expect((await sign(txt, p7s, ['--tsa', tsa.url])).status).toBe(0);
    const ossl = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', txt, '-CAfile', join(pkiDir, 'trust', 'rca.pem'),
      '-purpose', 'any', '-out', '/dev/null']);
    expect(ossl.stderr).toContain('Verification successful');
    const { report } = await verify(p7s, ['--content', txt]);
    expect(report.status).toBe('VALID');
    expect(report.signatures[0].timestamp.valid).toBe(true);
  });

  it('an unreachable TSA: sign fails with a clear code and writes nothing', async () => {
    const out = join(tmp.dir, 'never.pdf');
    const r = await sign(doc, out, ['--tsa', 'http://127.0.0.1:9/', '--lang', 'en']);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/TSA_UNREACHABLE|TSA_TIMEOUT/);
  });

  it('imzala timestamp adds a document timestamp (PAdES B-LTA): both pass, and it names its TSA', async () => {
    const signed = join(tmp.dir, 'for-lta.pdf');
    expect((await sign(doc, signed, [])).status).toBe(0);
    const lta = join(tmp.dir, 'lta.pdf');
    const r = await imzalaAsync(['timestamp', signed, '--out', lta, '--tsa', tsa.url]);
    expect(r.status, r.stderr).toBe(0);
    const { report } = await verify(lta);
    expect(report.status).toBe('VALID');
    expect(report.signatures.map((s: any) => [s.kind, s.indication, s.modificationsAfter])).toEqual([
      ['PAdES', 'TOTAL_PASSED', 'none'],
      ['DocTimeStamp', 'TOTAL_PASSED', 'none'],
    ]);
    expect(report.signatures[1].timestamp.tsa).toContain('TEST Timestamping Authority');
    // A byte changed in the signed range: the document timestamp fails on its imprint.
    const changed = Buffer.from(readFileSync(lta));
    changed[changed.indexOf('TEST contract')] = 'Q'.charCodeAt(0);
    const bad = join(tmp.dir, 'lta-changed.pdf');
    writeFileSync(bad, changed);
    const badReport = (await verify(bad)).report;
    expect(badReport.status).toBe('INVALID');
    expect(badReport.signatures[1].subIndication).toBe('HASH_FAILURE');
  });

  it('a document timestamp is proof of existence for the signature before it, after its certificate expired', async () => {
    const signed = join(tmp.dir, 'for-lta-2.pdf');
    const lta = join(tmp.dir, 'lta-2.pdf');
    expect((await sign(doc, signed, [])).status).toBe(0);
    expect((await imzalaAsync(['timestamp', signed, '--out', lta, '--tsa', tsa.url])).status).toBe(0);
    const later = new Date(now.getTime() + 20 * DAY).toISOString();
    const { report } = await verify(lta, ['--at', later]);
    expect(report.signatures[0].indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0].warnings.map((w: any) => w.code)).toContain('VALIDATED_AT_TIMESTAMP_TIME');
    expect((await verify(signed, ['--at', later])).report.signatures[0].subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });
});
