/**
 * SİMA Web2App end to end on a running service with the phone SIMULATOR: a process with a PDF and a text file is
 * signed on the "phone" (one QR code per document), the process advances and the next party is mailed (a real SMTP
 * server on 127.0.0.1). Then every way the app's requests can be wrong is refused with its code, and nothing is
 * recorded: forged ts-sign, someone else's FIN, a replayed OperationId, an expired contract, a certificate from an
 * untrusted root, a changed contract (HMAC), a returned PDF that does not verify; and the app's 'operation-canceled'.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../../core/io/byte-source.js';
import { Certificate } from '../../core/pki/certificate.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { createOutboxSender } from '../../verifier/mail/outbox-sender.js';
import { createTransport } from '../../verifier/mail/transport.js';
import { issueCertificate, EXTENDED_KEY_USAGE_OIDS } from '../../verifier/pki-demo/certificate-builder.js';
import { DEMO_SIMA_FIN } from '../../verifier/pki-demo/sima-demo.js';
import { writeDemoHierarchy, type WrittenDemo } from '../../verifier/pki-demo/write-demo.js';
import { simulateSimaPhone, type SimaTestPerson } from '../../verifier/providers/sima/phone-simulator.js';
import { simaSimulatorControlRouter } from '../../verifier/providers/sima/simulator-control.js';
import { createApp } from '../../verifier/server/app.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { sendError } from '../../verifier/server/http-errors.js';
import { simaRouter } from '../../verifier/server/routes/sima.js';
import { linkToken, serviceSecret } from '../../verifier/server/services/link-tokens.js';
import { createProcessService } from '../../verifier/server/services/process-service.js';
import { createSigningService } from '../../verifier/server/services/signing-service.js';
import { createSimaService, type SimaService } from '../../verifier/server/services/sima-service.js';
import { openStore, type Store } from '../../verifier/storage/repository.js';
import { tempDir } from '../support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../support/nss.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let store: Store;
let server: Server;
let url: string;
let data: string;
let demo: WrittenDemo;
let sima: SimaService;
let stopOutbox: () => Promise<void>;
/** Added to the real clock: lets a test step past a contract's ExpUTC. */
let clockOffset = 0;
const TTL = 300;
const pdf = Buffer.from(samplePdf(['TEST SİMA müqaviləsi']));
const text = Buffer.from('TEST SİMA əlavəsi\n');

const person = (e: { certificate: Uint8Array; privateKeyPkcs8?: Uint8Array }, chain: Uint8Array[]): SimaTestPerson => ({
  certificate: e.certificate, privateKeyPkcs8: e.privateKeyPkcs8!, chain,
});
let leyla: SimaTestPerson;

beforeAll(async () => {
  tmp = tempDir('imzala-sima-');
  data = join(tmp.dir, 'data');
  demo = await writeDemoHierarchy(join(tmp.dir, 'pki'));
  leyla = person(demo.sima.citizen, [demo.sima.mobileCa.certificate, demo.hierarchy.pca.certificate]);
  sink = await startSmtpSink();
  const config = loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data, SMTP_URL: sink.url, IMZALA_VERIFY_WORKERS: '0', IMZALA_OFFLINE: '1' });
  store = await openStore(config.storeDir);
  const transport = createTransport({ smtpUrl: sink.url, dataDir: data, from: config.mailFrom, log: () => undefined });
  const anchors = [Certificate.fromDer(demo.hierarchy.rca.certificate)];
  const trust = { anchors, isTestTrust: true, problems: [] };
  const processes = createProcessService({ store, secret: serviceSecret(data), publicUrl: () => url, attachmentLimitBytes: config.mailAttachmentLimitBytes, mailQueued: () => outbox.kick() });
  const outbox = createOutboxSender({ store, transport, compose: (entry) => processes.compose(entry), log: () => undefined });
  stopOutbox = async () => {
    await outbox.stop();
    transport.close();
  };
  const signing = createSigningService({ store, anchors, mailQueued: () => outbox.kick(), sima: { simulated: true } });
  // The client's URLs are known once the server listens; the service keeps this object and reads them per request.
  const client = { clientId: 1, clientName: 'imzala TEST', iconUri: '', callbackUrl: '', publicUrl: '', masterKey: randomBytes(32) };
  sima = createSimaService({
    store,
    anchors,
    intermediates: [demo.hierarchy.pca, demo.hierarchy.ica, demo.sima.mobileCa].map((e) => Certificate.fromDer(e.certificate)),
    client,
    ttlSeconds: TTL,
    simulated: true,
    mailQueued: () => outbox.kick(),
    now: () => new Date(Date.now() + clockOffset),
  });
  const outer = express();
  outer.use(simaRouter(config, sima));
  outer.use(simaSimulatorControlRouter(join(tmp.dir, 'pki')));
  outer.use(createApp(config, trust, { processService: processes, signingService: signing, log: () => undefined }));
  outer.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => sendError(req, res, err));
  server = await new Promise<Server>((resolve) => {
    const s = outer.listen(0, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(client, { iconUri: `${url}/favicon.ico`, callbackUrl: `${url}/api/v1/sima/callback`, publicUrl: url });
  outbox.start();
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve());
    server?.closeAllConnections();
  });
  await stopOutbox?.();
  await store?.close();
  await sink?.close();
  tmp?.cleanup();
});

