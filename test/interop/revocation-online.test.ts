/**
 * Revocation through the CLI as a user runs it: the TEST PKI's CRL addresses point at a local HTTP server on
 * 127.0.0.1 that serves the CAs' real CRLs; `imzala verify` fetches them, caches them, and --offline uses the cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { imzala, imzalaAsync, tempDir } from '../support/cli.js';

let tmp: ReturnType<typeof tempDir>;
let server: Server;
let requests: string[] = [];
let pkiDir: string;
let doc: string;

beforeAll(async () => {
  tmp = tempDir();
  pkiDir = join(tmp.dir, 'pki');
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    try {
      const body = readFileSync(join(pkiDir, (req.url ?? '').replace(/^\/+/, '').replace(/[^a-z0-9.]/gi, '')));
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // A TEST PKI whose revocation addresses point at a closed port, for the refusal case.
  expect(imzala(['pki', 'demo', join(tmp.dir, 'unreachable'), '--crl-base-url', 'http://127.0.0.1:9']).status).toBe(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const r = imzala(['pki', 'demo', pkiDir, '--crl-base-url', base]);
  expect(r.status).toBe(0);
  doc = join(tmp.dir, 'doc.pdf');
  writeFileSync(doc, samplePdf(['TEST']));
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  tmp?.cleanup();
});

async function signAndVerify(who: 'citizen' | 'revoked', extra: string[], env: Record<string, string>) {
  const signed = join(tmp.dir, `${who}.pdf`);
  if (who === 'revoked') {
    const { signWithoutChecks } = await import('../support/sign-as-of-old.js');
    await signWithoutChecks(doc, signed, join(pkiDir, 'revoked.p12'), 'test');
  } else {
    expect(imzala(['sign', doc, '--out', signed, '--p12', join(pkiDir, `${who}.p12`), '--pass-env', 'P'], { P: 'test' }).status).toBe(0);
  }
  const r = await imzalaAsync(['verify', signed, '--json', '--trust', join(pkiDir, 'trust'), ...extra], env);
  return { status: r.status, report: JSON.parse(r.stdout.trim().split('\n')[0]!), stderr: r.stderr };
}

describe('online revocation through the CLI', () => {
  const dataDir = () => join(tmp.dir, 'data');

  it('fetches the CRLs named in the certificates: a good signer is VALID with revocation "good" from the CRL', async () => {
    requests = [];
    const { status, report } = await signAndVerify('citizen', [], { IMZALA_OFFLINE: '0', IMZALA_DATA_DIR: dataDir() });
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);
    expect(report.signatures[0].revocation).toEqual({ status: 'good', source: 'crl' });
    expect(requests).toEqual(expect.arrayContaining(['/ica.crl', '/pca.crl']));
  });

  it('a revoked signer is INVALID / REVOKED from the fetched CRL', async () => {
    const { status, report } = await signAndVerify('revoked', [], { IMZALA_OFFLINE: '0', IMZALA_DATA_DIR: dataDir() });
    expect(report.status).toBe('INVALID');
    expect(status).toBe(1);
    expect(report.signatures[0].subIndication).toBe('REVOKED');
  });

  it('--offline uses what the cache holds and asks nothing', async () => {
    requests = [];
    const { report } = await signAndVerify('citizen', ['--offline'], { IMZALA_DATA_DIR: dataDir() });
    expect(report.signatures[0].revocation.status).toBe('good');
    expect(requests).toEqual([]);
  });

  it('--offline with an empty cache: status unknown; --require-revocation then makes it INDETERMINATE / TRY_LATER', async () => {
    const empty = join(tmp.dir, 'empty-data');
    const plain = await signAndVerify('citizen', ['--offline'], { IMZALA_DATA_DIR: empty });
    expect(plain.report.signatures[0].revocation.status).toBe('unknown');
    expect(plain.report.status).toBe('VALID');
    const strict = await signAndVerify('citizen', ['--offline', '--require-revocation'], { IMZALA_DATA_DIR: empty });
    expect(strict.report.status).toBe('INDETERMINATE');
    expect(strict.status).toBe(2);
    expect(strict.report.signatures[0].subIndication).toBe('TRY_LATER');
  });

  it('imzala sign --lt puts the chain and the CRLs into /DSS: checked offline later with an empty cache, still "good"', async () => {
    const lt = join(tmp.dir, 'lt.pdf');
    const r = await imzalaAsync(['sign', doc, '--out', lt, '--p12', join(pkiDir, 'citizen.p12'), '--pass-env', 'P', '--lt', '--trust', join(pkiDir, 'trust')], {
      P: 'test',
      IMZALA_DATA_DIR: join(tmp.dir, 'lt-data'),
    });
    expect(r.status, r.stderr).toBe(0);
    requests = [];
    const v = await imzalaAsync(['verify', lt, '--json', '--offline', '--trust', join(pkiDir, 'trust')], { IMZALA_DATA_DIR: join(tmp.dir, 'lt-empty') });
    const report = JSON.parse(v.stdout.trim());
    expect(report.status, JSON.stringify([report.warnings, report.signatures[0].warnings])).toBe('VALID');
    expect(report.revisions).toBe(3);
    expect(report.signatures[0].modificationsAfter).toBe('none');
    expect(report.signatures[0].revocation).toEqual({ status: 'good', source: 'crl' });
    expect(requests).toEqual([]);
  });

  it('--lt without reachable revocation data refuses and writes nothing', async () => {
    const out = join(tmp.dir, 'never-lt.pdf');
    const r = await imzalaAsync(['sign', doc, '--out', out, '--p12', join(tmp.dir, 'unreachable', 'citizen.p12'), '--pass-env', 'P', '--lt'], { P: 'test' });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('LT_DATA_UNAVAILABLE');
  });
});
