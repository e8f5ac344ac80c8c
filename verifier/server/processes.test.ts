/**
 * POST /api/v1/processes against the running service with a real SMTP server on 127.0.0.1: a started process
 * e-mails the first party a working-looking link and the initiator a copy, and nobody else yet; every refusal names
 * its fields in the user's language and leaves the store and the mailboxes as they were; links are not stored.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../demo/sample-pdf.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { tempDir } from '../../test/support/cli.js';
import { loadServerConfig } from './config.js';
import { startServer, type RunningServer } from './server.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let data: string;

const pdf = Buffer.from(samplePdf(['TEST contract for a process']));
const deadline = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const process = (overrides: Record<string, unknown> = {}) => ({
  name: 'TEST müqavilə №1',
  deadline: deadline(),
  lang: 'az',
  initiator: { email: 'initiator@example.test', name: 'TEST Təşəbbüskar' },
  signers: [
    { type: 'citizen', name: 'TEST ƏLİYEV VÜQAR', fin: '1TEST01', email: 'vuqar@example.test' },
    { type: 'legal', name: 'TEST MƏMMƏDOVA AYSEL', fin: '1TEST02', voen: '9900000001', company: 'TEST Nümunə MMC', position: 'TEST direktor', email: 'aysel@example.test' },
  ],
  cc: ['muhasib@example.test'],
  ...overrides,
});

/** Every file under a directory (the store's records), recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const records = () => filesUnder(join(data, 'store', 'processes')).length + filesUnder(join(data, 'files')).length;

beforeAll(async () => {
  tmp = tempDir('imzala-processes-');
  data = join(tmp.dir, 'data');
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data, SMTP_URL: sink.url, IMZALA_VERIFY_WORKERS: '0' }), { log: () => undefined });
});

afterAll(async () => {
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

describe('POST /api/v1/processes', () => {
  it('starts a process: the first party gets the invitation with a signing link, the initiator a copy, nobody else yet', async () => {
    const res = await request(server.url)
      .post('/api/v1/processes')
      .field('process', JSON.stringify(process()))
      .attach('documents', pdf, 'müqavilə.pdf')
      .attach('documents', Buffer.from('TEST akt'), 'akt.txt');
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('in_progress');
    expect(res.body.signers.map((s: { status: string }) => s.status)).toEqual(['awaiting_signature', 'queued']);
    const mails = [await sink.next(), await sink.next()];
    const to = (m: (typeof mails)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
    const invitation = mails.find((m) => to(m) === 'vuqar@example.test')!;
    const copy = mails.find((m) => to(m) === 'initiator@example.test')!;
    expect(invitation, 'invitation to the first party').toBeDefined();
    expect(copy, 'copy to the initiator').toBeDefined();
    expect(invitation.subject).toContain('TEST müqavilə №1');
    const link = new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/s/([A-Za-z0-9_-]{43})`).exec(invitation.text ?? '');
    expect(link, invitation.text).not.toBeNull();
    expect(invitation.html).toContain(link![0]);
    // The token is in the mail only: the store holds its hash.
    for (const file of filesUnder(join(data, 'store'))) expect(readFileSync(file, 'latin1')).not.toContain(link![1]);
    // The second party is not told anything yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.map(to)).not.toContain('aysel@example.test');
  });

  it('refuses bad fields with each field named, in the user language, and changes nothing', async () => {
    const before = records();
    const mailsBefore = sink.mails.length;
    const signers = [{ ...process().signers[0], fin: '12' }, { ...process().signers[1], voen: '123', email: 'not-an-email' }];
    const res = await request(server.url)
      .post('/api/v1/processes?lang=en')
      .field('process', JSON.stringify(process({ signers, deadline: '2020-01-01T00:00:00Z' })))
      .attach('documents', pdf, 'müqavilə.pdf');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PROCESS_FIELDS_INVALID');
    const fields = Object.fromEntries((res.body.error.fields as { field: string; code: string; message: string }[]).map((f) => [f.field, f]));
    expect(fields['signers[0].fin']?.code).toBe('FIN_INVALID');
    expect(fields['signers[1].voen']?.code).toBe('VOEN_INVALID');
    expect(fields['signers[1].email']?.code).toBe('EMAIL_INVALID');
    expect(fields['deadline']?.code).toBe('DEADLINE_IN_PAST');
    expect(fields['signers[0].fin']!.message).toMatch(/FIN/);
    const az = await request(server.url).post('/api/v1/processes').field('process', JSON.stringify(process({ signers }))).attach('documents', pdf, 'a.pdf');
    expect(az.body.error.message).toMatch(/sahələr/);
    expect(records()).toBe(before);
    expect(sink.mails.length).toBe(mailsBefore);
  });

  it('refuses an 11th document, a process without documents, and a form that is not JSON', async () => {
    const before = records();
    let many = request(server.url).post('/api/v1/processes').field('process', JSON.stringify(process()));
    for (let i = 0; i < 11; i++) many = many.attach('documents', Buffer.from(`TEST ${i}`), `doc-${i}.txt`);
    const tooMany = await many;
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields.map((f: { code: string }) => f.code)).toContain('DOCUMENTS_TOO_MANY');
    const none = await request(server.url).post('/api/v1/processes').field('process', JSON.stringify(process()));
    expect(none.body.error.fields.map((f: { code: string }) => f.code)).toContain('DOCUMENTS_REQUIRED');
    const notJson = await request(server.url).post('/api/v1/processes').field('process', '{').attach('documents', pdf, 'a.pdf');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('PROCESS_INPUT_INVALID');
    const declared = await request(server.url)
      .post('/api/v1/processes')
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .set('Content-Length', String(102 * 1024 * 1024))
      .send('')
      .catch((e: { response?: request.Response }) => e.response!);
    expect(declared.status).toBe(413);
    expect(records()).toBe(before);
    // Nothing of the refused uploads stays behind.
    expect(filesUnder(join(data, 'uploads'))).toEqual([]);
  });

  it('gives the initiator a page of their own: progress, and cancelling, which tells the parties invited so far', async () => {
    const res = await request(server.url)
      .post('/api/v1/processes')
      .field('process', JSON.stringify(process({ name: 'TEST to be cancelled', initiator: { email: 'boss@example.test' }, cc: [] })))
      .attach('documents', pdf, 'müqavilə.pdf');
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
    let copy;
    for (let i = 0; i < 100 && !copy; i++) {
      copy = sink.mails.find((m) => addressOf(m) === 'boss@example.test');
      if (!copy) await new Promise((r) => setTimeout(r, 50));
    }
    const link = new RegExp(`/p/${id}/([A-Za-z0-9_-]{43})`).exec(copy?.text ?? '');
    expect(link, copy?.text).not.toBeNull();
    const token = link![1]!;

    const view = await request(server.url).get(`/api/v1/processes/${id}?token=${token}`);
    expect(view.status).toBe(200);
    expect(view.body.process.signers.map((s: { email: string; status: string }) => [s.email, s.status])).toEqual([
      ['vuqar@example.test', 'awaiting_signature'],
      ['aysel@example.test', 'queued'],
    ]);
    const wrong = await request(server.url).get(`/api/v1/processes/${id}?token=${'A'.repeat(43)}&lang=en`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('PROCESS_NOT_FOUND');
    expect((await request(server.url).post(`/api/v1/processes/${id}/cancel`).send({ token: 'A'.repeat(43) })).status).toBe(404);

    const mailsBefore = sink.mails.length;
    const cancelled = await request(server.url).post(`/api/v1/processes/${id}/cancel`).send({ token, reason: 'TEST: şərtlər dəyişdi' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.process.status).toBe('cancelled');
    const again = await request(server.url).post(`/api/v1/processes/${id}/cancel`).send({ token });
    expect(again.status).toBe(409);
    for (let i = 0; i < 100 && sink.mails.length === mailsBefore; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const notices = sink.mails.slice(mailsBefore);
    expect(notices.map(addressOf)).toContain('vuqar@example.test');
    expect(notices.map(addressOf)).not.toContain('aysel@example.test'); // never invited, never told
    expect(notices.find((m) => addressOf(m) === 'vuqar@example.test')?.text).toContain('şərtlər dəyişdi');
  });
});