const leylaSigner = { type: 'citizen', name: 'TEST RZAYEVA LEYLA', fin: DEMO_SIMA_FIN, email: 'leyla@example.test' };
const second = { type: 'citizen', name: 'TEST İKİNCİ', fin: '1TEST05', email: 'ikinci@example.test' };

async function startProcess(signers: object[], withText = true): Promise<{ id: string; token: string }> {
  let req = request(url)
    .post('/api/v1/processes')
    .field('process', JSON.stringify({ name: 'TEST SİMA', deadline: new Date(Date.now() + 86_400_000).toISOString(), initiator: { email: 'initiator@example.test' }, signers }))
    .attach('documents', pdf, 'müqavilə.pdf');
  if (withText) req = req.attach('documents', text, 'əlavə.txt');
  const res = await req;
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, token: linkToken(serviceSecret(data), res.body.id, 0) };
}

const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
async function mailTo(address: string): Promise<boolean> {
  for (let i = 0; i < 200 && !sink.mails.some((m) => addressOf(m) === address); i++) await new Promise((r) => setTimeout(r, 50));
  return sink.mails.some((m) => addressOf(m) === address);
}

/** The signer's view: still this signer's turn, every document unchanged (nothing was recorded). */
async function nothingRecorded(token: string): Promise<void> {
  const view = await request(url).get(`/api/v1/signing/${token}`);
  expect(view.body).toMatchObject({ yourTurn: true, process: { status: 'in_progress' } });
  expect(view.body.process.signers[0].status).toBe('awaiting_signature');
  const doc = await request(url).get(`/api/v1/signing/${token}/documents/${view.body.process.documents[0].id}`).buffer(true);
  expect(Buffer.compare(doc.body as Buffer, pdf)).toBe(0);
}

async function startRun(token: string) {
  const run = await request(url).post(`/api/v1/signing/${token}/sima`).send({});
  expect(run.status, run.text).toBe(200);
  return run.body as { runId: string; expiresAt: string; operations: { documentId: string; name: string; qrUrl: string; deepLink: string; qrImage: string }[] };
}

