/**
 * The service over HTTP (supertest, in process): a TEST-signed PDF checks VALID with its signer's FIN, a
 * tampered one INVALID, and every refusal has its code, status and language; uploads never stay on disk.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { concatBytes, latin1Bytes, latin1String } from '../../core/encoding/bytes.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { digest } from '../../core/crypto/hash.js';
import { buildCadesSignature } from '../../core/cms/build-signed-data.js';
import { keyPairSigner } from '../../core/signing/key-pair-signer.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { writeDemoHierarchy } from '../pki-demo/write-demo.js';
import { DEMO_FINS } from '../pki-demo/demo-hierarchy.js';
import { samplePdf } from '../demo/sample-pdf.js';
import { createApp } from './app.js';
import { loadServerConfig, type ServerConfig } from './config.js';
import { classifyError } from './http-errors.js';
import { demoPkiDir, loadServerTrust, type ServerTrust } from './trust.js';
import { createVerifyPool, JOBS_PER_WORKER } from './verify-pool.js';

let dataDir: string;
let config: ServerConfig;
let trust: ServerTrust;
let app: Express;
let signedPdf: Buffer;
let detachedSignature: Buffer;
let detachedContent: Buffer;
const logged: string[] = [];

const configFor = (env: Record<string, string>) => loadServerConfig({ IMZALA_DATA_DIR: dataDir, IMZALA_OFFLINE: '1', ...env });
const appWith = (env: Record<string, string>) => createApp(configFor(env), trust, { log: (l) => logged.push(l) });
const verify = (target: Express, body: Buffer | string, name = 'müqavilə.pdf') =>
  request(target).post('/api/v1/verify').attach('file', Buffer.from(body), name);

/** Asserts the error body shape: exactly {error: {code, message}}, no stack or source paths. */
function expectError(res: request.Response, status: number, code: string): string {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body as object)).toEqual(['error']);
  const error = (res.body as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  expect(error.code).toBe(code);
  expect(res.text).not.toMatch(/\.ts:\d+|\.js:\d+|\n\s+at /);
  return error.message as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'imzala-server-'));
  // The TEST hierarchy where the service would write it; the service must pick it up rather than write another.
  const { hierarchy } = await writeDemoHierarchy(demoPkiDir({ dataDir }));
  config = configFor({ IMZALA_RATE_LIMIT: '1000' });
  trust = await loadServerTrust(config);
  app = createApp(config, trust, { log: (l) => logged.push(l) });
  const signer = await keyPairSigner({
    certificate: hierarchy.citizen.certificate,
    chain: [hierarchy.ica.certificate, hierarchy.pca.certificate],
    privateKeyPkcs8: hierarchy.citizen.privateKeyPkcs8!,
  });
  detachedContent = Buffer.from('TEST akt: 1000 AZN\n');
  detachedSignature = Buffer.from(
    await buildCadesSignature({ signer, contentDigest: digest('SHA-256', detachedContent), signingTime: new Date() }),
  );
  const plain = samplePdf(['TEST contract', 'Party 1: TEST citizen']);
  const { update } = await signPdf(bytesSource(plain), signer, { signingTime: new Date() });
  signedPdf = Buffer.from(concatBytes(plain, update));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

afterEach(() => {
  // Every request, answered or refused, leaves nothing in the upload area.
  if (existsSync(config.uploadDir)) expect(readdirSync(config.uploadDir)).toEqual([]);
});

describe('trust', () => {
  it('uses the TEST hierarchy already in $IMZALA_DATA_DIR/demo-pki when the trust dir has no anchors', () => {
    expect(trust.isTestTrust).toBe(true);
    expect(trust.anchors).toHaveLength(1);
    expect(JSON.stringify(trust.anchors[0]!.subject)).toMatch(/TEST/);
  });

  it('uses the trust dir when it holds anchors, and then is not TEST trust', async () => {
    const own = join(dataDir, 'own-trust');
    mkdirSync(own);
    copyFileSync(join(demoPkiDir({ dataDir }), 'trust', 'rca.pem'), join(own, 'root.pem'));
    const configured = await loadServerTrust(configFor({ IMZALA_TRUST_DIR: own }));
    expect(configured.isTestTrust).toBe(false);
    expect(configured.anchors.map((a) => a.sha256)).toEqual(trust.anchors.map((a) => a.sha256));
  });
});

