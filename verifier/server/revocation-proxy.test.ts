/**
 * POST /api/v1/revocation over HTTP (supertest against the real app) with a real PKI whose certificates name a
 * responder on 127.0.0.1: what may be fetched is fetched and handed over byte for byte; every refusal has its
 * code and status and fetches nothing; CRLs and OCSP answers are cached and shared as described.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { toBase64 } from '../../core/encoding/base64.js';
import type { Certificate } from '../../core/pki/certificate.js';
import { buildOcspRequest } from '../../core/pki/revocation/ocsp.js';
import { startRevocationPki, type RevocationPki } from '../../test/support/revocation-pki.js';
import { createApp } from './app.js';
import { loadServerConfig, type ServerConfig } from './config.js';
import { sendError } from './http-errors.js';
import { MAX_PROXY_BODY_BYTES, revocationRouter } from './routes/revocation.js';
import { createRevocationProxy, OCSP_CACHE_MS, type RevocationProxyOptions } from './services/revocation-proxy.js';
import type { ServerTrust } from './trust.js';

let pki: RevocationPki;
let dataDir: string;
let config: ServerConfig;
let trust: ServerTrust;
let app: Express;
const logged: string[] = [];

const b64 = (certs: readonly Certificate[]) => certs.map((c) => toBase64(c.der));
const signerPath = () => [pki.certs.signer, pki.certs.ica, pki.certs.root];
const ocspBody = (nonce?: Uint8Array) => ({
  url: pki.ocspUrl,
  path: b64(signerPath()),
  ocspRequest: toBase64(buildOcspRequest(pki.certs.signer, pki.certs.ica, nonce)),
});
const crlBody = () => ({ url: pki.icaCrlUrl, path: b64(signerPath()) });
const post = (target: Express, body: unknown) => request(target).post('/api/v1/revocation').send(body as object);

function expectError(res: request.Response, status: number, code: string): string {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  const message = (res.body as { error: { message: string } }).error.message;
  // A real message from the catalog, not the code echoed back.
  expect(message).not.toContain(code);
  return message;
}

/** The proxy route alone on an app with the service's error handler, for limits a test can reach quickly. */
function routeApp(options: Partial<RevocationProxyOptions>, offline = false, cacheDir = join(dataDir, 'route-cache')): Express {
  const proxy = createRevocationProxy({ offline, revocationCacheDir: cacheDir }, trust, { log: (l) => logged.push(l), ...options });
  const a = express();
  a.use(revocationRouter({ rateLimitPerMinute: 1000 }, proxy));
  a.use((err: unknown, req: Request, res: Response, _next: NextFunction) => sendError(req, res, err));
  return a;
}

beforeAll(async () => {
  pki = await startRevocationPki();
  dataDir = mkdtempSync(join(tmpdir(), 'imzala-proxy-'));
  config = loadServerConfig({ IMZALA_DATA_DIR: dataDir, IMZALA_OFFLINE: '0', IMZALA_RATE_LIMIT: '1000' });
  trust = { anchors: [pki.certs.root], isTestTrust: false, problems: [] };
  app = createApp(config, trust, { log: (l) => logged.push(l) });
});

afterAll(async () => {
  await pki?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  pki.mode = 'normal';
  pki.server.requests.length = 0;
  logged.length = 0;
});

