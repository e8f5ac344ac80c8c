import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../storage/repository.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { backoffDelay, createOutboxSender, DEFAULT_BACKOFF_MS } from './outbox-sender.js';
import { createMemoryOutboxStore, type OutboxEntry } from './outbox-store.js';
import { renderMail } from './templates.js';
import { createTransport, type MailTransport, type OutgoingMail } from './transport.js';

const T0 = new Date('2026-11-23T10:00:00Z');
const LINK = 'https://imzala.test/s/TESTtokenTESTtokenTESTto';

function entry(id: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id, processId: 'p-1', kind: 'invitation', to: 'first@example.test', signerIndex: 0,
    createdAt: T0.toISOString(), attempts: 0, nextAttemptAt: T0.toISOString(), ...overrides,
  };
}

function invitation(entryToCompose: OutboxEntry): OutgoingMail {
  const rendered = renderMail('invitation', {
    processName: 'TEST müqavilə',
    initiator: { name: 'TEST Təşəbbüsçü', email: 'initiator@example.test' },
    recipient: { name: 'TEST Şəxs', email: entryToCompose.to },
    documents: [{ name: 'TEST-müqavilə.pdf', size: 1234 }],
    deadline: '2026-12-01T08:00:00Z',
    link: LINK,
  }, 'az');
  return { to: entryToCompose.to, ...rendered };
}