describe('GET /healthz', () => {
  it('answers {"status":"ok"} with helmet headers and a strict CSP', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('an unknown route is a JSON 404', async () => {
    expectError(await request(app).get('/nothing-here'), 404, 'NOT_FOUND');
  });
});

describe('POST /api/v1/verify', () => {
  it('a TEST-signed PDF is VALID, with the signer FIN and the uploaded name', async () => {
    const res = await verify(app, signedPdf);
    expect(res.status).toBe(200);
    expect(res.body.schema).toBe('imzala.report/1');
    expect(res.body.status).toBe('VALID');
    expect(res.body.file).toMatchObject({ name: 'müqavilə.pdf', format: 'pdf', size: signedPdf.length });
    expect(res.body.signatures).toHaveLength(1);
    expect(res.body.signatures[0].signer.fin).toBe(DEMO_FINS.citizen);
    expect(res.body.trustAnchors[0].subject).toMatch(/TEST/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the format comes from the bytes, not the name', async () => {
    const res = await verify(app, signedPdf, 'notes.txt');
    expect(res.status).toBe(200);
    expect(res.body.file.format).toBe('pdf');
  });

  it('a detached .p7s is checked with its signed file in the field `content`; alone it is 422 CMS_CONTENT_MISSING', async () => {
    const res = await request(app)
      .post('/api/v1/verify')
      .attach('file', detachedSignature, 'akt.txt.p7s')
      .attach('content', detachedContent, 'akt.txt');
    expect(res.status).toBe(200);
    expect(res.body.file.format).toBe('cms');
    expect(res.body.status).toBe('VALID');
    expect(res.body.signatures[0].signer.fin).toBe(DEMO_FINS.citizen);
    const changed = await request(app)
      .post('/api/v1/verify')
      .attach('file', detachedSignature, 'akt.txt.p7s')
      .attach('content', Buffer.from('TEST akt: 9000 AZN\n'), 'akt.txt');
    expect(changed.body.status).toBe('INVALID');
    const alone = await request(app).post('/api/v1/verify?lang=en').attach('file', detachedSignature, 'akt.txt.p7s');
    expect(expectError(alone, 422, 'CMS_CONTENT_MISSING')).toMatch(/signed file/i);
  });

  it('a PDF changed after signing is INVALID with HASH_FAILURE', async () => {
    const text = latin1String(signedPdf);
    const tampered = Buffer.from(latin1Bytes(text.replace('TEST contract', 'TEST kontrakt')));
    expect(tampered.equals(signedPdf)).toBe(false);
    const res = await verify(app, tampered);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('INVALID');
    expect(res.body.signatures[0].subIndication).toBe('HASH_FAILURE');
  });

  it('`at` validates as of another time; a malformed one is 400 INVALID_TIME', async () => {
    const at = new Date(Date.now() + 60_000).toISOString();
    const ok = await request(app).post('/api/v1/verify').field('at', at).attach('file', signedPdf, 'a.pdf');
    expect(ok.status).toBe(200);
    expect(ok.body.validationTime).toBe(at);
    const bad = await request(app).post('/api/v1/verify').field('at', 'yesterday').attach('file', signedPdf, 'a.pdf');
    expect(expectError(bad, 400, 'INVALID_TIME')).toContain('yesterday');
  });

  it('no file is 400 FILE_MISSING, in Azerbaijani by default', async () => {
    const message = expectError(await request(app).post('/api/v1/verify').field('at', '2025-01-01'), 400, 'FILE_MISSING');
    expect(message).toContain('göndərilməyib');
    expectError(await request(app).post('/api/v1/verify'), 400, 'FILE_MISSING');
  });

  it('a file in another field is 400 UPLOAD_INVALID', async () => {
    expectError(await request(app).post('/api/v1/verify').attach('document', signedPdf, 'a.pdf'), 400, 'UPLOAD_INVALID');
  });

  it('garbage is 415 FORMAT_UNKNOWN, in the language asked for', async () => {
    const garbage = 'just some text, no signature at all\n'.repeat(10);
    expect(expectError(await verify(app, garbage), 415, 'FORMAT_UNKNOWN')).toContain('tanıdığı');
    const en = await request(app).post('/api/v1/verify?lang=en').attach('file', Buffer.from(garbage), 'x.pdf');
    expect(expectError(en, 415, 'FORMAT_UNKNOWN')).toBe('The file is not a signed format imzala knows (PDF, CMS .p7s, ASiC).');
    const ru = await request(app).post('/api/v1/verify').set('Accept-Language', 'de-DE, ru;q=0.8, en;q=0.5').attach('file', Buffer.from(garbage), 'x.pdf');
    expect(expectError(ru, 415, 'FORMAT_UNKNOWN')).toMatch(/^Файл не относится/);
    const field = await request(app).post('/api/v1/verify').field('lang', 'en').attach('file', Buffer.from(garbage), 'x.pdf');
    expect(expectError(field, 415, 'FORMAT_UNKNOWN')).toMatch(/^The file is not/);
  });

  it('an empty file and a broken CMS are 422 with the reading code', async () => {
    expectError(await verify(app, Buffer.alloc(0)), 422, 'FILE_EMPTY');
    // Looks like a CMS SignedData by its first bytes, but the rest is not DER.
    const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    const broken = Buffer.from([0x30, 0x20, ...oid, 0xa0, 0x7f, 0xff, 0x01, 0x02]);
    const res = await verify(app, broken, 'x.p7s');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
    expect(res.body.error.code).not.toBe('INTERNAL_ERROR');
  });

  it('a file over the limit is 413 FILE_TOO_LARGE, and the partial upload is gone', async () => {
    const small = appWith({ IMZALA_MAX_UPLOAD_BYTES: '1024' });
    const message = expectError(await request(small).post('/api/v1/verify?lang=en').attach('file', signedPdf, 'big.pdf'), 413, 'FILE_TOO_LARGE');
    expect(message).toContain('1024');
  });

  it('the third request within a minute with a limit of 2 is 429 RATE_LIMITED', async () => {
    const limited = appWith({ IMZALA_RATE_LIMIT: '2' });
    expect((await verify(limited, signedPdf)).status).toBe(200);
    expect((await verify(limited, 'garbage')).status).toBe(415);
    const third = await request(limited).post('/api/v1/verify?lang=en').attach('file', signedPdf, 'a.pdf');
    expect(expectError(third, 429, 'RATE_LIMITED')).toMatch(/Too many requests/);
    expect(third.headers['ratelimit-policy'] ?? third.headers['ratelimit']).toBeDefined();
    // Other routes are not limited.
    expect((await request(limited).get('/healthz')).status).toBe(200);
  });

  it('a client that goes away mid-upload leaves no file behind', async () => {
    const server: Server = app.listen(0);
    try {
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      const boundary = 'imzala-abort';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
      const req = httpRequest({
        port, method: 'POST', path: '/api/v1/verify',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 10 * signedPdf.length) },
      });
      req.on('error', () => undefined);
      req.write(head);
      req.write(signedPdf);
      // Only once the server has started writing the upload does the client go away.
      for (let i = 0; i < 500 && !(existsSync(config.uploadDir) && readdirSync(config.uploadDir).length); i++) await new Promise((r) => setTimeout(r, 10));
      expect(readdirSync(config.uploadDir).length).toBe(1);
      req.destroy();
      for (let i = 0; i < 500 && readdirSync(config.uploadDir).length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(readdirSync(config.uploadDir)).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('POST /api/v1/verify in verification workers', () => {
  /** A worker script written for the test (crashing, or never answering), in the data dir. */
  const script = (name: string, body: string) => {
    const path = join(dataDir, name);
    writeFileSync(path, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
    return path;
  };
  /** Answers for a report without its times, which differ between two checks. */
  const timeless = (body: Record<string, unknown>) => JSON.stringify(body, (k, v: unknown) => (k === 'checkedAt' || k === 'validationTime' ? undefined : v));

  it('a worker gives the same report as the HTTP thread: VALID with the FIN, and HASH_FAILURE when tampered', async () => {
    const pool = createVerifyPool(config, trust, { workers: 1, log: (l) => logged.push(l) });
    try {
      const pooled = createApp(config, trust, { log: (l) => logged.push(l), verifyService: pool });
      const [inWorker, inThread] = [await verify(pooled, signedPdf), await verify(app, signedPdf)];
      expect(inWorker.status).toBe(200);
      expect(inWorker.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
      expect(inWorker.headers['cache-control']).toBe('no-store');
      expect(inWorker.body.status).toBe('VALID');
      expect(inWorker.body.signatures[0].signer.fin).toBe(DEMO_FINS.citizen);
      expect(timeless(inWorker.body as Record<string, unknown>)).toBe(timeless(inThread.body as Record<string, unknown>));
      const tampered = Buffer.from(latin1Bytes(latin1String(signedPdf).replace('TEST contract', 'TEST kontrakt')));
      expect((await verify(pooled, tampered)).body.signatures[0].subIndication).toBe('HASH_FAILURE');
      // Refusals made in the worker keep their code, status and language.
      const garbage = await request(pooled).post('/api/v1/verify?lang=en').attach('file', Buffer.from('no signature here\n'.repeat(8)), 'x.pdf');
      expect(expectError(garbage, 415, 'FORMAT_UNKNOWN')).toMatch(/^The file is not a signed format/);
      expectError(await verify(pooled, Buffer.alloc(0)), 422, 'FILE_EMPTY');
      const at = new Date(Date.now() + 60_000).toISOString();
      expect((await request(pooled).post('/api/v1/verify').field('at', at).attach('file', signedPdf, 'a.pdf')).body.validationTime).toBe(at);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies answers its request 500 INTERNAL_ERROR and is replaced', async () => {
    const lines: string[] = [];
    const pool = createVerifyPool(config, trust, { workers: 1, log: (l) => lines.push(l), workerScript: script('crash.mjs', 'parentPort.on("message", () => process.exit(7));') });
    try {
      const pooled = createApp(config, trust, { log: (l) => lines.push(l), verifyService: pool });
      expectError(await verify(pooled, signedPdf), 500, 'INTERNAL_ERROR');
      expect(lines, lines.join('\n')).toContainEqual(expect.stringMatching(/verification worker \d+ stopped \(exit code 7\); starting another/));
      expect(pool.size).toBe(1);
      // The replacement takes the next request (and dies the same way: this script always does).
      expectError(await verify(pooled, signedPdf), 500, 'INTERNAL_ERROR');
      expect(lines.filter((l) => /stopped \(exit code 7\); starting another/.test(l))).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('beyond the queue bound a request is 503 SERVER_BUSY, in the language asked for; close() answers the waiting ones', async () => {
    const pool = createVerifyPool(config, trust, { workers: 1, maxQueued: 1, workerScript: script('hang.mjs', 'parentPort.on("message", () => {});') });
    const pooled = createApp(config, trust, { log: (l) => logged.push(l), verifyService: pool });
    const held = Array.from({ length: JOBS_PER_WORKER + 1 }, () => verify(pooled, signedPdf).then((r) => r));
    // Wait until the worker holds its jobs and one waits in the queue (asking earlier could take a place in it
    // and wait for ever on the silent worker), then ask once more.
    for (let i = 0; i < 500 && pool.queued < 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(pool.queued).toBe(1);
    const busy = await request(pooled).post('/api/v1/verify?lang=en').attach('file', signedPdf, 'a.pdf');
    expect(expectError(busy, 503, 'SERVER_BUSY')).toMatch(/too busy/);
    const az = await request(pooled).post('/api/v1/verify').attach('file', signedPdf, 'a.pdf');
    expect(expectError(az, 503, 'SERVER_BUSY')).toMatch(/məşğuldur/);
    const ru = await request(pooled).post('/api/v1/verify?lang=ru').attach('file', signedPdf, 'a.pdf');
    expect(expectError(ru, 503, 'SERVER_BUSY')).toMatch(/перегружен/);
    await pool.close();
    // The queued request is refused as busy, the ones the terminated worker held get 500; none is left hanging.
    const statuses = (await Promise.all(held)).map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(JOBS_PER_WORKER).fill(500), 503]);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 JSON document naming the routes', async () => {
    const res = await request(app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/api/v1/verify']!)).toEqual(['post']);
    expect(doc.paths['/healthz']).toBeDefined();
  });
});

describe('errors', () => {
  it('anything not an ImzalaError is a generic 500 INTERNAL_ERROR', () => {
    expect(classifyError(new TypeError('secret internals'))).toEqual({ code: 'INTERNAL_ERROR', status: 500 });
  });
});
