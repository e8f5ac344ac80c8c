/**
 * The page's revocation path end to end in Node: a real service (startServer, a test PKI's root as its only
 * anchor, online), a real OCSP responder and CRL server on 127.0.0.1 named by the signer's certificate, and core's
 * validateDocument run in-process with createProxyFetcher — as the /yoxla page runs it — giving the same report
 * as POST /api/v1/verify. A path that does not chain to the service's anchors is refused and nothing is fetched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePem } from '../../core/encoding/pem.js';
import { isImzalaError } from '../../core/errors.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { buildOcspRequest } from '../../core/pki/revocation/ocsp.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import { signedSample, startRevocationPki, type RevocationPki } from '../../test/support/revocation-pki.js';
import { loadServerConfig } from '../server/config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { createProxyFetcher } from './proxy-fetcher.js';

let pki: RevocationPki;
let dataDir: string;
let service: RunningServer;
let offlineService: RunningServer;
let signedPdf: Uint8Array;
const lines: string[] = [];

async function rejection(promise: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    if (isImzalaError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  pki = await startRevocationPki();
  dataDir = mkdtempSync(join(tmpdir(), 'imzala-proxy-e2e-'));
  const trustDir = join(dataDir, 'trust');
  mkdirSync(trustDir);
  writeFileSync(join(trustDir, 'root.pem'), encodePem('CERTIFICATE', pki.certs.root.der));
  const env = { IMZALA_DATA_DIR: dataDir, IMZALA_TRUST_DIR: trustDir, PORT: '0' };
  service = await startServer(loadServerConfig({ ...env, IMZALA_OFFLINE: '0' }), { log: (l) => lines.push(l) });
  offlineService = await startServer(loadServerConfig({ ...env, IMZALA_DATA_DIR: join(dataDir, 'offline'), IMZALA_OFFLINE: '1' }), { log: () => undefined });

  signedPdf = await signedSample(pki, ['TEST contract checked in the page']);
});

afterAll(async () => {
  await service?.close();
  await offlineService?.close();
  await pki?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  pki.mode = 'normal';
  pki.server.requests.length = 0;
});

describe('createProxyFetcher against the running service', () => {
  it('validateDocument in-process through the proxy: revocation "good" from OCSP, the same report as POST /api/v1/verify', async () => {
    const fetcher = createProxyFetcher(service.url);
    const checkedAt = new Date();
    const inPage = await validateDocument(
      { name: 'contract.pdf', source: bytesSource(signedPdf) },
      { anchors: [pki.certs.root], validationTime: checkedAt, crls: [], language: 'az', revocation: { offline: false, required: false, fetcher } },
      checkedAt,
    );
    expect(inPage.status).toBe('VALID');
    expect(inPage.signatures[0]!.revocation).toEqual({ status: 'good', source: 'ocsp' });
    // The page asked the responder (through the proxy) for the signer, and the root's CRL for the ICA.
    expect(pki.server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /root.crl', 'POST /ocsp']);
    expect(lines.filter((l) => l.startsWith('imzala: revocation proxy:'))).toHaveLength(2);

    const form = new FormData();
    form.append('file', new Blob([Buffer.from(signedPdf)]), 'contract.pdf');
    const res = await fetch(`${service.url}/api/v1/verify`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const onService = (await res.json()) as Record<string, unknown>;
    const { checkedAt: _a, ...pageRest } = JSON.parse(JSON.stringify(inPage)) as Record<string, unknown>;
    const { checkedAt: _b, ...serviceRest } = onService;
    expect(serviceRest).toEqual(pageRest);
  });

  it('a chain made with openssl that the service does not trust, naming the same responder: refused, and the responder sees nothing', async () => {
    const { foreignLeaf, foreignRoot } = pki.certs;
    const fetcher = createProxyFetcher(`${service.url}/`);
    const body = { body: buildOcspRequest(foreignLeaf, foreignRoot), contentType: 'application/ocsp-request' };
    const refused = await rejection(fetcher.fetch(pki.ocspUrl, body, { path: [foreignLeaf, foreignRoot] }));
    expect(refused).toEqual({ code: 'REVOCATION_FETCH_FAILED', details: { url: pki.ocspUrl, status: 403, proxyCode: 'REVOCATION_PROXY_ANCHOR_UNKNOWN' } });
    expect(pki.server.requests).toEqual([]);
  });

  it('the CRL bytes come back exactly as the CA server serves them', async () => {
    const bytes = await createProxyFetcher(service.url).fetch(pki.icaCrlUrl, undefined, { path: [pki.certs.signer, pki.certs.ica, pki.certs.root] });
    expect(bytes).toEqual(pki.icaCrl);
  });

  it('maps the proxy\'s answers to core\'s fetch codes and keeps the proxy\'s code', async () => {
    const path = [pki.certs.signer, pki.certs.ica, pki.certs.root];
    const body = { body: buildOcspRequest(pki.certs.signer, pki.certs.ica, new Uint8Array(32).fill(9)), contentType: 'application/ocsp-request' };
    expect(await rejection(createProxyFetcher(offlineService.url).fetch(pki.ocspUrl, body, { path }))).toMatchObject({
      code: 'REVOCATION_FETCH_FAILED', details: { status: 503, proxyCode: 'REVOCATION_PROXY_OFFLINE' },
    });
    pki.mode = 'http-500';
    expect(await rejection(createProxyFetcher(service.url).fetch(pki.ocspUrl, body, { path }))).toMatchObject({
      code: 'REVOCATION_FETCH_FAILED', details: { status: 502, proxyCode: 'REVOCATION_FETCH_FAILED' },
    });
    // No path: nothing is sent at all.
    let sent = 0;
    const counting: typeof fetch = (...args) => (sent++, fetch(...args));
    expect(await rejection(createProxyFetcher(service.url, counting).fetch(pki.ocspUrl, body))).toMatchObject({ code: 'REVOCATION_FETCH_FAILED' });
    expect(sent).toBe(0);
    // A service that cannot be reached.
    expect(await rejection(createProxyFetcher('http://127.0.0.1:9').fetch(pki.ocspUrl, body, { path }))).toMatchObject({ code: 'REVOCATION_FETCH_FAILED' });
  });
});
