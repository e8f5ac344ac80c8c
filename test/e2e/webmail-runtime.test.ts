/**
 * The webmail runtime (extension/src/webmail/core) in Chromium, without the extension: runtime.ts and
 * selector-engine.ts are bundled with rolldown together with a small test adapter (defined in this file only — the
 * real Gmail/Outlook adapters are W1's and W2's) and a stand-in for the background (answers `webmail:check` from a table
 * the test sets, records every message). The page is a small fake webmail served by the replica server: messages with
 * attachments, a Reply that opens a compose with a file input, and a link that replaces the message view through
 * history.pushState (no page load). What is asserted is what a user would see: the buttons, once per attachment, the
 * badges' colours and words, the chip in the reply, and that a page whose structure changed keeps working.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { gmailAttachmentUrl, startWebmailReplicaServer, type WebmailReplicaServer } from '../support/webmail-replica-server.js';

const CORE = join(import.meta.dirname, '../../extension/src/webmail/core');

/** The test adapter and the background stand-in, bundled with the runtime for the page. */
const ENTRY = `
import { startWebmailRuntime } from ${JSON.stringify(join(CORE, 'runtime.ts'))};
import { firstMatching, queryAll, queryOne } from ${JSON.stringify(join(CORE, 'selector-engine.ts'))};
import { FeatureUnavailable } from ${JSON.stringify(join(CORE, 'types.ts'))};

const alt = (css) => ({ css, observed: '2026-11-23', source: 'test adapter (webmail-runtime.test.ts)' });
const SPECS = {
  message: { id: 'test.message', features: ['attachment-buttons'], description: 'an open message', alternatives: [alt('div.msg')] },
  attachment: { id: 'test.attachment', features: ['attachment-buttons', 'attachment-badges'], description: 'attachment chip', alternatives: [alt('a.att'), alt('a.att-older')] },
  reply: { id: 'test.reply', features: ['reply-with-file'], description: 'reply button', alternatives: [alt('button.reply')] },
  composeInput: { id: 'test.compose-input', features: ['reply-with-file'], description: 'compose file input', alternatives: [alt('#compose input[type=file]')] },
};

const testAdapter = {
  id: 'gmail',
  matches: () => true,
  selectors: Object.values(SPECS),
  findAttachments(root) {
    const messages = queryAll(root, SPECS.message);
    const inside = root instanceof Element ? root.closest('div.msg') : null;
    const scopes = inside ? [inside] : messages;
    if (scopes.length > 0 && !firstMatching(root.ownerDocument ?? root, SPECS.attachment) && !scopes.some((m) => m.querySelector('.no-attachments'))) {
      throw new FeatureUnavailable('attachment-buttons', SPECS.attachment.id);
    }
    return queryAll(root, SPECS.attachment).map((el) => ({
      element: el,
      name: el.dataset.name,
      mimeType: el.dataset.mime || undefined,
      url: el.getAttribute('href'),
      messageKey: el.closest('div.msg').dataset.key,
    }));
  },
  async fetchAttachment(att) {
    const url = new URL(att.url, location.href);
    if (url.origin !== location.origin) throw new Error('not same origin');
    const response = await fetch(url, { credentials: 'include' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.blob();
  },
  threadParticipants(att) {
    return [...document.querySelectorAll('span[data-email]')].map((s) => ({ name: s.textContent, email: s.dataset.email })).filter((p) => p.email !== 'me@example.az');
  },
  async replyWithFile(att, file) {
    const message = att.element.closest('div.msg');
    const reply = message && queryOne(message, SPECS.reply);
    if (!reply) throw new FeatureUnavailable('reply-with-file', SPECS.reply.id);
    reply.click();
    const input = queryOne(document, SPECS.composeInput);
    if (!input) throw new FeatureUnavailable('reply-with-file', SPECS.composeInput.id);
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => {
      const done = () => document.querySelector('[data-imzala-test-file="' + CSS.escape(file.name) + '"]');
      if (done()) return resolve();
      const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  },
  findComposes: () => [],
};

window.__sent = [];
window.__checkAnswers = {};
window.__logs = [];
window.__selectorEngine = { firstMatching, queryAll, queryOne };
window.__startRuntime = (autoCheck = true) => {
  window.__runtime = startWebmailRuntime({
    adapter: testAdapter,
    document,
    autoCheck,
    words: (key) => ({ webmail_sign_button: 'imzala ilə imzala', webmail_check_button: 'Yoxla' })[key] ?? key,
    log: (line) => { window.__logs.push(line); console.info(line); },
    async send(message) {
      window.__sent.push(message);
      if (message.type === 'webmail:check') return window.__checkAnswers[message.name] ?? { status: 'UNSIGNED', tone: 'none' };
      return { jobId: 'job-' + window.__sent.length };
    },
  });
};
`;

