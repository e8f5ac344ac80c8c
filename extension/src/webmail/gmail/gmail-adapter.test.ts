/**
 * The Gmail adapter on the Gmail replicas (test/fixtures/webmail/gmail.ts) in Debian's Chromium: the adapter is
 * bundled for the page (rolldown, as test/support/page-library-server.ts bundles the page library) and called in
 * page.evaluate. A small HTTP server on 127.0.0.1 serves the replica pages under /gmail/mail/u/0/ and the attachment
 * bytes at Gmail's download URL form, and records every request (Host included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../../../test/support/browser.js';
import { renderGmailCompose, renderGmailThread, replicaMessageIds, type GmailReplicaOptions, type ReplicaVariant } from '../../../../test/fixtures/webmail/gmail.js';
import { accountAddress, isGmailUrl, parseDownloadUrl } from './gmail-adapter.js';
import { GMAIL_SELECTORS } from './selectors.js';

const PDF = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...Array.from({ length: 256 }, (_, i) => i), ...new TextEncoder().encode('\n%%EOF\n')]);
const DOCX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 64 }, (_, i) => (i * 7) & 0xff)]);
const ATTACHMENTS: Record<string, { name: string; mimeType: string; bytes: Uint8Array }> = {
  '0.1': { name: 'müqavilə.pdf', mimeType: 'application/pdf', bytes: PDF },
  '0.2': { name: 'əlavə.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: DOCX },
  '0.3': { name: 'akt.pdf', mimeType: 'application/pdf', bytes: PDF.slice(0, 100) },
};

const THREAD: GmailReplicaOptions = {
  user: { email: 'me@example.az' },
  messages: [
    {
      from: { name: 'Aysel Məmmədova', email: 'aysel@example.az' },
      to: [{ email: 'me@example.az' }, { name: 'Bəhruz', email: 'behruz@example.az' }],
      attachments: [
        { att: '0.1', name: 'müqavilə.pdf', mimeType: 'application/pdf' },
        { att: '0.2', name: 'əlavə.docx', mimeType: ATTACHMENTS['0.2']!.mimeType },
      ],
    },
    {
      from: { name: 'Bəhruz', email: 'behruz@example.az' },
      to: [{ name: 'Aysel Məmmədova', email: 'aysel@example.az' }, { email: 'me@example.az' }, { name: 'Kamran', email: 'kamran@example.az' }],
      attachments: [{ att: '0.3', name: 'akt.pdf', mimeType: 'application/pdf' }],
    },
  ],
};

let browser: TestBrowser;
let page: Page;
let server: http.Server;
let port: number;
let adapterBundle: string;
const requests: { host: string; url: string }[] = [];

/** A file the replica script "uploads" when attached (its row links to attid local-1): served once the test sets it. */
const SIGNED = PDF.slice(0, 200).reverse();

function pageHtml(kind: string, variant: ReplicaVariant): string {
  if (kind === 'compose') return renderGmailCompose({ ...THREAD, variant });
  // 'draft': the replies open holding a file already (a reply draft with an attachment).
  if (kind === 'draft') return renderGmailThread({ ...THREAD, variant, replyAttachments: [{ att: '0.3', name: 'akt.pdf', mimeType: 'application/pdf' }] });
  return renderGmailThread({ ...THREAD, variant });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imzala-gmail-adapter-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { gmailAdapter } from ${JSON.stringify(join(import.meta.dirname, 'gmail-adapter.ts'))};\n(window as any).__gmail = gmailAdapter;\n`,
    );
    const bundle = await build({ input: entry, platform: 'browser', write: false, logLevel: 'silent', output: { format: 'iife' } });
    adapterBundle = bundle.output[0].code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  server = http.createServer((req, res) => {
    requests.push({ host: req.headers.host ?? '', url: req.url ?? '' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/gmail/mail/u/0/' && url.searchParams.get('view') === 'att') {
      const file = ATTACHMENTS[url.searchParams.get('attid') ?? ''];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.byteLength });
      return void res.end(file.bytes);
    }
    const replica = /^(thread|compose|draft)-(current|older|broken)$/.exec(url.searchParams.get('replica') ?? '');
    if (url.pathname !== '/gmail/mail/u/0/' || !replica) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pageHtml(replica[1]!, replica[2] as ReplicaVariant));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

async function open(kind: 'thread' | 'compose' | 'draft', variant: ReplicaVariant): Promise<void> {
  await page.goto(`http://localhost:${port}/gmail/mail/u/0/?replica=${kind}-${variant}#inbox`, { waitUntil: 'load' });
  await page.addScriptTag({ content: adapterBundle });
}

