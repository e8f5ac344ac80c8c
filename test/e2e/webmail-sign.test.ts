/**
 * The background's webmail side and the attachment signing view (attachment.html) in Chromium with the TEST build
 * (`IMZALA_TEST_BUILD=1 npx wxt build extension` -> extension/.output-test/chrome-mv3; WEBMAIL_SIGN_EXTENSION may
 * point elsewhere), the real helper program and a SoftHSM2 token.
 *
 * The messages a webmail content script sends are sent here from the extension's own content-script world inside a
 * page on http://localhost/gmail/standalone/ (the bridge content script runs there too, so Chromium gives that world
 * `chrome.runtime` with the tab as sender): the background sees exactly what it sees from W3's runtime. The reply is
 * received in that same world by a listener standing in for the runtime's `webmail:reply-with-file` handler, which
 * records what arrived. A PDF job is signed on the token in the page, the page checks the result VALID, the
 * downloaded file is VALID in `imzala verify`, and the reply carries the same bytes. `webmail:check` answers green /
 * red / none for signed / tampered / unsigned bytes; messages from pages that are not webmail are refused. Last, the
 * whole way with W3's runtime and W1's adapter on the Gmail replica: the attachment's "imzala ilə imzala" opens the
 * view, the token signs, and "Cavabla göndər" puts the signed file into the replica's reply as a chip.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../../core/encoding/pem.js';
import { Certificate } from '../../core/pki/certificate.js';
import { makePdf } from '../fixtures/pdf/make-pdf.js';
import { renderGmailThread } from '../fixtures/webmail/gmail.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT, verifyJson } from '../support/cli.js';
import { HOST_SCRIPT, installTestHost, type TestHost } from '../support/native-host.js';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm.js';
import { startWebmailReplicaServer } from '../support/webmail-replica-server.js';

declare const chrome: {
  storage: { local: { set(values: Record<string, unknown>): Promise<void> } };
};

const EXTENSION_DIR = process.env.WEBMAIL_SIGN_EXTENSION ?? join(REPO_ROOT, 'extension/.output-test/chrome-mv3');
const PARTICIPANTS = [
  { name: 'Leyla Məmmədova', email: 'leyla@example.az' },
  { email: 'hüquq@example.az' },
];

let work: string;
let token: SoftHsmToken;
let host: TestHost;
let browser: Browser;
let launched: TestBrowser;
let extensionId: string;
let server: Server;
let port: number;
let pdf: Buffer;
let signedPdf: Buffer | undefined;
let signerName: string;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('build the TEST extension first: IMZALA_TEST_BUILD=1 npx wxt build extension');
  if (!existsSync(HOST_SCRIPT)) throw new Error('build the host first: npm run build');
  work = mkdtempSync(join(tmpdir(), 'imzala-webmail-sign-'));
  const profile = join(work, 'profile');
  mkdirSync(profile);
  token = createSoftHsmToken({ dir: join(work, 'hsm'), pin: '123456', soPin: '654321' });
  host = installTestHost({ dir: join(work, 'host'), token, userDataDir: profile });
  signerName = Certificate.fromDer(decodePem(readFileSync(token.pki.cert('citizen'), 'utf8'))[0]!.der).identity.commonName!;
  pdf = Buffer.from(makePdf({ text: 'Qosma muqavile 7' }));

  // One local server: the service's trust anchors (the demo root) and plain pages standing for the mail tab
  // (http://localhost:PORT/gmail/mail/u/0/) and for sites that are not webmail.
  const root = decodePem(readFileSync(token.pki.root, 'utf8'))[0]!.der;
  server = createServer((req, res) => {
    if (req.url === '/api/v1/trust-anchors') {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      return void res.end(JSON.stringify({ anchors: [{ certificate: Buffer.from(root).toString('base64') }] }));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>mail</title><p>mail</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;

  launched = await launchBrowser({ extension: EXTENSION_DIR, profile, env: host.env });
  browser = launched.browser;
  extensionId = launched.extensionId!;
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate((url) => chrome.storage.local.set({ language: 'az', serviceUrls: [url] }), `http://127.0.0.1:${port}`);
  await page.close();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await new Promise((r) => server?.close(r));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A tab on `url` and a handle on the extension's content-script world inside it. */