interface FakeMessage {
  key: string;
  from: { name: string; email: string };
  attachments: { att: string; name: string; mime?: string }[];
}

function renderMessages(messages: FakeMessage[], variant: 'current' | 'older' | 'broken'): string {
  const attClass = variant === 'current' ? 'att' : variant === 'older' ? 'att-older' : 'file-chip-renamed';
  return messages
    .map(
      (m) => `<div class="msg" data-key="${m.key}"><span data-email="${m.from.email}">${m.from.name}</span> → <span data-email="me@example.az">Me</span>
  <div class="atts">${m.attachments.map((a) => `<a class="${attClass}" data-name="${a.name}" data-mime="${a.mime ?? ''}" href="${gmailAttachmentUrl(a.att, m.key)}">${a.name}</a>`).join(' ')}</div>
  <button class="reply">Reply</button></div>`,
    )
    .join('\n');
}

/** The fake webmail: thread A at load; "open thread B" replaces the view via pushState; Reply opens the compose. */
function renderPage(threads: Record<string, FakeMessage[]>, variant: 'current' | 'older' | 'broken' = 'current'): string {
  const rendered = Object.fromEntries(Object.entries(threads).map(([k, v]) => [k, renderMessages(v, variant)]));
  return `<!doctype html><html><head><meta charset="utf-8"><title>fake webmail</title></head><body>
<nav><a href="#" id="open-b">thread B</a></nav>
<div id="view">${rendered.A}</div>
<div id="compose" hidden><input type="file" multiple><ul id="chips"></ul></div>
<script>
  window.__pageErrors = [];
  window.addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => window.__pageErrors.push(String(e.reason)));
  window.__replicaFiles = [];
  window.__pageClicks = 0;
  const THREADS = ${JSON.stringify(rendered)};
  document.addEventListener('click', (e) => {
    window.__pageClicks++;
    if (e.target.id === 'open-b') { e.preventDefault(); history.pushState({}, '', '?th=B'); document.getElementById('view').innerHTML = THREADS.B; }
    if (e.target.classList.contains('reply')) document.getElementById('compose').hidden = false;
  });
  document.querySelector('#compose input').addEventListener('change', (e) => {
    for (const file of e.target.files) {
      window.__replicaFiles.push(file);
      const chip = document.createElement('li');
      chip.setAttribute('data-imzala-test-file', file.name);
      chip.textContent = file.name;
      document.getElementById('chips').append(chip);
    }
  });
</script></body></html>`;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const THREADS: Record<string, FakeMessage[]> = {
  A: [
    {
      key: 'm-a1',
      from: { name: 'Aygün Əliyeva', email: 'aygun@example.az' },
      attachments: [
        { att: 'signed', name: 'signed.pdf', mime: 'application/pdf' },
        { att: 'tampered', name: 'tampered.pdf', mime: 'application/pdf' },
        { att: 'unsigned', name: 'unsigned.pdf', mime: 'application/pdf' },
      ],
    },
    {
      key: 'm-a2',
      from: { name: 'Rəşad Quliyev', email: 'reshad@example.az' },
      attachments: [
        { att: 'cms', name: 'contract.docx.p7s' },
        { att: 'docx', name: 'contract.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
        { att: 'asic', name: 'bundle.asice' },
      ],
    },
  ],
  B: [{ key: 'm-b1', from: { name: 'Nigar Həsənova', email: 'nigar@example.az' }, attachments: [{ att: 'later', name: 'later.pdf', mime: 'application/pdf' }] }],
};
const ATTACHMENTS = Object.fromEntries(
  ['signed', 'tampered', 'unsigned', 'cms', 'docx', 'asic', 'later'].map((att) => [att, { name: att, mimeType: 'application/octet-stream', bytes: bytes(`%PDF-1.7 bytes of ${att}`) }]),
);

describe('webmail runtime in Chromium (test adapter)', () => {
  let tb: TestBrowser;
  let server: WebmailReplicaServer;
  let bundle: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imzala-webmail-runtime-'));
    writeFileSync(join(dir, 'entry.js'), ENTRY);
    const out = await build({ input: join(dir, 'entry.js'), platform: 'browser', write: false, logLevel: 'silent', output: { format: 'iife' } });
    bundle = out.output[0].code;
    server = await startWebmailReplicaServer({ attachments: ATTACHMENTS, gmail: renderPage(THREADS) });
    tb = await launchBrowser();
  });
  afterAll(async () => {
    await tb?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, autoCheck = true): Promise<Page> {
    server.set({ gmail: html });
    const page = await tb.newPage();
    await page.goto(server.gmailUrl);
    await page.addScriptTag({ content: bundle });
    await page.evaluate((a) => (window as unknown as { __startRuntime(a: boolean): void }).__startRuntime(a), autoCheck);
    return page;
  }

  const boxes = (page: Page) =>
    page.$$eval('.imzala-actions', (list) =>
      list.map((b) => ({
        for: (b as HTMLElement).dataset.imzalaFor,
        sign: b.querySelectorAll('.imzala-sign').length,
        signText: b.querySelector('.imzala-sign')?.textContent,
        check: b.querySelectorAll('.imzala-check').length,
        checkText: b.querySelector('.imzala-check')?.textContent ?? null,
        badges: b.querySelectorAll('.imzala-badge').length,
      })),
    );

  it('selector engine: the first alternative that matches wins; a refused selector matches nothing', async () => {
    const page = await open(renderPage(THREADS, 'older'), false);
    const result = await page.evaluate(() => {
      const engine = (window as unknown as { __selectorEngine: { firstMatching(r: ParentNode, s: unknown): { index: number; elements: Element[] } | null; queryAll(r: ParentNode, s: unknown): Element[]; queryOne(r: ParentNode, s: unknown): Element | null } }).__selectorEngine;
      const spec = (...css: string[]) => ({ id: 'x', features: [], description: '', alternatives: css.map((c) => ({ css: c, observed: '2026-11-23', source: 'test' })) });
      const both = engine.firstMatching(document, spec('a.att', 'a.att-older', 'div.msg'));
      const refused = engine.firstMatching(document, spec('a:::nonsense', 'div.msg'));
      const root = document.querySelector('div.msg')!;
      return {
        index: both?.index,
        count: both?.elements.length,
        refusedIndex: refused?.index,
        none: engine.firstMatching(document, spec('.nothing-here')),
        rootItself: engine.queryAll(root, spec('div.msg')).length,
        one: engine.queryOne(document, spec('a.att-older'))?.textContent,
      };
    });
    expect(result).toEqual({ index: 1, count: 6, refusedIndex: 1, none: null, rootItself: 1, one: 'signed.pdf' });
    await page.close();
  });

  it('puts one sign button on every attachment, the check action only on PDF/.p7s/ASiC, and never twice', async () => {
    const page = await open(renderPage(THREADS));
    await page.waitForFunction(() => document.querySelectorAll('.imzala-actions').length === 6);
    // The page re-renders parts of the message (as webmails do): the runtime must not add a second box.
    await page.evaluate(() => {
      const atts = document.querySelector('div.msg .atts')!;
      atts.append(document.createElement('span'));
      document.querySelector('div.msg')!.append(document.createElement('div'));
      document.body.append(document.createElement('p'));
    });
    await page.evaluate(() => (window as unknown as { __runtime: { idle(): Promise<void> } }).__runtime.idle());
    const list = await boxes(page);
    expect(list.map((b) => b.for).sort()).toEqual(['bundle.asice', 'contract.docx', 'contract.docx.p7s', 'signed.pdf', 'tampered.pdf', 'unsigned.pdf']);
    for (const box of list) {
      expect(box.sign).toBe(1);
      expect(box.signText).toBe('imzala ilə imzala');
      expect(box.check).toBe(box.for === 'contract.docx' ? 0 : 1);
      if (box.check) expect(box.checkText).toBe('Yoxla');
    }
    // A click on our button does not reach the page's own click handler on the chip's ancestors.
    const before = await page.evaluate(() => (window as unknown as { __pageClicks: number }).__pageClicks);
    await page.click('.imzala-actions[data-imzala-for="contract.docx"] .imzala-sign');
    await page.waitForFunction(() => (window as unknown as { __sent: { type: string }[] }).__sent.some((m) => m.type === 'webmail:sign'));
    expect(await page.evaluate(() => (window as unknown as { __pageClicks: number }).__pageClicks)).toBe(before);
    const sign = await page.evaluate(() => (window as unknown as { __sent: Record<string, unknown>[] }).__sent.find((m) => m.type === 'webmail:sign'));
    expect(sign).toEqual({
      type: 'webmail:sign',
      name: 'contract.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: Buffer.from('%PDF-1.7 bytes of docx').toString('base64'),
      messageKey: 'm-a2',
      participants: [
        { name: 'Aygün Əliyeva', email: 'aygun@example.az' },
        { name: 'Rəşad Quliyev', email: 'reshad@example.az' },
      ],
      adapter: 'gmail',
      mode: 'sign',
    });
    // Nothing was fetched but this origin's attachment URLs.
    expect(server.requests.filter((r) => r.kind === 'missing')).toEqual([]);
    await page.close();
  });

  it('shows green with the signer, amber and red with the reason, nothing for unsigned; a badge opens the report', async () => {
    const page = await open(renderPage(THREADS), false);
    await page.evaluate(() => {
      const w = window as unknown as { __checkAnswers: Record<string, unknown>; __runtime: { stop(): void }; __startRuntime(a: boolean): void };
      w.__checkAnswers['signed.pdf'] = { status: 'VALID', tone: 'green', signer: 'Əli Məmmədov' };
      w.__checkAnswers['tampered.pdf'] = { status: 'INVALID', tone: 'red', reason: 'Sənəd imzadan sonra dəyişdirilib' };
      w.__checkAnswers['contract.docx.p7s'] = { status: 'INDETERMINATE', tone: 'amber', reason: 'Sertifikatın statusu bilinmir' };
      w.__checkAnswers['bundle.asice'] = { nonsense: true };
      // Restart with automatic checks now that the background stand-in knows its answers.
      w.__runtime.stop();
      document.querySelectorAll('.imzala-actions').forEach((b) => b.remove());
      w.__startRuntime(true);
    });
    await page.evaluate(() => (window as unknown as { __runtime: { idle(): Promise<void> } }).__runtime.idle());
    const badges = await page.$$eval('.imzala-badge', (list) => Object.fromEntries(list.map((b) => [(b.closest('.imzala-actions') as HTMLElement).dataset.imzalaFor, { tone: (b as HTMLElement).dataset.tone, text: b.textContent, hidden: (b as HTMLElement).hidden }])));
    expect(badges).toEqual({
      'signed.pdf': { tone: 'green', text: '✓ Əli Məmmədov', hidden: false },
      'tampered.pdf': { tone: 'red', text: '✗ Sənəd imzadan sonra dəyişdirilib', hidden: false },
      'unsigned.pdf': { tone: 'none', text: '', hidden: true },
      'contract.docx.p7s': { tone: 'amber', text: '! Sertifikatın statusu bilinmir', hidden: false },
      // A malformed answer is no verdict: no badge.
      'bundle.asice': { tone: 'none', text: '', hidden: true },
    });
    const checks = await page.evaluate(() => (window as unknown as { __sent: { type: string; name: string; data: string }[] }).__sent.filter((m) => m.type === 'webmail:check'));
    expect(checks.map((c) => c.name).sort()).toEqual(['bundle.asice', 'contract.docx.p7s', 'signed.pdf', 'tampered.pdf', 'unsigned.pdf']);
    expect(checks.find((c) => c.name === 'signed.pdf')!.data).toBe(Buffer.from('%PDF-1.7 bytes of signed').toString('base64'));
    await page.click('.imzala-actions[data-imzala-for="signed.pdf"] .imzala-badge');
    await page.waitForFunction(() => (window as unknown as { __sent: { type: string }[] }).__sent.some((m) => m.type === 'webmail:sign'));
    expect(await page.evaluate(() => (window as unknown as { __sent: { type: string; mode?: string; name: string }[] }).__sent.filter((m) => m.type === 'webmail:sign').map((m) => [m.name, m.mode]))).toEqual([['signed.pdf', 'report']]);
    const stats = await page.evaluate(() => (window as unknown as { __runtime: { stats: Record<string, number> } }).__runtime.stats);
    expect(stats).toMatchObject({ attachments: 6, checksStarted: 5, checksDone: 5 });
    await page.close();
  });

  it('gives buttons to a message opened later without a page load (history.pushState)', async () => {
    const page = await open(renderPage(THREADS), false);
    await page.waitForFunction(() => document.querySelectorAll('.imzala-actions').length === 6);
    const batchesBefore = await page.evaluate(() => (window as unknown as { __runtime: { stats: { batches: number } } }).__runtime.stats.batches);
    await page.click('#open-b');
    await page.waitForFunction(() => document.querySelector('.imzala-actions[data-imzala-for="later.pdf"]') !== null);
    expect(page.url()).toContain('?th=B');
    expect((await boxes(page)).map((b) => b.for)).toEqual(['later.pdf']);
    const stats = await page.evaluate(() => (window as unknown as { __runtime: { stats: { batches: number; attachments: number } } }).__runtime.stats);
    expect(stats.batches).toBeGreaterThan(batchesBefore);
    expect(stats.attachments).toBe(7);
    await page.close();
  });

  it('the older structure still gets buttons', async () => {
    const page = await open(renderPage(THREADS, 'older'), false);
    await page.waitForFunction(() => document.querySelectorAll('.imzala-actions').length === 6);
    expect((await page.evaluate(() => (window as unknown as { __runtime: { features(): { features: { id: string; active: boolean }[] } } }).__runtime.features())).features.find((f) => f.id === 'attachment-buttons')!.active).toBe(true);
    await page.close();
  });

  it('a page whose structure changed: the feature goes off with one log line, the page keeps working, no error reaches it', async () => {
    const page = await open(renderPage(THREADS, 'broken'), false);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // More mutations: the feature stays off, still one line.
    await page.click('#open-b');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await page.click('button.reply');
    const state = await page.evaluate(() => {
      const w = window as unknown as { __logs: string[]; __pageErrors: string[]; __pageClicks: number; __runtime: { features(): unknown } };
      return { logs: w.__logs, pageErrors: w.__pageErrors, clicks: w.__pageClicks, features: w.__runtime.features(), composeOpen: !document.getElementById('compose')!.hidden, boxes: document.querySelectorAll('.imzala-actions').length, url: location.search };
    });
    expect(state.logs).toEqual(['imzala: gmail attachment-buttons off: test.attachment matched nothing']);
    expect(state.pageErrors).toEqual([]);
    expect(errors).toEqual([]);
    expect(state.boxes).toBe(0);
    // The page's own script still runs: the thread switch and Reply worked.
    expect(state.url).toBe('?th=B');
    expect(state.composeOpen).toBe(true);
    expect(state.features).toEqual({
      adapter: 'gmail',
      features: [
        { id: 'attachment-buttons', active: false, reason: 'test.attachment matched nothing', selectorId: 'test.attachment' },
        { id: 'attachment-badges', active: true },
        { id: 'reply-with-file', active: true },
        { id: 'compose-send-for-signing', active: true },
      ],
    });
    await page.close();
  });

  it('answers webmail:reply-with-file: the signed file shows in the reply with the same bytes; refusals have codes', async () => {
    const page = await open(renderPage(THREADS), false);
    await page.waitForFunction(() => document.querySelectorAll('.imzala-actions').length === 6);
    const signed = Buffer.from('signed bytes ✓ imzala').toString('base64');
    const answer = await page.evaluate(
      (data) => (window as unknown as { __runtime: { handleMessage(m: unknown): Promise<unknown> } }).__runtime.handleMessage({ type: 'webmail:reply-with-file', messageKey: 'm-a1', attachmentName: 'signed.pdf', file: { name: 'signed-imzala.pdf', mimeType: 'application/pdf', data } }),
      signed,
    );
    expect(answer).toEqual({ ok: true });
    const chip = await page.evaluate(async () => {
      const w = window as unknown as { __replicaFiles: File[] };
      const file = w.__replicaFiles[0]!;
      return { chips: [...document.querySelectorAll('[data-imzala-test-file]')].map((c) => c.getAttribute('data-imzala-test-file')), name: file.name, type: file.type, bytes: btoa(String.fromCharCode(...new Uint8Array(await file.arrayBuffer()))) };
    });
    expect(chip).toEqual({ chips: ['signed-imzala.pdf'], name: 'signed-imzala.pdf', type: 'application/pdf', bytes: signed });
    const refusals = await page.evaluate(async () => {
      const r = (window as unknown as { __runtime: { handleMessage(m: unknown): Promise<{ ok: boolean; code?: string }> | undefined } }).__runtime;
      return {
        missing: await r.handleMessage({ type: 'webmail:reply-with-file', messageKey: 'm-zz', attachmentName: 'nope.pdf', file: { name: 'x.pdf', data: '' } }),
        malformed: await r.handleMessage({ type: 'webmail:reply-with-file', messageKey: 'm-a1' }),
        badBase64: await r.handleMessage({ type: 'webmail:reply-with-file', messageKey: 'm-a1', attachmentName: 'signed.pdf', file: { name: 'x.pdf', data: '@@not base64@@' } }),
        other: r.handleMessage({ type: 'something-else' }) ?? 'no answer',
      };
    });
    expect(refusals.missing).toMatchObject({ ok: false, code: 'WEBMAIL_ATTACHMENT_NOT_FOUND' });
    expect(refusals.malformed).toMatchObject({ ok: false, code: 'WEBMAIL_BAD_MESSAGE' });
    expect(refusals.badBase64).toMatchObject({ ok: false, code: 'WEBMAIL_BAD_MESSAGE' });
    expect(refusals.other).toBe('no answer');
    await page.close();
  });
});