describe('SİMA Web2App with the phone simulator', () => {
  it('signs a PDF and a text file on the "phone", records the step, and mails the next party', async () => {
    const { token } = await startProcess([leylaSigner, second]);
    expect((await request(url).get(`/api/v1/signing/${token}`)).body.sima).toEqual({ simulated: true });
    const run = await startRun(token);
    expect(run.operations.map((o) => o.name)).toEqual(['müqavilə.pdf', 'əlavə.txt']);
    for (const op of run.operations) {
      expect(op.qrUrl.startsWith(`${url}/api/v1/sima/data?tsquery=`)).toBe(true);
      expect(op.deepLink).toBe(`sima://web-to-app?data=${encodeURIComponent(op.qrUrl)}`);
      expect(Buffer.from(op.qrImage.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain('<svg');
    }
    // The first document through the deep link, as on the same phone; the second by its QR URL.
    const first = await simulateSimaPhone(run.operations[0]!.deepLink, leyla);
    expect(first.getData.status).toBe(200);
    expect(first.callback).toEqual({ status: 200, body: { status: 'success' } });
    let state = await request(url).get(`/api/v1/signing/${token}/sima/${run.runId}`);
    expect(state.body).toEqual({ status: 'waiting', signedDocuments: [run.operations[0]!.documentId] });
    const secondDoc = await simulateSimaPhone(run.operations[1]!.qrUrl, leyla);
    expect(secondDoc.callback?.body).toEqual({ status: 'success' });
    state = await request(url).get(`/api/v1/signing/${token}/sima/${run.runId}`);
    expect(state.body.status).toBe('signed');
    expect(state.body.signedDocuments).toHaveLength(2);
    expect(state.body.process.signers.map((s: { status: string }) => s.status)).toEqual(['signed', 'awaiting_signature']);
    expect(await mailTo('ikinci@example.test')).toBe(true);

    // What is stored: the PDF is the original plus one update signed by the SİMA citizen; the text file an ASiC-E.
    const anchors = [Certificate.fromDer(demo.hierarchy.rca.certificate)];
    const signedPdf = (await request(url).get(`/api/v1/signing/${token}/documents/${run.operations[0]!.documentId}`).buffer(true)).body as Buffer;
    expect(Buffer.compare(signedPdf.subarray(0, pdf.length), pdf)).toBe(0);
    const pdfReport = await validateDocument({ name: 'x.pdf', source: bytesSource(new Uint8Array(signedPdf)) }, { anchors, validationTime: new Date(), crls: [], language: 'en' });
    expect(pdfReport.signatures.map((s) => [s.indication, s.signer?.fin])).toEqual([['TOTAL_PASSED', DEMO_SIMA_FIN]]);
    // poppler + NSS agree, knowing only the TEST root.
    const db = createNssDb(join(tmp.dir, 'nss'));
    trustRoot(db, join(tmp.dir, 'pki', 'trust', 'rca.pem'));
    writeFileSync(join(tmp.dir, 'sima-signed.pdf'), signedPdf);
    const pdfsig = pdfsigVerify(db, join(tmp.dir, 'sima-signed.pdf'));
    expect(pdfsig).toContain('Signature is Valid.');
    expect(pdfsig).toContain('TEST RZAYEVA LEYLA TEST QIZI');
    const container = await fetch(`${url}/api/v1/signing/${token}/documents/${run.operations[1]!.documentId}`);
    expect(container.headers.get('content-type')).toMatch(/asic-e/);
    const asicReport = await validateDocument({ name: 'x.asice', source: bytesSource(new Uint8Array(await container.arrayBuffer())) }, { anchors, validationTime: new Date(), crls: [], language: 'en' });
    expect(asicReport.signatures.map((s) => [s.indication, s.signer?.fin])).toEqual([['TOTAL_PASSED', DEMO_SIMA_FIN]]);
    // The link is used now: a new run is refused.
    expect((await request(url).post(`/api/v1/signing/${token}/sima`).send({})).status).toBe(410);
  });

  it('refuses a forged ts-sign', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, leyla, { forgeTsSign: true });
    expect(r.getData.status).toBe(200);
    expect(r.callback).toMatchObject({ status: 401, body: { status: 'error', error: { code: 'SIMA_SIGNATURE_INVALID' } } });
    await nothingRecorded(token);
  });

  it('refuses someone else (a trusted certificate with another FIN)', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const business = person(demo.hierarchy.business, [demo.hierarchy.ica.certificate, demo.hierarchy.pca.certificate]);
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, business);
    expect(r.getData).toMatchObject({ status: 403, body: { error: { code: 'SIMA_WRONG_PERSON' } } });
    expect(r.callback).toBeUndefined();
    await nothingRecorded(token);
  });

  it('refuses a certificate from an untrusted root, even with the right FIN', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const now = Date.now();
    const root = await issueCertificate({
      subject: [{ type: 'C', value: 'AZ' }, { type: 'CN', value: 'TEST Untrusted Root' }],
      key: { algorithm: 'EC', namedCurve: 'P-256' },
      notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000 * 365),
      basicConstraints: { ca: true, critical: true }, keyUsage: { usages: ['keyCertSign', 'cRLSign'] },
    });
    const impostor = await issueCertificate({
      subject: [{ type: 'C', value: 'AZ' }, { type: 'CN', value: 'TEST RZAYEVA LEYLA' }, { type: 'serialNumber', value: DEMO_SIMA_FIN }],
      issuer: root,
      key: { algorithm: 'EC', namedCurve: 'P-256' },
      notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000 * 365),
      basicConstraints: { ca: false }, keyUsage: { usages: ['digitalSignature', 'nonRepudiation'] },
      extendedKeyUsage: [EXTENDED_KEY_USAGE_OIDS.documentSigning],
    });
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, person(impostor, [root.certificate]));
    expect(r.getData).toMatchObject({ status: 403, body: { error: { code: 'SIMA_CERTIFICATE_UNTRUSTED' } } });
    await nothingRecorded(token);
  });

  it('refuses a changed contract (its HMAC no longer verifies)', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, leyla, { tamperContract: true });
    expect(r.getData).toMatchObject({ status: 400, body: { error: { code: 'SIMA_CONTRACT_INVALID' } } });
    await nothingRecorded(token);
  });

  it('refuses an expired contract, and the page sees the run expired', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    clockOffset = (TTL + 60) * 1000;
    try {
      const r = await simulateSimaPhone(run.operations[0]!.qrUrl, leyla);
      expect(r.getData).toMatchObject({ status: 410, body: { error: { code: 'SIMA_CONTRACT_EXPIRED' } } });
      const state = await request(url).get(`/api/v1/signing/${token}/sima/${run.runId}?lang=en`);
      expect(state.body).toMatchObject({ status: 'failed', error: { code: 'SIMA_CONTRACT_EXPIRED' } });
    } finally {
      clockOffset = 0;
    }
    await nothingRecorded(token);
  });

  it('accepts each OperationId once: a replayed callback is refused', async () => {
    const { token } = await startProcess([leylaSigner, second], false);
    const run = await startRun(token);
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, leyla, { replay: true });
    expect(r.callback?.body).toEqual({ status: 'success' });
    expect(r.replay).toMatchObject({ status: 409, body: { error: { code: 'SIMA_OPERATION_REPLAYED' } } });
    const view = await request(url).get(`/api/v1/signing/${token}`);
    // Signed once (the first callback), not twice.
    const doc = await request(url).get(`/api/v1/signing/${token}/documents/${view.body.process.documents[0].id}`).buffer(true);
    const report = await validateDocument({ name: 'x.pdf', source: bytesSource(new Uint8Array(doc.body as Buffer)) }, { anchors: [Certificate.fromDer(demo.hierarchy.rca.certificate)], validationTime: new Date(), crls: [], language: 'en' });
    expect(report.signatures).toHaveLength(1);
  });

  it('refuses a returned PDF that does not verify, and the page sees why', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, leyla, { tamperDocument: true });
    expect(r.callback).toMatchObject({ status: 422, body: { error: { code: 'SIMA_DOCUMENT_INVALID' } } });
    const state = await request(url).get(`/api/v1/signing/${token}/sima/${run.runId}`);
    expect(state.body).toMatchObject({ status: 'failed', signedDocuments: [], error: { code: 'SIMA_DOCUMENT_INVALID' } });
    await nothingRecorded(token);
  });

  it('reports the app\'s operation-canceled to the page and records nothing', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const r = await simulateSimaPhone(run.operations[0]!.qrUrl, leyla, { cancel: true });
    expect(r.callback?.body).toEqual({ status: 'success' });
    const state = await request(url).get(`/api/v1/signing/${token}/sima/${run.runId}?lang=az`);
    expect(state.body).toMatchObject({ status: 'failed', error: { code: 'SIMA_APP_OPERATION_CANCELED', message: expect.stringContaining('ləğv') } });
    await nothingRecorded(token);
  });

  it('the dev route POST /simulator/sima/scan signs as the demo SİMA citizen, as the page\'s "simulate" button does', async () => {
    const { token } = await startProcess([leylaSigner], false);
    const run = await startRun(token);
    const scan = await request(url).post('/simulator/sima/scan').send({ url: run.operations[0]!.deepLink });
    expect(scan.status, scan.text).toBe(200);
    expect(scan.body).toMatchObject({ simulator: true, getData: { status: 200 }, callback: { status: 200, body: { status: 'success' } } });
    const state = await request(url).get(`/api/v1/signing/${token}/sima/${run.runId}`);
    expect(state.body).toMatchObject({ status: 'signed', process: { status: 'completed' } });
    const bad = await request(url).post('/simulator/sima/scan').send({ url: run.operations[0]!.qrUrl, person: '../secret' });
    expect(bad.body.error.code).toBe('SIMA_REQUEST_INVALID');
  });
});