describe('outbox sender against a real SMTP server', () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = createTransport({ smtpUrl: sink.url, dataDir: '/nonexistent', from: 'imzala TEST <noreply@imzala.test>' });
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
  });
  afterEach(() => sink.refuseNext(0));

  it('delivers subject, text, html and a byte-identical PDF attachment, then marks the entry sent', async () => {
    const pdf = makePdf();
    const store = createMemoryOutboxStore([entry('m-1', { kind: 'completed' })]);
    const sender = createOutboxSender({
      store, transport, log,
      compose: async (e) => ({
        ...invitation(e),
        attachments: [{ filename: 'TEST-müqavilə.pdf', content: pdf, contentType: 'application/pdf' }],
      }),
    });
    const before = sink.mails.length;
    expect(await sender.runOnce(T0)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const mail = await sink.next();
    expect(sink.mails.length).toBe(before + 1);
    expect(mail.subject).toBe('İmzalamağa dəvət: «TEST müqavilə»');
    expect(mail.text).toContain(LINK);
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('first@example.test');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.filename).toBe('TEST-müqavilə.pdf');
    expect(attachment.contentType).toBe('application/pdf');
    expect(new Uint8Array(attachment.content)).toEqual(pdf);
    expect(store.entries[0]!.sentAt).toBe(T0.toISOString());
    // nothing is due any more: a second run sends nothing
    expect(await sender.runOnce(T0)).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it('a refused message is not marked sent, is retried after the back-off, and then marked sent', async () => {
    const store = createMemoryOutboxStore([entry('m-2')]);
    const sender = createOutboxSender({ store, transport, log, compose: async (e) => invitation(e) });
    sink.refuseNext(1);
    const arrived = sink.mails.length;

    expect(await sender.runOnce(T0)).toEqual({ sent: 0, failed: 1, skipped: 0 });
    expect(sink.refused()).toBeGreaterThanOrEqual(1);
    expect(sink.mails.length).toBe(arrived);
    const failed = store.entries[0]!;
    expect(failed.sentAt).toBeUndefined();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/451/);
    expect(failed.nextAttemptAt).toBe(new Date(T0.getTime() + 30_000).toISOString());

    // not due yet: nothing is sent
    expect(await sender.runOnce(new Date(T0.getTime() + 10_000))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(sink.mails.length).toBe(arrived);

    expect(await sender.runOnce(new Date(T0.getTime() + 30_000))).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const mail = await sink.next();
    expect(mail.subject).toContain('TEST müqavilə');
    expect(store.entries[0]!.sentAt).toBe(new Date(T0.getTime() + 30_000).toISOString());
  });

  it('backs off further on every failure and never marks a refused message sent', async () => {
    const store = createMemoryOutboxStore([entry('m-3')]);
    const sender = createOutboxSender({ store, transport, log, compose: async (e) => invitation(e), backoff: [1_000, 5_000] });
    sink.refuseNext(3);
    let now = T0.getTime();
    for (const wait of [1_000, 5_000, 5_000]) {
      expect((await sender.runOnce(new Date(now))).failed).toBe(1);
      expect(store.entries[0]!.sentAt).toBeUndefined();
      expect(Date.parse(store.entries[0]!.nextAttemptAt)).toBe(now + wait);
      now += wait;
    }
    expect(store.entries[0]!.attempts).toBe(3);
    expect((await sender.runOnce(new Date(now))).sent).toBe(1);
    await sink.next();
    expect(store.entries[0]!.sentAt).toBeDefined();
  });

  it('never sends one entry twice at once when runs overlap', async () => {
    const store = createMemoryOutboxStore([entry('m-4')]);
    const sender = createOutboxSender({ store, transport, log, compose: async (e) => invitation(e) });
    const arrived = sink.mails.length;
    const [a, b] = await Promise.all([sender.runOnce(T0), sender.runOnce(T0)]);
    expect(a.sent + b.sent).toBe(1);
    expect(a.skipped + b.skipped).toBe(1);
    await sink.next();
    expect(sink.mails.length).toBe(arrived + 1);
  });

  it('a server that cannot be reached and a compose that throws count as failures, not as sent', async () => {
    const down = await startSmtpSink();
    const url = down.url;
    await down.close(); // nothing listens on this port any more
    const deadTransport = createTransport({ smtpUrl: url, dataDir: '/nonexistent' });
    const store = createMemoryOutboxStore([entry('m-5'), entry('m-6', { createdAt: new Date(T0.getTime() + 1).toISOString() })]);
    const sender = createOutboxSender({
      store, transport: deadTransport, log,
      compose: async (e) => {
        if (e.id === 'm-6') throw new Error('TEST process is gone');
        return invitation(e);
      },
    });
    expect(await sender.runOnce(T0)).toEqual({ sent: 0, failed: 2, skipped: 0 });
    expect(store.entries.every((e) => e.sentAt === undefined && e.attempts === 1)).toBe(true);
    expect(store.entries[0]!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    expect(store.entries[1]!.lastError).toBe('TEST process is gone');
    deadTransport.close();
  });

  it('works with the real store: a refusal is recorded durably, the retry is marked sent, and a streamed file arrives intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imzala-outbox-'));
    try {
      const pdf = makePdf();
      const pdfPath = join(dir, 'TEST-final.pdf');
      writeFileSync(pdfPath, pdf);
      let store = await openStore(join(dir, 'store'));
      await store.transact((tx) => tx.enqueueMail(entry('m-9', { kind: 'completed' })));
      const compose = async (e: OutboxEntry): Promise<OutgoingMail> => ({
        ...invitation(e),
        attachments: [{ filename: 'TEST-final.pdf', path: pdfPath, contentType: 'application/pdf' }],
      });
      sink.refuseNext(1);
      expect((await createOutboxSender({ store, transport, log, compose }).runOnce(T0)).failed).toBe(1);
      await store.close();

      // reopened, as after a restart: the failure is there and the mail is still owed
      store = await openStore(join(dir, 'store'));
      const failed = await store.getMail('m-9');
      expect(failed?.sentAt).toBeUndefined();
      expect(failed?.lastError).toMatch(/451/);
      const retryAt = new Date(Date.parse(failed!.nextAttemptAt));
      expect(await store.dueMail(new Date(retryAt.getTime() - 1), 10)).toEqual([]);
      expect((await createOutboxSender({ store, transport, log, compose }).runOnce(retryAt)).sent).toBe(1);
      const mail = await sink.next();
      expect(new Uint8Array(mail.attachments[0]!.content)).toEqual(pdf);
      expect((await store.getMail('m-9'))?.sentAt).toBe(retryAt.toISOString());
      expect(await store.dueMail(new Date(retryAt.getTime() + 86_400_000), 10)).toEqual([]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('start() sends what is due and kick() sends new mail without waiting for the timer; stop() ends it', async () => {
    const store = createMemoryOutboxStore([entry('m-7')]);
    const sender = createOutboxSender({ store, transport, log, compose: async (e) => invitation(e), intervalMs: 3_600_000, now: () => T0 });
    sender.start();
    await sink.next();
    store.enqueue(entry('m-8', { to: 'second@example.test' }));
    sender.kick();
    const second = await sink.next();
    expect(second.to && !Array.isArray(second.to) ? second.to.text : '').toBe('second@example.test');
    await sender.stop();
    expect(store.entries.map((e) => e.sentAt !== undefined)).toEqual([true, true]);
  });
});

describe('backoffDelay', () => {
  it('follows 30 s, 2 min, 10 min, 1 h, then every 6 h', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n))).toEqual([
      30_000, 120_000, 600_000, 3_600_000, 21_600_000, 21_600_000, 21_600_000,
    ]);
    expect(DEFAULT_BACKOFF_MS).toHaveLength(5);
  });
});
