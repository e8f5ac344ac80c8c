/**
 * The service over HTTP (supertest, in process): a TEST-signed PDF checks VALID with its signer's FIN, a
 * tampered one INVALID, and every refusal has its code, status and language; uploads never stay on disk.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { concatBytes, latin1Bytes, latin1String } from '../../core/encoding/bytes.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { describePublicKey } from '../../core/crypto/public-key.js';
import { defaultSignatureAlgorithm, importSigningKey, signWithKey } from '../../core/crypto/key-signer.js';
import { subjectPublicKeyInfoOf } from '../../core/cms/build-signed-data.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { writeDemoHierarchy } from '../pki-demo/write-demo.js';
import { DEMO_FINS } from '../pki-demo/demo-hierarchy.js';
import { samplePdf } from '../demo/sample-pdf.js';
import { createApp } from './app.js';
import { loadServerConfig, type ServerConfig } from './config.js';
import { classifyError } from './http-errors.js';
import { demoPkiDir, loadServerTrust, type ServerTrust } from './trust.js';

let dataDir: string;
let config: ServerConfig;
let trust: ServerTrust;
let app: Express;
let signedPdf: Buffer;
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
  const entity = hierarchy.citizen;
  const algorithm = defaultSignatureAlgorithm(describePublicKey(subjectPublicKeyInfoOf(entity.certificate)));
  const key = await importSigningKey(entity.privateKeyPkcs8!, algorithm);
  const signer = {
    certificate: entity.certificate,
    chain: [hierarchy.ica.certificate, hierarchy.pca.certificate],
    algorithm,
    sign: ({ toBeSigned }: { toBeSigned: Uint8Array }) => signWithKey(key, algorithm, toBeSigned),
  };
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
