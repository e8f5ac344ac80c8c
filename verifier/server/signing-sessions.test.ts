/**
 * One-off signing sessions (POST /api/v1/sessions) on the application with the ASAN İmza simulator and the SİMA phone
 * simulator: a PDF and a text file signed on the "phone", the results checked by imzala and pdfsig, collected once and
 * then gone (memory and upload directory); a refusal on the phone; SİMA with the person's FIN and with someone
 * else's; wrong secrets; CORS only on these routes; cancel, expiry and the limit of sessions at once.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../../test/support/nss.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { Certificate } from '../../core/pki/certificate.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import { samplePdf } from '../demo/sample-pdf.js';
import { DEMO_SIMA_FIN } from '../pki-demo/sima-demo.js';
import { writeDemoHierarchy, type WrittenDemo } from '../pki-demo/write-demo.js';
import { asanProviderFromEnv } from '../providers/asan-real.js';
import type { MobileSignatureProvider } from '../providers/mobile-signature.js';
import { simulateSimaPhone, type SimaTestPerson } from '../providers/sima/phone-simulator.js';
import { createApp } from './app.js';
import { loadServerConfig, type ServerConfig } from './config.js';
import { createSigningSessions, type SigningSessions } from './services/signing-sessions.js';

let tmp: ReturnType<typeof tempDir>;
let demo: WrittenDemo;
let config: ServerConfig;
let sessions: SigningSessions;
let mobile: MobileSignatureProvider;
let server: Server;
let url: string;
let anchors: Certificate[];
let leyla: SimaTestPerson;
/** Added to the real clock: lets a test step past a session's expiry. */
let clockOffset = 0;
const logLines: string[] = [];
const pdf = Buffer.from(samplePdf(['TEST bir dəfəlik imza']));
const text = Buffer.from('TEST akt: bir dəfəlik imza\n');
const phone = { phone: '050 000 00 01', userId: '000001' };

beforeAll(async () => {
  tmp = tempDir('imzala-sessions-');
  demo = await writeDemoHierarchy(join(tmp.dir, 'pki'));
  anchors = [Certificate.fromDer(demo.hierarchy.rca.certificate)];
  leyla = { certificate: demo.sima.citizen.certificate, privateKeyPkcs8: demo.sima.citizen.privateKeyPkcs8!, chain: [demo.sima.mobileCa.certificate, demo.hierarchy.pca.certificate] };
  config = loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data'), IMZALA_VERIFY_WORKERS: '0', IMZALA_OFFLINE: '1' });
  mobile = (await asanProviderFromEnv({ IMZALA_ASAN: 'simulator' }, { demoPkiDir: join(tmp.dir, 'pki') }))!;
  // The client's URLs are known once the server listens; the service reads them per request.
  const client = { clientId: 1, clientName: 'imzala TEST', iconUri: '', callbackUrl: '', publicUrl: '', masterKey: randomBytes(32) };
  sessions = createSigningSessions({
    anchors,
    mobile,
    sima: { client, intermediates: [demo.hierarchy.pca, demo.sima.mobileCa].map((e) => Certificate.fromDer(e.certificate)), ttlSeconds: 300 },
    maxSessions: 3,
    now: () => new Date(Date.now() + clockOffset),
    log: (line) => logLines.push(line),
  });
  const app = createApp(config, { anchors, isTestTrust: true, problems: [] }, { signingSessions: sessions, mobileProvider: mobile, log: () => undefined });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(client, { iconUri: `${url}/favicon.ico`, callbackUrl: `${url}/api/v1/sima/callback`, publicUrl: url });
}, 120_000);

afterAll(async () => {
  sessions?.close();
  await new Promise<void>((resolve) => {
    server?.close(() => resolve());
    server?.closeAllConnections();
  });
  tmp?.cleanup();
});

/** Files left in the upload directory (it may not exist: nothing was ever left). */
function uploadsLeft(): string[] {
  try {
    return readdirSync(config.uploadDir);
  } catch {
    return [];
  }
}