/** The adapter's findAttachments(document), as plain data. */
async function attachments() {
  return page.evaluate(() => {
    const gmail = (window as any).__gmail;
    return gmail.findAttachments(document).map((a: any) => ({ name: a.name, mimeType: a.mimeType, url: a.url, messageKey: a.messageKey, chip: a.element.className }));
  });
}

/** Runs `call` on the adapter with the attachment named `name`; a thrown error comes back as data. */
async function withAttachment(name: string, call: 'fetch' | 'participants' | 'reply', fileBytes: number[] = []) {
  return page.evaluate(
    async (name, call, fileBytes) => {
      const gmail = (window as any).__gmail;
      try {
        const ref = gmail.findAttachments(document).find((a: any) => a.name === name);
        if (call === 'fetch') return { ok: Array.from(new Uint8Array(await (await gmail.fetchAttachment(ref)).arrayBuffer())) };
        if (call === 'participants') return { ok: gmail.threadParticipants(ref) };
        await gmail.replyWithFile(ref, new File([new Uint8Array(fileBytes)], 'imzalanmış.pdf', { type: 'application/pdf' }));
        return { ok: true };
      } catch (e: any) {
        return { error: { name: e.name, code: e.code, feature: e.feature, selectorId: e.selectorId, message: e.message } };
      }
    },
    name,
    call,
    fileBytes,
  );
}

/** Each compose window's attachments() as data, and the bytes fetchAttachment gives for each (or its error code). */
async function composeAttachments() {
  return page.evaluate(async () => {
    const gmail = (window as any).__gmail;
    return Promise.all(
      gmail.findComposes(document).map(async (c: any) =>
        Promise.all(
          c.attachments().map(async (a: any) => {
            let bytes: number[] | string;
            try {
              bytes = Array.from(new Uint8Array(await (await gmail.fetchAttachment(a)).arrayBuffer()));
            } catch (e: any) {
              bytes = e.code ?? e.message;
            }
            const url = new URL(a.url);
            return { name: a.name, mimeType: a.mimeType, origin: url.origin, attid: url.searchParams.get('attid'), view: url.searchParams.get('view'), messageKey: a.messageKey, row: a.element.hasAttribute('data-imzala-test-file'), bytes };
          }),
        ),
      ),
    );
  });
}

/** What the replica's compose holds after a reply: the File bytes it received and the rows it shows. */
async function replicaReceived() {
  return page.evaluate(async () => {
    const files = (window as any).__replicaFiles as File[];
    return {
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: Array.from(new Uint8Array(await f.arrayBuffer())) }))),
      rows: Array.from(document.querySelectorAll('[data-imzala-test-file]')).map((r) => ({
        name: r.getAttribute('data-imzala-test-file'),
        inReplyTo: r.closest('[data-replica-index]')?.getAttribute('data-replica-index') ?? null,
      })),
    };
  });
}

describe('gmail adapter: pure parts', () => {
  it('handles mail.google.com, and localhost replicas only in the test build', () => {
    expect(isGmailUrl(new URL('https://mail.google.com/mail/u/0/#inbox'), false)).toBe(true);
    expect(isGmailUrl(new URL('https://mail.google.com/chat/u/0/'), false)).toBe(false);
    expect(isGmailUrl(new URL('http://mail.google.com/mail/u/0/'), false)).toBe(false);
    expect(isGmailUrl(new URL('https://mail.google.com.evil.example/mail/u/0/'), false)).toBe(false);
    expect(isGmailUrl(new URL('http://localhost:4321/gmail/mail/u/0/'), false)).toBe(false);
    expect(isGmailUrl(new URL('http://localhost:4321/gmail/mail/u/0/'), true)).toBe(true);
    expect(isGmailUrl(new URL('http://localhost:4321/outlook/mail/'), true)).toBe(false);
  });

  it("reads Gmail's download_url (mime:name:url), names with colons included", () => {
    expect(parseDownloadUrl('application/pdf:a.pdf:https://mail.google.com/mail/u/0/?ui=2&attid=0.1&view=att')).toEqual({
      mimeType: 'application/pdf',
      name: 'a.pdf',
      url: 'https://mail.google.com/mail/u/0/?ui=2&attid=0.1&view=att',
    });
    expect(parseDownloadUrl('text/plain:10:30 notes.txt:http://localhost:8080/gmail/mail/u/0/?view=att')?.name).toBe('10:30 notes.txt');
    expect(parseDownloadUrl('no url here')).toBeNull();
  });
});