interface MailTab {
  page: Page;
  /** Evaluates `expression` (a promise is awaited) in the extension's content-script world of the tab. */
  run<T>(expression: string): Promise<T>;
}

async function openMailTab(url: string): Promise<MailTab> {
  const page = await browser.newPage();
  await page.goto(url);
  const session: CDPSession = await page.createCDPSession();
  const context = new Promise<number>((resolve) => {
    session.on('Runtime.executionContextCreated', (event: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
      if (event.context.auxData?.type === 'isolated' && event.context.origin.includes(extensionId)) resolve(event.context.id);
    });
  });
  await session.send('Runtime.enable');
  const contextId = await context;
  return {
    page,
    async run<T>(expression: string): Promise<T> {
      const result = (await session.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true })) as {
        result: { value?: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value as T;
    },
  };
}

/** Sends a runtime message from the tab's content-script world, as the webmail runtime does. */
function send<T>(tab: MailTab, message: Record<string, unknown>): Promise<T> {
  return tab.run<T>(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
}

// Under /gmail/ (a webmail page for the TEST build's background) but not /gmail/mail/ (no adapter takes it): the
// runtime stays out of this tab, so only the test's stand-in answers `webmail:reply-with-file`.
const gmailUrl = () => `http://localhost:${port}/gmail/standalone/#inbox/FMfcgz`;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

describe('webmail: the attachment signing view and the background', () => {
  it('signs a PDF attachment on the token, checks it VALID, downloads it and sends it back as a reply', async () => {
    const mail = await openMailTab(gmailUrl());
    // Stands in for the runtime's handler: records the reply message and says the file is attached.
    await mail.run(`(globalThis.__replies = [], chrome.runtime.onMessage.addListener((m, s, respond) => {
      if (m && m.type === 'webmail:reply-with-file') { globalThis.__replies.push(m); respond({ ok: true }); }
    }), true)`);
    const answer = await send<{ jobId?: string; error?: unknown }>(mail, {
      type: 'webmail:sign',
      name: 'muqavile.pdf',
      mimeType: 'application/pdf',
      data: b64(pdf),
      messageKey: 'msg-f:1790000000000000001',
      participants: PARTICIPANTS,
      adapter: 'gmail',
      mode: 'sign',
    });
    expect(answer.error).toBeUndefined();
    expect(answer.jobId).toMatch(/^[0-9a-f]{32}$/);

    // The background opened the signing view next to the mail.
    const target = await browser.waitForTarget((t) => t.url() === `chrome-extension://${extensionId}/attachment.html?job=${answer.jobId}`, { timeout: 20_000 });
    const view = (await target.page())!;
    await view.waitForSelector('#file-sha256');
    expect(await text(view, '#file-name')).toBe('muqavile.pdf');
    expect(await text(view, '#file-sha256')).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await text(view, '#file-size')).toContain(pdf.length.toLocaleString('az'));
    // The file as it arrived: checked with core (unsigned), and its page drawn by pdf.js.
    await view.waitForFunction(() => document.querySelector('#report-section')?.getAttribute('data-status') !== '');
    expect(await view.$eval('#report-section', (e) => e.getAttribute('data-status'))).toBe('UNSIGNED');
    await view.waitForFunction(() => Number(document.querySelector('#preview')?.getAttribute('data-pages') ?? 0) > 0 && document.querySelector('#preview canvas') !== null);

    // The token is the default tool; its one valid certificate is chosen for the person.
    await view.waitForFunction(() => (document.querySelector('.certificate-choice') as HTMLInputElement | null)?.checked === true);
    await view.click('#sign');
    await view.waitForSelector('#result-verdict, #sign-error, #result-error', { timeout: 60_000 });
    expect(await view.$eval('#sign-error, #result-error', (e) => e.textContent).catch(() => null)).toBeNull();
    expect(await view.$eval('#result-verdict', (e) => e.getAttribute('data-status'))).toBe('VALID');
    expect(await view.$eval('#result', (e) => e.getAttribute('data-name'))).toBe('muqavile-imzali.pdf');
    expect(host.promptLog().at(-1) ?? '').toContain('IMZALA_PROMPT_DOCUMENT=muqavile.pdf');

    // Download: the saved file is the original plus an incremental update, VALID for imzala.
    await view.click('#download');
    const saved = await launched.download(/^muqavile-imzali\.pdf$/, 60_000);
    signedPdf = readFileSync(saved);
    expect(signedPdf.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const { report, status } = verifyJson(saved, ['--trust', token.pki.trust]);
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);

    // Further signatures: the signed file and the thread's people are handed to the service's wizard, which opens
    // at /yeni#imzala-handover (test/e2e/handover.test.ts shows the wizard taking them).
    await view.click('#next-signers');
    const wizard = await browser.waitForTarget((t) => t.url() === `http://127.0.0.1:${port}/yeni#imzala-handover`, { timeout: 20_000 });
    await (await wizard.page())?.close();
    expect(await view.$('#next-signers-error')).toBeNull();

    // Reply: the mail's tab receives the signed file for the attachment's message, and the view says it is attached.
    await view.click('#reply');
    await view.waitForSelector('#reply-done, #reply-error', { timeout: 30_000 });
    expect(await view.$('#reply-error')).toBeNull();
    expect(await text(view, '#reply-done')).toBe('“muqavile-imzali.pdf” cavab məktubuna əlavə edildi. Poçt vərəqində yoxlayıb göndərin.');
    const replies = await mail.run<{ type: string; messageKey: string; attachmentName: string; file: { name: string; mimeType: string; data: string } }[]>('globalThis.__replies');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.messageKey).toBe('msg-f:1790000000000000001');
    expect(replies[0]!.attachmentName).toBe('muqavile.pdf');
    expect(replies[0]!.file.name).toBe('muqavile-imzali.pdf');
    expect(replies[0]!.file.mimeType).toBe('application/pdf');
    expect(Buffer.from(replies[0]!.file.data, 'base64').equals(signedPdf)).toBe(true);

    // The job was used: opening it again says so instead of showing stale bytes.
    const again = await browser.newPage();
    await again.goto(`chrome-extension://${extensionId}/attachment.html?job=${answer.jobId}`);
    await again.waitForSelector('#job-error');
    expect(await again.$eval('#job-error', (e) => e.getAttribute('data-code'))).toBe('WEBMAIL_JOB_NOT_FOUND');
    await again.close();
    await view.close();
    await mail.page.close();
  }, 120_000);

  it('webmail:check answers green for signed, red for tampered and none for unsigned bytes', async () => {
    expect(signedPdf, 'the signing test ran first').toBeDefined();
    const mail = await openMailTab(gmailUrl());
    type Check = { status: string; tone: string; signer?: string; reason?: string; error?: unknown };
    const check = (name: string, bytes: Uint8Array) => send<Check>(mail, { type: 'webmail:check', name, mimeType: 'application/pdf', data: b64(bytes) });

    const signed = await check('muqavile-imzali.pdf', signedPdf!);
    expect(signed).toEqual({ status: 'VALID', signer: signerName, tone: 'green' });

    const tampered = Buffer.from(signedPdf!);
    const at = tampered.indexOf('Qo');
    expect(at).toBeGreaterThan(0);
    tampered[at] = 'X'.charCodeAt(0); // inside the signed revision: the page's text changes
    const red = await check('muqavile-imzali.pdf', tampered);
    expect(red.status).toBe('INVALID');
    expect(red.tone).toBe('red');
    expect(red.reason).toBeTruthy();

    expect(await check('muqavile.pdf', pdf)).toEqual({ status: 'UNSIGNED', tone: 'none' });
    const txt = await send<Check>(mail, { type: 'webmail:check', name: 'qeyd.txt', data: b64(new TextEncoder().encode('salam\n')) });
    expect(txt.tone).toBe('none');
    expect(['UNSIGNED', 'UNSUPPORTED']).toContain(txt.status);
    await mail.page.close();
  }, 60_000);

  it('refuses webmail messages from pages that are not webmail, and job requests from content scripts', async () => {
    const pagesBefore = (await browser.pages()).length;
    for (const url of [`http://127.0.0.1:${port}/gmail/mail/u/0/`, `http://localhost:${port}/other/page`]) {
      const other = await openMailTab(url);
      const checked = await send<{ error?: { code: string; message: string } }>(other, { type: 'webmail:check', name: 'a.pdf', data: b64(pdf) });
      expect(checked.error?.code, url).toBe('WEBMAIL_SENDER_NOT_ALLOWED');
      expect(checked.error?.message).toBe('Bu sorğu poçt saytından (Gmail, Outlook) gəlmədiyi üçün qəbul edilmədi.');
      const signed = await send<{ error?: { code: string }; jobId?: string }>(other, {
        type: 'webmail:sign', name: 'a.pdf', data: b64(pdf), messageKey: 'k', participants: [], adapter: 'gmail', mode: 'sign',
      });
      expect(signed.error?.code, url).toBe('WEBMAIL_SENDER_NOT_ALLOWED');
      expect(signed.jobId).toBeUndefined();
      await other.page.close();
    }
    expect((await browser.pages()).length).toBe(pagesBefore); // no signing view was opened

    // A content script (even in a webmail tab) cannot ask for a job's bytes: the background closes its port unanswered.
    const mail = await openMailTab(gmailUrl());
    const outcome = await mail.run<string>(`new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'imzala-webmail-job' });
      port.onMessage.addListener(() => resolve('answered'));
      port.onDisconnect.addListener(() => resolve('closed'));
      port.postMessage({ type: 'ui:webmail-job', jobId: '0'.repeat(32) });
    })`);
    expect(outcome).toBe('closed');
    await mail.page.close();
  }, 60_000);

  it("end to end on the Gmail replica: the runtime's button opens the view, the signed file lands in the reply", async () => {
    const replica = await startWebmailReplicaServer({
      attachments: { att1: { name: 'razilasma.pdf', mimeType: 'application/pdf', bytes: pdf } },
      gmail: renderGmailThread({
        messages: [{ from: { name: 'Leyla Məmmədova', email: 'leyla@example.az' }, to: [{ email: 'me@example.az' }], attachments: [{ att: 'att1', name: 'razilasma.pdf', mimeType: 'application/pdf' }] }],
      }),
    });
    try {
      const mail = await browser.newPage();
      await mail.goto(replica.gmailUrl);
      await mail.waitForSelector('.imzala-actions .imzala-sign', { timeout: 20_000 });
      await mail.click('.imzala-actions .imzala-sign');
      const target = await browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${extensionId}/attachment.html?job=`), { timeout: 20_000 });
      const view = (await target.page())!;
      await view.waitForSelector('#file-name');
      expect(await text(view, '#file-name')).toBe('razilasma.pdf');
      expect(await text(view, '#file-adapter')).toBe('Gmail');
      await view.waitForFunction(() => (document.querySelector('.certificate-choice') as HTMLInputElement | null)?.checked === true);
      await view.click('#sign');
      await view.waitForSelector('#result-verdict, #sign-error, #result-error', { timeout: 60_000 });
      expect(await view.$eval('#sign-error, #result-error', (e) => e.textContent).catch(() => null)).toBeNull();
      expect(await view.$eval('#result-verdict', (e) => e.getAttribute('data-status'))).toBe('VALID');
      // The thread's people (not the signed-in user) are named as the next signers.
      expect(await text(view, '#next-signers-note')).toMatch(/Leyla Məmmədova|leyla@example.az/);

      await view.click('#reply');
      await view.waitForSelector('#reply-done, #reply-error', { timeout: 30_000 });
      expect(await view.$eval('#reply-error', (e) => `${e.getAttribute('data-code')}: ${e.textContent}`).catch(() => null)).toBeNull();
      // In the mail: a reply with the signed file as a chip, holding exactly the signed bytes.
      await mail.waitForSelector('[data-imzala-test-file="razilasma-imzali.pdf"]', { timeout: 20_000 });
      const attached = await mail.evaluate(async () => {
        const files = (window as unknown as { __replicaFiles?: File[] }).__replicaFiles ?? [];
        const file = files.find((f) => f.name === 'razilasma-imzali.pdf');
        return file ? { type: file.type, bytes: Array.from(new Uint8Array(await file.arrayBuffer())) } : null;
      });
      expect(attached?.type).toBe('application/pdf');
      const signed = Buffer.from(attached!.bytes);
      expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
      const file = join(work, 'from-reply.pdf');
      writeFileSync(file, signed);
      expect(verifyJson(file, ['--trust', token.pki.trust]).report.status).toBe('VALID');
      // The attachment came from the replica's own origin only.
      expect(replica.requests.filter((r) => r.kind === 'attachment').length).toBeGreaterThan(0);
      await view.close();
      await mail.close();
    } finally {
      await replica.close();
    }
  }, 120_000);
});
