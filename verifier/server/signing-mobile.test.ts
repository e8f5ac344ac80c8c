/**
 * A signer's side of a process on the running service with the ASAN İmza simulator: what the signing page reads
 * (the process, the parties, the documents), signing a PDF and a text file on the "phone" with a verification code
 * per document, a refusal on the phone, and declining with a reason. Mail goes to a real SMTP server on 127.0.0.1.
 */
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/cli.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { samplePdf } from '../demo/sample-pdf.js';
import { loadServerConfig } from './config.js';
import { startServer, type RunningServer } from './server.js';
import { linkToken, serviceSecret } from './services/link-tokens.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let data: string;
const pdf = Buffer.from(samplePdf(['TEST contract signed on the phone']));

async function startProcess(signers: object[], deadline = new Date(Date.now() + 86_400_000)): Promise<string> {
  const res = await request(server.url)
    .post('/api/v1/processes')
    .field('process', JSON.stringify({ name: 'TEST ASAN müqaviləsi', deadline: deadline.toISOString(), initiator: { email: 'initiator@example.test' }, signers }))
    .attach('documents', pdf, 'müqavilə.pdf')
    .attach('documents', Buffer.from('TEST əlavə\n'), 'əlavə.txt');
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

const citizen = { type: 'citizen', name: 'TEST ƏLİYEV VÜQAR', fin: '1TEST01', email: 'vuqar@example.test' };
const phone = { phone: '050 000 00 01', userId: '000001' };

/** The simulator's "phone": the pending session for `code`, approved or denied. */
async function onThePhone(code: string, answer: 'approve' | 'deny'): Promise<void> {
  const list = await request(server.url).get('/simulator/asan/sessions');
  const session = (list.body.sessions as { id: string; verificationCode: string }[]).find((s) => s.verificationCode === code);
  expect(session, JSON.stringify(list.body)).toBeDefined();
  expect((await request(server.url).post(`/simulator/asan/sessions/${session!.id}/${answer}`)).status).toBe(200);
}

beforeAll(async () => {
  tmp = tempDir('imzala-mobile-');
  data = join(tmp.dir, 'data');
  sink = await startSmtpSink();
  server = await startServer(
    loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data, SMTP_URL: sink.url, IMZALA_ASAN: 'simulator', IMZALA_VERIFY_WORKERS: '0' }),
    { log: () => undefined },
  );
}, 120_000);

afterAll(async () => {
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

describe('a signer with ASAN İmza (simulator)', () => {
  it('sees the process, reads the documents, and signs each on the phone after comparing its code', async () => {
    const id = await startProcess([citizen]);
    const token = linkToken(serviceSecret(data), id, 0);
    const view = await request(server.url).get(`/api/v1/signing/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ you: 0, yourTurn: true, mobile: { simulated: true } });
    expect(view.body.process.documents.map((d: { name: string }) => d.name)).toEqual(['müqavilə.pdf', 'əlavə.txt']);
    const doc = await request(server.url).get(`/api/v1/signing/${token}/documents/${view.body.process.documents[0].id}`).buffer(true);
    expect(doc.headers['content-type']).toMatch(/application\/pdf/);
    expect(Buffer.compare(doc.body as Buffer, pdf)).toBe(0);
    expect(doc.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('müqavilə.pdf')}`);

    let run = await request(server.url).post(`/api/v1/signing/${token}/mobile`).send(phone);
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ status: 'pending', done: 0, documents: 2, documentName: 'müqavilə.pdf' });
    expect(run.body.verificationCode).toMatch(/^\d{4}$/);
    await onThePhone(run.body.verificationCode, 'approve');
    run = await request(server.url).get(`/api/v1/signing/${token}/mobile/${run.body.id}`);
    expect(run.body).toMatchObject({ status: 'pending', done: 1, documentName: 'əlavə.txt' });
    await onThePhone(run.body.verificationCode, 'approve');
    run = await request(server.url).get(`/api/v1/signing/${token}/mobile/${run.body.id}`);
    expect(run.body.status).toBe('signed');
    expect(run.body.process.status).toBe('completed');
    const after = await request(server.url).get(`/api/v1/signing/${token}`);
    expect(after.body).toMatchObject({ yourTurn: false, process: { status: 'completed' } });
    const signed = await request(server.url).get(`/api/v1/signing/${token}/documents/${view.body.process.documents[1].id}?download=1`);
    expect(signed.headers['content-type']).toMatch(/application\/vnd\.etsi\.asic-e\+zip/);
    expect(signed.headers['content-disposition']).toContain('attachment');
  });

  it('reports a refusal on the phone, and the signer can decline with a reason (reason required)', async () => {
    const id = await startProcess([citizen, { ...citizen, name: 'TEST İKİNCİ', fin: '1TEST05', email: 'ikinci@example.test' }]);
    const token = linkToken(serviceSecret(data), id, 0);
    let run = await request(server.url).post(`/api/v1/signing/${token}/mobile`).send(phone);
    await onThePhone(run.body.verificationCode, 'deny');
    run = await request(server.url).get(`/api/v1/signing/${token}/mobile/${run.body.id}`);
    expect(run.body).toMatchObject({ status: 'failed', failure: 'MOBILE_SIGNATURE_USER_CANCEL' });
    const badPhone = await request(server.url).post(`/api/v1/signing/${token}/mobile?lang=en`).send({ phone: '12', userId: '000001' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.code).toBe('PROVIDER_PHONE_INVALID');

    const empty = await request(server.url).post(`/api/v1/signing/${token}/decline`).send({ reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('DECLINE_REASON_REQUIRED');
    const declined = await request(server.url).post(`/api/v1/signing/${token}/decline`).send({ reason: 'TEST: məbləğ səhvdir' });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.body.status).toBe('declined');
    const again = await request(server.url).post(`/api/v1/signing/${token}/decline`).send({ reason: 'again' });
    expect(again.status).toBe(410);
    // The initiator hears who declined and why; the second party is never invited.
    const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
    for (let i = 0; i < 100 && !sink.mails.some((m) => addressOf(m) === 'initiator@example.test' && (m.text ?? '').includes('məbləğ səhvdir')); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sink.mails.some((m) => addressOf(m) === 'initiator@example.test' && (m.text ?? '').includes('məbləğ səhvdir'))).toBe(true);
    expect(sink.mails.some((m) => addressOf(m) === 'ikinci@example.test')).toBe(false);
  });

  it('refuses to sign after the deadline, says so, and tells everyone the process expired', async () => {
    const id = await startProcess([{ ...citizen, email: 'late@example.test' }], new Date(Date.now() + 1500));
    const token = linkToken(serviceSecret(data), id, 0);
    await new Promise((r) => setTimeout(r, 1600)); // past the deadline (the scheduler's minute has not come yet)
    const late = await request(server.url).post(`/api/v1/signing/${token}/mobile?lang=en`).send(phone);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('PROCESS_EXPIRED');
    const view = await request(server.url).get(`/api/v1/signing/${token}`);
    expect(view.body).toMatchObject({ yourTurn: false, process: { status: 'expired' } });
    const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
    for (let i = 0; i < 100 && sink.mails.filter((m) => addressOf(m) === 'late@example.test').length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    // The invitation, then the notice that the process expired.
    expect(sink.mails.filter((m) => addressOf(m) === 'late@example.test')).toHaveLength(2);
  });
});