async function createAsan(bytes: Buffer, name: string, who = phone) {
  const res = await request(url).post('/api/v1/sessions').field('tool', 'asan').field('phone', who.phone).field('userId', who.userId).field('lang', 'en').attach('file', bytes, name);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; secret: string; verificationCode: string; sha256: string; name: string; kind: string; status: string };
}

/** The simulator's "phone": the pending session with `code`, approved or denied. */
async function onThePhone(code: string, answer: 'approve' | 'deny'): Promise<void> {
  const list = await request(url).get('/simulator/asan/sessions');
  const session = (list.body.sessions as { id: string; verificationCode: string }[]).find((s) => s.verificationCode === code);
  expect(session, JSON.stringify(list.body)).toBeDefined();
  expect((await request(url).post(`/simulator/asan/sessions/${session!.id}/${answer}`)).status).toBe(200);
}

const status = (id: string, secret: string) => request(url).get(`/api/v1/sessions/${id}`).query({ secret, lang: 'en' });
const result = (id: string, secret: string) => request(url).get(`/api/v1/sessions/${id}/result`).query({ secret }).buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
});

async function check(name: string, bytes: Uint8Array) {
  return validateDocument({ name, source: bytesSource(bytes) }, { anchors, validationTime: new Date(), crls: [], language: 'en' });
}