describe('what the proxy fetches', () => {
  it('an OCSP request for a trusted path: the responder\'s answer byte for byte, no-store, and one log line without certificate data', async () => {
    const res = await post(app, ocspBody(new Uint8Array(32).fill(7))).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(new Uint8Array(res.body as Buffer)).toEqual(pki.ocspAnswers.at(-1));
    expect(pki.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ocsp']);
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^imzala: revocation proxy: POST ${pki.ocspUrl}: \\d+ bytes$`))]);
  });

  it('a CRL for a trusted path is fetched once, kept in the file cache until its nextUpdate, and served from there', async () => {
    const first = await post(app, crlBody()).buffer(true);
    expect(first.status).toBe(200);
    expect(new Uint8Array(first.body as Buffer)).toEqual(pki.icaCrl);
    const second = await post(app, crlBody()).buffer(true);
    expect(new Uint8Array(second.body as Buffer)).toEqual(pki.icaCrl);
    expect(pki.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /ica.crl']);
    expect(logged).toHaveLength(1);
    expect(readdirSync(config.revocationCacheDir).filter((f) => f.endsWith('.der'))).toHaveLength(1);
  });

  it('the ICA\'s own CRL with the path [ICA, root]', async () => {
    const res = await post(app, { url: pki.rootCrlUrl, path: b64([pki.certs.ica, pki.certs.root]) }).buffer(true);
    expect(res.status).toBe(200);
    expect(new Uint8Array(res.body as Buffer)).toEqual(pki.rootCrl);
  });

  it('OCSP answers are kept in memory per request body for 5 minutes; concurrent asks share one fetch', async () => {
    let clock = Date.now();
    const route = routeApp({ now: () => clock });
    pki.mode = { delayMs: 200 };
    const body = ocspBody();
    const answers = await Promise.all([1, 2, 3].map(() => post(route, body).buffer(true)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(pki.server.requests).toHaveLength(1);
    for (const a of answers) expect(new Uint8Array(a.body as Buffer)).toEqual(pki.ocspAnswers.at(-1));

    clock += OCSP_CACHE_MS - 1000;
    expect((await post(route, body)).status).toBe(200);
    expect(pki.server.requests).toHaveLength(1);
    // Another request body (another nonce) is another key.
    expect((await post(route, ocspBody(new Uint8Array(32).fill(1)))).status).toBe(200);
    expect(pki.server.requests).toHaveLength(2);

    clock += 2000;
    expect((await post(route, body)).status).toBe(200);
    expect(pki.server.requests).toHaveLength(3);
  });
});

describe('refusals: nothing is fetched', () => {
  const refusals: [string, () => unknown, number, string][] = [
    ['a body that is not JSON', () => '{"url": ', 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['a JSON array', () => [1, 2], 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['no url', () => ({ path: b64(signerPath()) }), 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['a path that is not an array', () => ({ url: pki.icaCrlUrl, path: 'x' }), 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['a certificate that is not base64', () => ({ url: pki.icaCrlUrl, path: ['!!!!', toBase64(pki.certs.root.der)] }), 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['base64 that is not a certificate', () => ({ url: pki.icaCrlUrl, path: [toBase64(new Uint8Array([0x30, 3, 2, 1, 1])), toBase64(pki.certs.root.der)] }), 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['an ocspRequest that is not base64', () => ({ ...ocspBody(), ocspRequest: 'a b' }), 400, 'REVOCATION_PROXY_BAD_REQUEST'],
    ['a path of one certificate', () => ({ url: pki.icaCrlUrl, path: b64([pki.certs.signer]) }), 400, 'REVOCATION_PROXY_PATH_LENGTH'],
    ['a path of seven certificates', () => ({ url: pki.icaCrlUrl, path: b64([...signerPath(), ...signerPath(), pki.certs.root]) }), 400, 'REVOCATION_PROXY_PATH_LENGTH'],
    ['an OCSP request over 4 KB', () => ({ ...ocspBody(), ocspRequest: toBase64(new Uint8Array(4097)) }), 400, 'REVOCATION_PROXY_OCSP_REQUEST_TOO_LARGE'],
    ['a path whose ICA has the right name but another key', () => ({ ...crlBody(), path: b64([pki.certs.signer, pki.certs.otherIca, pki.certs.root]) }), 403, 'REVOCATION_PROXY_PATH_INVALID'],
    ['a path that skips the ICA', () => ({ ...crlBody(), path: b64([pki.certs.signer, pki.certs.root]) }), 403, 'REVOCATION_PROXY_PATH_INVALID'],
    ['a path not ending at an anchor', () => ({ ...crlBody(), path: b64([pki.certs.signer, pki.certs.ica]) }), 403, 'REVOCATION_PROXY_ANCHOR_UNKNOWN'],
    ['an openssl-made chain naming the same responder', () => ({ url: pki.ocspUrl, path: b64([pki.certs.foreignLeaf, pki.certs.foreignRoot]), ocspRequest: toBase64(buildOcspRequest(pki.certs.foreignLeaf, pki.certs.foreignRoot)) }), 403, 'REVOCATION_PROXY_ANCHOR_UNKNOWN'],
    ['a non-http address', () => ({ ...crlBody(), url: 'file:///etc/passwd' }), 403, 'REVOCATION_PROXY_URL_UNSUPPORTED'],
    ['an address the certificate does not name', () => ({ ...crlBody(), url: `${pki.server.url}/elsewhere.crl` }), 403, 'REVOCATION_PROXY_URL_NOT_NAMED'],
    ['the OCSP address asked without an OCSP request (as a CRL)', () => ({ ...crlBody(), url: pki.ocspUrl }), 403, 'REVOCATION_PROXY_URL_NOT_NAMED'],
    ['a CRL address asked with an OCSP request', () => ({ ...ocspBody(), url: pki.icaCrlUrl }), 403, 'REVOCATION_PROXY_URL_NOT_NAMED'],
    ['the ICA\'s CRL address with the signer\'s path (named by the ICA, not by path[0])', () => ({ ...crlBody(), url: pki.rootCrlUrl }), 403, 'REVOCATION_PROXY_URL_NOT_NAMED'],
  ];
  for (const [name, body, status, code] of refusals) {
    it(`${name}: ${status} ${code}`, async () => {
      const b = body();
      const res = typeof b === 'string'
        ? await request(app).post('/api/v1/revocation').set('content-type', 'application/json').send(b)
        : await post(app, b);
      expectError(res, status, code);
      expect(pki.server.requests).toEqual([]);
      expect(logged).toEqual([]);
    });
  }

  it('a body over 64 KB: 413 REVOCATION_PROXY_BODY_TOO_LARGE', async () => {
    const res = await post(app, { ...crlBody(), padding: 'x'.repeat(MAX_PROXY_BODY_BYTES) });
    expectError(res, 413, 'REVOCATION_PROXY_BODY_TOO_LARGE');
    expect(pki.server.requests).toEqual([]);
  });

  it('messages follow ?lang= like the rest of the service', async () => {
    const body = { ...crlBody(), path: b64([pki.certs.signer, pki.certs.ica]) };
    const az = expectError(await post(app, body), 403, 'REVOCATION_PROXY_ANCHOR_UNKNOWN');
    const en = expectError(await request(app).post('/api/v1/revocation?lang=en').send(body), 403, 'REVOCATION_PROXY_ANCHOR_UNKNOWN');
    expect(az).toContain('kök sertifikat');
    expect(en).toBe('The certificate path does not end at a root this service trusts; revocation data is fetched only for those.');
  });

  it('a service running offline: 503 REVOCATION_PROXY_OFFLINE', async () => {
    const offline = createApp(loadServerConfig({ IMZALA_DATA_DIR: dataDir, IMZALA_OFFLINE: '1' }), trust, { log: (l) => logged.push(l) });
    expectError(await post(offline, ocspBody()), 503, 'REVOCATION_PROXY_OFFLINE');
    expect(pki.server.requests).toEqual([]);
  });

  it('per client address: IMZALA_RATE_LIMIT=1 allows 10 proxy requests a minute, then 429 RATE_LIMITED', async () => {
    const limited = createApp(loadServerConfig({ IMZALA_DATA_DIR: dataDir, IMZALA_OFFLINE: '0', IMZALA_RATE_LIMIT: '1' }), trust, { log: (l) => logged.push(l) });
    const body = { ...crlBody(), path: b64([pki.certs.signer, pki.certs.ica]) };
    for (let i = 0; i < 10; i++) expect((await post(limited, body)).status).toBe(403);
    expectError(await post(limited, body), 429, 'RATE_LIMITED');
  });
});

describe('upstream failures', () => {
  it('the CA server answers 500: 502 REVOCATION_FETCH_FAILED, logged, nothing cached', async () => {
    pki.mode = 'http-500';
    const cacheDir = join(dataDir, 'failing-cache');
    const route = routeApp({}, false, cacheDir);
    expectError(await post(route, crlBody()), 502, 'REVOCATION_FETCH_FAILED');
    expect(logged).toEqual([`imzala: revocation proxy: GET ${pki.icaCrlUrl}: REVOCATION_FETCH_FAILED`]);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
    pki.mode = 'normal';
    expect((await post(route, crlBody())).status).toBe(200);
  });

  it('the CA server never answers: 504 REVOCATION_FETCH_TIMEOUT after the fetcher\'s limit', async () => {
    pki.mode = 'hang';
    expectError(await post(routeApp({ http: { timeoutMs: 300 } }), ocspBody()), 504, 'REVOCATION_FETCH_TIMEOUT');
  });

  it('the CA server sends more than the fetcher\'s limit: 502 REVOCATION_RESPONSE_TOO_LARGE', async () => {
    pki.mode = 'huge';
    expectError(await post(routeApp({ http: { maxBytes: 1024 } }), ocspBody()), 502, 'REVOCATION_RESPONSE_TOO_LARGE');
  });
});
