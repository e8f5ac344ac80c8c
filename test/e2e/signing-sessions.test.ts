/**
 * One-off signing sessions on the running service as `imzala serve` starts it (IMZALA_ASAN=simulator,
 * IMZALA_SIMA=simulator): the extension's way to sign an e-mail attachment on the phone. ASAN İmza signs a PDF (checked
 * by imzala and by poppler's pdfsig) and SİMA a text file through the service's own "scan" endpoint; each result is
 * served once, then the session is gone and nothing is left in the upload directory or the process store. A process's
 * SİMA signing still works beside them (its app requests pass the one-off routes untouched). The service's log never
 * names a document.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../../core/io/byte-source.js';
import { loadTrustStore } from '../../verifier/node/trust-dir.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { DEMO_SIMA_FIN } from '../../verifier/pki-demo/sima-demo.js';
import { loadServerConfig, type ServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { linkToken, serviceSecret } from '../../verifier/server/services/link-tokens.js';
import { tempDir } from '../support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../support/nss.js';

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let config: ServerConfig;
const log: string[] = [];
const pdf = Buffer.from(samplePdf(['TEST poçtdan gələn müqavilə']));
const text = Buffer.from('TEST qaimə-faktura\n');

beforeAll(async () => {
  tmp = tempDir('imzala-sessions-e2e-');
  config = loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data'), IMZALA_ASAN: 'simulator', IMZALA_SIMA: 'simulator', IMZALA_VERIFY_WORKERS: '0' });
  server = await startServer(config, { log: (line) => log.push(line) });
}, 120_000);

afterAll(async () => {
  await server?.close();
  tmp?.cleanup();
});

/** The result of a session, its body as bytes. */
const result = (id: string, secret: string) =>
  request(server.url).get(`/api/v1/sessions/${id}/result`).query({ secret }).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every file below `dir`. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

async function checked(name: string, bytes: Buffer) {
  const anchors = loadTrustStore([join(config.dataDir, 'demo-pki', 'trust')]).anchors;
  return validateDocument({ name, source: bytesSource(new Uint8Array(bytes)) }, { anchors, validationTime: new Date(), crls: [], language: 'en' });
}

describe('one-off signing sessions on the running service', () => {
  it('ASAN İmza signs a PDF: verified by imzala and pdfsig, served once, nothing kept', async () => {
    const created = await request(server.url)
      .post('/api/v1/sessions')
      .set('Origin', 'chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn')
      .field('tool', 'asan').field('phone', '+994500000001').field('userId', '000001')
      .attach('file', pdf, 'poçt-müqaviləsi.pdf');
    expect(created.status, created.text).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe('*');
    const { id, secret, verificationCode } = created.body as { id: string; secret: string; verificationCode: string };
    const phone = await request(server.url).get('/simulator/asan/sessions');
    const pending = (phone.body.sessions as { id: string; verificationCode: string; documentName: string }[]).find((s) => s.verificationCode === verificationCode);
    expect(pending?.documentName).toBe('poçt-müqaviləsi.pdf');
    expect((await request(server.url).post(`/simulator/asan/sessions/${pending!.id}/approve`)).status).toBe(200);
    expect((await request(server.url).get(`/api/v1/sessions/${id}`).query({ secret })).body.status).toBe('signed');
    const res = await result(id, secret);
    expect(res.status).toBe(200);
    const report = await checked('poçt-müqaviləsi.pdf', res.body as Buffer);
    expect(report.status).toMatch(/^VALID/);
    const file = join(tmp.dir, 'signed.pdf');
    writeFileSync(file, res.body as Buffer);
    const db = createNssDb(join(tmp.dir, 'nss'));
    trustRoot(db, join(config.dataDir, 'demo-pki', 'trust', 'rca.pem'));
    expect(pdfsigVerify(db, file)).toContain('Signature is Valid.');
    expect((await request(server.url).get(`/api/v1/sessions/${id}/result`).query({ secret })).status).toBe(404);
    expect(filesIn(config.uploadDir)).toEqual([]);
  });

  it('SİMA signs a text file through the simulator scan; the .asice verifies and is served once', async () => {
    const created = await request(server.url).post('/api/v1/sessions').field('tool', 'sima').field('fin', DEMO_SIMA_FIN).attach('file', text, 'qaimə.txt');
    expect(created.status, created.text).toBe(201);
    const { id, secret, operations } = created.body as { id: string; secret: string; operations: { qrUrl: string }[] };
    const scan = await request(server.url).post('/simulator/sima/scan').send({ url: operations[0]!.qrUrl });
    expect(scan.status, scan.text).toBe(200);
    expect(scan.body.callback).toMatchObject({ status: 200, body: { status: 'success' } });
    const state = await request(server.url).get(`/api/v1/sessions/${id}`).query({ secret });
    expect(state.body).toMatchObject({ status: 'signed', resultName: 'qaimə.txt.asice', signer: { fin: DEMO_SIMA_FIN } });
    const res = await result(id, secret);
    expect(res.status).toBe(200);
    expect((await checked('qaimə.txt.asice', res.body as Buffer)).status).toMatch(/^VALID/);
    expect((await request(server.url).get(`/api/v1/sessions/${id}/result`).query({ secret })).status).toBe(404);
    expect(filesIn(config.uploadDir)).toEqual([]);
  });

  it("a process's SİMA signing still completes beside the one-off routes; no one-off document reached the store", async () => {
    const started = await request(server.url)
      .post('/api/v1/processes')
      .field('process', JSON.stringify({
        name: 'TEST proses', deadline: new Date(Date.now() + 86_400_000).toISOString(), initiator: { email: 'initiator@example.test' },
        signers: [{ type: 'citizen', name: 'TEST RZAYEVA LEYLA', fin: DEMO_SIMA_FIN, email: 'leyla@example.test' }],
      }))
      .attach('documents', Buffer.from(samplePdf(['TEST proses sənədi'])), 'proses.pdf');
    expect(started.status, started.text).toBe(201);
    const token = linkToken(serviceSecret(config.dataDir), started.body.id, 0);
    const run = await request(server.url).post(`/api/v1/signing/${token}/sima`).send({});
    expect(run.status, run.text).toBe(200);
    const scan = await request(server.url).post('/simulator/sima/scan').send({ url: run.body.operations[0].qrUrl });
    expect(scan.body.callback).toMatchObject({ status: 200, body: { status: 'success' } });
    expect((await request(server.url).get(`/api/v1/signing/${token}/sima/${run.body.runId}`)).body.status).toBe('signed');
    // No file under the data directory (store, uploads, outbox) holds a byte sequence of the one-off documents.
    const holding = walk(config.dataDir).filter((f) => {
      const bytes = readFileSync(f);
      return bytes.includes(text) || bytes.includes(pdf);
    });
    expect(holding).toEqual([]);
    // The service's own lines (the ASAN simulator plays the phone, which shows the name, and logs as the phone).
    const own = log.filter((l) => l.startsWith('imzala: one-off'));
    expect(own.length).toBe(4);
    expect(own.join('\n')).not.toMatch(/poçt-müqaviləsi|qaimə|[0-9a-f]{64}/);
  });
});