describe('one-off signing sessions with ASAN İmza (simulator)', () => {
  it('signs a PDF on the phone; the result verifies (imzala and pdfsig), is served once, and nothing is left', async () => {
    const created = await createAsan(pdf, 'müqavilə.pdf');
    expect(created).toMatchObject({ status: 'waiting', name: 'müqavilə.pdf', kind: 'pdf', tool: 'asan' });
    expect(created.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.secret.length).toBeGreaterThanOrEqual(43);
    expect(created.verificationCode).toMatch(/^\d{4}$/);
    expect(uploadsLeft()).toEqual([]);
    expect((await status(created.id, created.secret)).body).toMatchObject({ status: 'waiting', verificationCode: created.verificationCode });
    await onThePhone(created.verificationCode, 'approve');
    const signed = await status(created.id, created.secret);
    expect(signed.body).toMatchObject({ status: 'signed', signer: { name: expect.stringContaining('TEST ƏLİYEV VÜQAR'), fin: expect.any(String) }, resultName: 'müqavilə.pdf' });
    const first = await result(created.id, created.secret);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/application\/pdf/);
    expect(first.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('müqavilə.pdf')}`);
    const bytes = first.body as Buffer;
    expect(Buffer.compare(bytes.subarray(0, pdf.length), pdf)).toBe(0);
    const report = await check('müqavilə.pdf', bytes);
    expect(report.status).toMatch(/^VALID/);
    expect(report.signatures).toHaveLength(1);
    const file = join(tmp.dir, 'session-signed.pdf');
    writeFileSync(file, bytes);
    const db = createNssDb(join(tmp.dir, 'nss'));
    trustRoot(db, join(tmp.dir, 'pki', 'trust', 'rca.pem'));
    expect(pdfsigVerify(db, file)).toContain('Signature is Valid.');
    // Once: the second time the session is gone, and with it every byte.
    const second = await result(created.id, created.secret);
    expect(second.status).toBe(404);
    expect(JSON.parse(second.body.toString()).error.code).toBe('SESSION_NOT_FOUND');
    expect((await status(created.id, created.secret)).status).toBe(404);
    expect(sessions.active).toBe(0);
    expect(uploadsLeft()).toEqual([]);
    // Log lines say what happened, never which document.
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toMatch(/müqavilə|[0-9a-f]{64}/);
  });

  it('signs a text file into an ASiC-E container that verifies', async () => {
    const created = await createAsan(text, 'akt.txt');
    expect(created.kind).toBe('other');
    await onThePhone(created.verificationCode, 'approve');
    expect((await status(created.id, created.secret)).body).toMatchObject({ status: 'signed', resultName: 'akt.txt.asice' });
    const res = await result(created.id, created.secret);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/vnd\.etsi\.asic-e\+zip/);
    const report = await check('akt.txt.asice', res.body as Buffer);
    expect(report.status).toMatch(/^VALID/);
    expect(report.signatures).toHaveLength(1);
    expect((await result(created.id, created.secret)).status).toBe(404);
  });

  it('a refusal on the phone fails the session with its reason, drops the document, and there is no result', async () => {
    const created = await createAsan(pdf, 'rədd.pdf');
    await onThePhone(created.verificationCode, 'deny');
    const failed = await status(created.id, created.secret);
    expect(failed.body).toMatchObject({ status: 'failed', error: { code: 'MOBILE_SIGNATURE_USER_CANCEL', message: expect.stringContaining('declined') } });
    expect(sessions.active).toBe(0);
    const res = await result(created.id, created.secret);
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body.toString()).error.code).toBe('SESSION_NOT_SIGNED');
  });

  it('refuses a wrong or missing secret like an unknown session', async () => {
    const created = await createAsan(pdf, 'gizli.pdf');
    for (const secret of ['', 'x', `${created.secret.slice(0, -1)}A`]) {
      const res = await status(created.id, secret);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('SESSION_NOT_FOUND');
    }
    expect((await request(url).get(`/api/v1/sessions/${created.id}`)).status).toBe(404);
    expect((await request(url).delete(`/api/v1/sessions/${created.id}`).query({ secret: 'wrong' })).status).toBe(404);
    // Cancelled with the right one: gone.
    expect((await request(url).delete(`/api/v1/sessions/${created.id}`).query({ secret: created.secret })).status).toBe(204);
    expect((await status(created.id, created.secret)).status).toBe(404);
    expect(sessions.active).toBe(0);
  });

  it('refuses malformed requests with words', async () => {
    const noTool = await request(url).post('/api/v1/sessions').query({ lang: 'en' }).attach('file', pdf, 'a.pdf');
    expect(noTool.status).toBe(400);
    expect(noTool.body.error).toMatchObject({ code: 'SESSION_REQUEST_INVALID', message: expect.stringContaining("tool must be 'asan' or 'sima'") });
    const badPhone = await request(url).post('/api/v1/sessions').field('tool', 'asan').field('phone', '123').field('userId', '000001').attach('file', pdf, 'a.pdf');
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.code).toBe('PROVIDER_PHONE_INVALID');
    const noFile = await request(url).post('/api/v1/sessions').field('tool', 'asan');
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe('FILE_MISSING');
    expect(uploadsLeft()).toEqual([]);
    expect(sessions.active).toBe(0);
  });

  it('drops a session at expiry, and refuses more than the limit at once (503 SERVER_BUSY)', async () => {
    const a = await createAsan(pdf, 'a.pdf');
    await createAsan(pdf, 'b.pdf');
    await createAsan(text, 'c.txt');
    expect(sessions.active).toBe(3);
    const busy = await request(url).post('/api/v1/sessions').field('tool', 'asan').field('phone', phone.phone).field('userId', phone.userId).attach('file', pdf, 'd.pdf');
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('SERVER_BUSY');
    expect(uploadsLeft()).toEqual([]);
    clockOffset = 11 * 60_000;
    try {
      expect((await status(a.id, a.secret)).status).toBe(404);
      expect(sessions.active).toBe(0);
      // The phone sessions of dropped sessions were cancelled: nothing waits on the simulated phone.
      const list = await request(url).get('/simulator/asan/sessions');
      expect((list.body.sessions as unknown[]).length).toBe(0);
    } finally {
      clockOffset = 0;
    }
  });
});

describe('one-off signing sessions with SİMA (phone simulator)', () => {
  async function createSima(bytes: Buffer, name: string, fin: string | null = DEMO_SIMA_FIN) {
    let req = request(url).post('/api/v1/sessions').field('tool', 'sima').field('lang', 'en');
    if (fin !== null) req = req.field('fin', fin);
    return req.attach('file', bytes, name);
  }

  it('signs a PDF and a text file with the FIN typed in; the results verify and are served once', async () => {
    for (const [bytes, name, resultName] of [[pdf, 'sima.pdf', 'sima.pdf'], [text, 'sima.txt', 'sima.txt.asice']] as const) {
      const res = await createSima(bytes, name);
      expect(res.status, res.text).toBe(201);
      const op = res.body.operations[0] as { qrUrl: string; deepLink: string; qrImage: string };
      expect(op.qrUrl.startsWith(`${url}/api/v1/sima/data?tsquery=`)).toBe(true);
      expect(op.deepLink).toBe(`sima://web-to-app?data=${encodeURIComponent(op.qrUrl)}`);
      const scan = await simulateSimaPhone(op.deepLink, leyla);
      expect(scan.getData.status).toBe(200);
      expect(scan.callback, JSON.stringify(scan)).toMatchObject({ status: 200, body: { status: 'success' } });
      const state = await status(res.body.id, res.body.secret);
      expect(state.body).toMatchObject({ status: 'signed', resultName, signer: { fin: DEMO_SIMA_FIN } });
      const signed = await result(res.body.id, res.body.secret);
      expect(signed.status).toBe(200);
      const report = await check(resultName, signed.body as Buffer);
      expect(report.status).toMatch(/^VALID/);
      expect(report.signatures.at(-1)!.signer?.fin).toBe(DEMO_SIMA_FIN);
      expect((await result(res.body.id, res.body.secret)).status).toBe(404);
    }
    expect(sessions.active).toBe(0);
    expect(uploadsLeft()).toEqual([]);
  });

  it('needs the FIN; a phone of someone else is refused and the session stays unsigned', async () => {
    const noFin = await createSima(pdf, 'x.pdf', null);
    expect(noFin.status).toBe(400);
    expect(noFin.body.error.code).toBe('SESSION_FIN_INVALID');
    const res = await createSima(pdf, 'x.pdf', '1TEST99');
    expect(res.status).toBe(201);
    const scan = await simulateSimaPhone(res.body.operations[0].qrUrl, leyla);
    expect(scan.getData.status).toBe(403);
    expect((scan.getData.body as { error: { code: string } }).error.code).toBe('SIMA_WRONG_PERSON');
    expect((await status(res.body.id, res.body.secret)).body.status).toBe('waiting');
    expect((await request(url).delete(`/api/v1/sessions/${res.body.id}`).query({ secret: res.body.secret })).status).toBe(204);
  });

  it("the app's cancel fails the session", async () => {
    const res = await createSima(text, 'y.txt');
    const scan = await simulateSimaPhone(res.body.operations[0].qrUrl, leyla, { cancel: true });
    expect(scan.callback?.status).toBe(200);
    expect((await status(res.body.id, res.body.secret)).body).toMatchObject({ status: 'failed', error: { code: 'SIMA_APP_OPERATION_CANCELED' } });
    expect(sessions.active).toBe(0);
  });

  it('a document that does not verify is refused and the session fails', async () => {
    const res = await createSima(pdf, 'z.pdf');
    const scan = await simulateSimaPhone(res.body.operations[0].qrUrl, leyla, { tamperDocument: true });
    expect(scan.callback?.status).toBe(422);
    expect((await status(res.body.id, res.body.secret)).body).toMatchObject({ status: 'failed', error: { code: 'SIMA_DOCUMENT_INVALID' } });
  });
});

describe('CORS', () => {
  it('answers any origin on the session routes only', async () => {
    const preflight = await request(url).options('/api/v1/sessions').set('Origin', 'chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn').set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
    const preflightId = await request(url).options('/api/v1/sessions/abc/result').set('Origin', 'https://mail.google.com').set('Access-Control-Request-Method', 'GET');
    expect(preflightId.status).toBe(204);
    expect(preflightId.headers['access-control-allow-origin']).toBe('*');
    const refused = await request(url).get('/api/v1/sessions/abc').query({ secret: 'x' }).set('Origin', 'https://mail.google.com');
    expect(refused.status).toBe(404);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(refused.headers['access-control-allow-credentials']).toBeUndefined();
    for (const path of ['/healthz', '/api/v1/openapi.json', '/api/v1/processes']) {
      const other = await request(url).get(path).set('Origin', 'https://mail.google.com');
      expect(other.headers['access-control-allow-origin'], path).toBeUndefined();
    }
    const doc = JSON.parse((await request(url).get('/api/v1/openapi.json')).text) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/sessions/{id}']!).sort()).toEqual(['delete', 'get']);
  });
});