describe('gmail adapter on the replicas (Chromium)', () => {
  it("every selector alternative matches a replica, and every spec's first alternative the current one", async () => {
    const matchedBy: Record<string, number[]> = {};
    const firstInCurrent: Record<string, boolean> = {};
    for (const kind of ['thread', 'compose'] as const) {
      for (const variant of ['current', 'older', 'broken'] as const) {
        await page.goto(`http://localhost:${port}/gmail/mail/u/0/?replica=${kind}-${variant}`, { waitUntil: 'load' });
        const counts = await page.evaluate(
          (specs: { alternatives: { css: string }[] }[]) => specs.map((s) => s.alternatives.map((a) => document.querySelectorAll(a.css).length)),
          GMAIL_SELECTORS.map((s) => ({ alternatives: s.alternatives.map((a) => ({ css: a.css })) })),
        );
        GMAIL_SELECTORS.forEach((spec, i) => {
          counts[i]!.forEach((n: number, j: number) => {
            if (n > 0) (matchedBy[spec.id] ??= []).push(j);
          });
          if (variant === 'current' && counts[i]![0]! > 0) firstInCurrent[spec.id] = true;
        });
      }
    }
    for (const spec of GMAIL_SELECTORS) {
      expect(firstInCurrent[spec.id], spec.id).toBe(true);
      spec.alternatives.forEach((_, j) => expect(matchedBy[spec.id] ?? [], `${spec.id} alternative ${j}`).toContain(j));
    }
  });

  it('current: finds every attachment with its name, type, same-origin URL and message, and fetches its bytes', async () => {
    await open('thread', 'current');
    const found = await attachments();
    const [m0, m1] = [replicaMessageIds(0), replicaMessageIds(1)];
    expect(found.map((a: any) => [a.name, a.mimeType, a.messageKey])).toEqual([
      ['müqavilə.pdf', 'application/pdf', m0.legacy],
      ['əlavə.docx', ATTACHMENTS['0.2']!.mimeType, m0.legacy],
      ['akt.pdf', 'application/pdf', m1.legacy],
    ]);
    const url = new URL(found[0].url);
    expect(url.origin).toBe(`http://localhost:${port}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ ui: '2', attid: '0.1', permmsgid: `msg-f:${m0.msg}`, view: 'att', disp: 'safe' });

    for (const [att, file] of Object.entries(ATTACHMENTS)) {
      const fetched = await withAttachment(file.name, 'fetch');
      expect(fetched, att).toEqual({ ok: Array.from(file.bytes) });
    }
  });

  it('current: the thread participants are its senders and recipients, without the signed-in user', async () => {
    await open('thread', 'current');
    expect(await withAttachment('müqavilə.pdf', 'participants')).toEqual({
      ok: [
        { name: 'Aysel Məmmədova', email: 'aysel@example.az' },
        { name: 'Bəhruz', email: 'behruz@example.az' },
        { name: 'Kamran', email: 'kamran@example.az' },
      ],
    });
    expect(await page.evaluate(() => document.title)).toContain('me@example.az');
  });

  it('refuses to fetch an attachment URL of another origin, and sends nothing there', async () => {
    await open('thread', 'current');
    const before = requests.length;
    const result = await page.evaluate(async (port) => {
      const gmail = (window as any).__gmail;
      const ref = { ...gmail.findAttachments(document)[0] };
      ref.url = `http://127.0.0.1:${port}/gmail/mail/u/0/?ui=2&attid=0.1&view=att&disp=safe`;
      try {
        await gmail.fetchAttachment(ref);
        return 'fetched';
      } catch (e: any) {
        return e.code;
      }
    }, port);
    expect(result).toBe('GMAIL_ATTACHMENT_FOREIGN_ORIGIN');
    expect(requests.slice(before).filter((r) => r.host.startsWith('127.0.0.1'))).toEqual([]);
  });

  it("current: reply with a file opens the reply to that message, attaches it through the file input, and the chip shows the same bytes", async () => {
    await open('thread', 'current');
    const bytes = Array.from(SIGNED);
    expect(await withAttachment('akt.pdf', 'reply', bytes)).toEqual({ ok: true });
    const received = await replicaReceived();
    expect(received.files).toEqual([{ name: 'imzalanmış.pdf', bytes }]);
    expect(received.rows).toEqual([{ name: 'imzalanmış.pdf', inReplyTo: '1' }]);
    const composes = await page.evaluate(() =>
      (window as any).__gmail.findComposes(document).map((c: any) => ({ recipients: c.recipients(), names: c.attachmentNames(), anchor: c.actionAnchor.className })),
    );
    expect(composes).toEqual([{ recipients: [{ name: 'Bəhruz', email: 'behruz@example.az' }], names: ['imzalanmış.pdf'], anchor: 'aDj' }]);

    // The attached file's row links to its upload (attid local-1); once the server holds it, it downloads the same bytes.
    ATTACHMENTS['local-1'] = { name: 'imzalanmış.pdf', mimeType: 'application/pdf', bytes: new Uint8Array(bytes) };
    try {
      const [[attached]] = await composeAttachments();
      expect(attached).toMatchObject({ name: 'imzalanmış.pdf', origin: `http://localhost:${port}`, attid: 'local-1', view: 'att', row: true, bytes });
      expect(attached.messageKey).toMatch(/^gmail-compose-\d+$/);
    } finally {
      delete ATTACHMENTS['local-1'];
    }
  });

  it('compose attachments(): the rows of a new message (link or download_url) and of a reply draft, fetched as Gmail does', async () => {
    const expected = (mimeType: boolean) => [
      { name: 'müqavilə.pdf', attid: '0.1', bytes: Array.from(PDF), ...(mimeType ? { mimeType: 'application/pdf' } : {}) },
      { name: 'əlavə.docx', attid: '0.2', bytes: Array.from(DOCX), ...(mimeType ? { mimeType: ATTACHMENTS['0.2']!.mimeType } : {}) },
    ];
    for (const variant of ['current', 'older'] as const) {
      await open('compose', variant);
      const [rows, ...others] = await composeAttachments();
      expect(others, variant).toEqual([]);
      // 'current' rows have a link only (no type given); 'older' rows carry download_url with the type.
      expect(rows.map(({ name, attid, bytes, mimeType }: any) => ({ name, attid, bytes, ...(mimeType ? { mimeType } : {}) })), variant).toEqual(expected(variant === 'older'));
      expect(rows.every((r: any) => r.origin === `http://localhost:${port}` && r.view === 'att' && r.row), variant).toBe(true);
      // One compose window: one key for all its files, not a message's key.
      expect(new Set(rows.map((r: any) => r.messageKey)).size, variant).toBe(1);
      expect(rows[0].messageKey, variant).toMatch(/^gmail-compose-\d+$/);
      // The same window gives the same key when asked again.
      expect((await composeAttachments())[0]![0].messageKey).toBe(rows[0].messageKey);
    }

    await open('draft', 'current');
    expect(await composeAttachments()).toEqual([]);
    await page.evaluate(() => (document.querySelector('[data-replica-reply="0"]') as HTMLElement).click());
    const [[draft]] = await composeAttachments();
    expect(draft).toMatchObject({ name: 'akt.pdf', attid: '0.3', row: true, bytes: Array.from(ATTACHMENTS['0.3']!.bytes) });
    // The reply's own file is not an attachment of the opened message.
    expect((await attachments()).map((a: any) => a.name)).toEqual(['müqavilə.pdf', 'əlavə.docx', 'akt.pdf']);
  });

  it('findAttachments on an added subtree: a message element, and a node inside a chip that Gmail filled in later', async () => {
    await open('thread', 'current');
    const found = await page.evaluate(() => {
      const gmail = (window as any).__gmail;
      const names = (root: ParentNode) => gmail.findAttachments(root).map((a: any) => [a.name, a.messageKey]);
      return {
        message: names(document.querySelectorAll('div.adn')[1]!),
        insideChip: names(document.querySelector('span.aZo span.aV3')!),
        chip: names(document.querySelector('span.aZo')!),
        noChip: names(document.querySelector('div.a3s')!),
      };
    });
    const [m0, m1] = [replicaMessageIds(0).legacy, replicaMessageIds(1).legacy];
    expect(found).toEqual({ message: [['akt.pdf', m1]], insideChip: [['müqavilə.pdf', m0]], chip: [['müqavilə.pdf', m0]], noChip: [] });
  });

  it('current: a message opened later (pushState, no page load) is found, with its own key', async () => {
    await open('thread', 'current');
    await page.evaluate(() => (window as any).__replicaOpen(1));
    expect(await page.evaluate(() => location.hash)).toBe(`#inbox/${replicaMessageIds(1).legacy}`);
    expect((await attachments()).map((a: any) => [a.name, a.messageKey])).toEqual([['akt.pdf', replicaMessageIds(1).legacy]]);
    // The adapter is still the one loaded before: no page load happened.
    expect(await page.evaluate(() => typeof (window as any).__gmail)).toBe('object');
  });

  it('older: finds the attachments through the older structures and replies by dropping the file on the drop zone', async () => {
    await open('thread', 'older');
    const found = await attachments();
    expect(found.map((a: any) => [a.name, a.mimeType, a.messageKey])).toEqual([
      ['müqavilə.pdf', undefined, replicaMessageIds(0).legacy],
      ['əlavə.docx', undefined, replicaMessageIds(0).legacy],
      ['akt.pdf', undefined, replicaMessageIds(1).legacy],
    ]);
    expect(new URL(found[0].url).searchParams.get('disp')).toBe('safe');
    expect(await withAttachment('əlavə.docx', 'fetch')).toEqual({ ok: Array.from(DOCX) });

    const bytes = [1, 2, 3, 250, 0, 7];
    expect(await withAttachment('müqavilə.pdf', 'reply', bytes)).toEqual({ ok: true });
    const received = await replicaReceived();
    expect(received.files).toEqual([{ name: 'imzalanmış.pdf', bytes }]);
    expect(received.rows.map((r) => r.name)).toEqual(['imzalanmış.pdf']);
    const composes = await page.evaluate(() => (window as any).__gmail.findComposes(document).map((c: any) => ({ recipients: c.recipients(), names: c.attachmentNames() })));
    // No per-message Reply in this structure: Gmail's bottom Reply answers the conversation's last message.
    expect(composes).toEqual([{ recipients: [{ name: 'Bəhruz', email: 'behruz@example.az' }], names: ['imzalanmış.pdf'] }]);
  });

  it('broken: attachments and reply are reported unavailable for the right feature; participants still work', async () => {
    await open('thread', 'broken');
    const attachmentsResult = await page.evaluate(() => {
      try {
        return (window as any).__gmail.findAttachments(document).length;
      } catch (e: any) {
        return { name: e.name, feature: e.feature, selectorId: e.selectorId };
      }
    });
    expect(attachmentsResult).toEqual({ name: 'FeatureUnavailable', feature: 'attachment-buttons', selectorId: 'gmail.attachment' });

    const reply = await page.evaluate(async (legacy) => {
      const gmail = (window as any).__gmail;
      const chip = document.querySelector('.xZo') as HTMLElement;
      const ref = { element: chip, name: 'müqavilə.pdf', url: location.href, messageKey: legacy };
      const participants = gmail.threadParticipants(ref).map((p: any) => p.email);
      try {
        await gmail.replyWithFile(ref, new File([new Uint8Array([1])], 'x.pdf'));
        return { participants, reply: 'done' };
      } catch (e: any) {
        return { participants, reply: { name: e.name, feature: e.feature, selectorId: e.selectorId } };
      }
    }, replicaMessageIds(0).legacy);
    expect(reply).toEqual({
      participants: ['aysel@example.az', 'behruz@example.az', 'kamran@example.az'],
      reply: { name: 'FeatureUnavailable', feature: 'reply-with-file', selectorId: 'gmail.message-reply-button' },
    });
    expect(await page.evaluate(() => (window as any).__replicaFiles.length)).toBe(0);
  });

  it('compose windows: recipients and attached files in current and older; a renamed toolbar turns the action off', async () => {
    const composes = async () =>
      page.evaluate(() => {
        try {
          return (window as any).__gmail.findComposes(document).map((c: any) => ({ recipients: c.recipients(), names: c.attachmentNames(), anchor: c.actionAnchor.className }));
        } catch (e: any) {
          return { name: e.name, feature: e.feature, selectorId: e.selectorId };
        }
      });
    await open('compose', 'current');
    expect(await composes()).toEqual([
      { recipients: [{ name: 'me', email: 'me@example.az' }, { name: 'Bəhruz', email: 'behruz@example.az' }], names: ['müqavilə.pdf', 'əlavə.docx'], anchor: 'aDj' },
    ]);
    await open('compose', 'older');
    expect(await composes()).toEqual([
      { recipients: [{ name: 'me', email: 'me@example.az' }, { name: 'Bəhruz', email: 'behruz@example.az' }], names: ['müqavilə.pdf', 'əlavə.docx'], anchor: 'aDh' },
    ]);
    await open('compose', 'broken');
    expect(await composes()).toEqual({ name: 'FeatureUnavailable', feature: 'compose-send-for-signing', selectorId: 'gmail.compose-toolbar' });
  });

  it("reads the signed-in account from Gmail's title", async () => {
    await open('thread', 'current');
    const title = await page.evaluate(() => document.title);
    expect(accountAddress({ title } as Document)).toBe('me@example.az');
    expect(accountAddress({ title: 'Inbox (3) - Someone.Else@Example.az - Gmail' } as Document)).toBe('someone.else@example.az');
    expect(accountAddress({ title: 'Inbox' } as Document)).toBeNull();
  });
});
