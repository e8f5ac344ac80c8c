/**
 * The attachment signing view (attachment.html) with the phone tools, in Chromium with the TEST build, against the
 * running service as `imzala serve` starts it with IMZALA_ASAN=simulator and IMZALA_SIMA=simulator: ASAN İmza (phone
 * and user id, the 4-digit code shown, the simulator approves as the phone) signs a PDF attachment and SİMA (FIN, the
 * QR code shown, the simulator scans it) a text attachment through the service's one-off sessions; the view checks
 * each result VALID, the downloads verify with `imzala verify`, and the service keeps neither session. A report-mode
 * job shows the report only. The webmail tab is simulated as in webmail-sign.test.ts (the extension's content-script
 * world inside a localhost /gmail/ page sends `webmail:sign`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { DEMO_SIMA_FIN } from '../../verifier/pki-demo/sima-demo.js';
import { loadServerConfig, type ServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT, verifyJson } from '../support/cli.js';

declare const chrome: { storage: { local: { set(values: Record<string, unknown>): Promise<void> } } };

const EXTENSION_DIR = process.env.WEBMAIL_SIGN_EXTENSION ?? join(REPO_ROOT, 'extension/.output-test/chrome-mv3');

let work: string;
let server: RunningServer;
let config: ServerConfig;
let launched: TestBrowser;
let browser: Browser;
let extensionId: string;
const pdf = Buffer.from(samplePdf(['TEST poçtdan gələn müqavilə']));

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('build the TEST extension first: IMZALA_TEST_BUILD=1 npx wxt build extension');
  work = mkdtempSync(join(tmpdir(), 'imzala-webmail-phone-'));
  config = loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(work, 'data'), IMZALA_ASAN: 'simulator', IMZALA_SIMA: 'simulator', IMZALA_VERIFY_WORKERS: '0' });
  server = await startServer(config, { log: () => undefined });
  launched = await launchBrowser({ extension: EXTENSION_DIR });
  browser = launched.browser;
  extensionId = launched.extensionId!;
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate((url) => chrome.storage.local.set({ language: 'en', serviceUrls: [url], defaultTool: 'asan' }), server.url);
  await page.close();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A localhost /gmail/ tab no adapter takes (see webmail-sign.test.ts); sends `message` from the extension's content-script world there; returns the view it opened. */
async function openJob(message: Record<string, unknown>): Promise<{ view: Page; mail: Page }> {
  const mail = await browser.newPage();
  await mail.goto(`${server.url.replace('127.0.0.1', 'localhost')}/gmail/standalone/#inbox`);
  const session: CDPSession = await mail.createCDPSession();
  const context = new Promise<number>((resolve) => {
    session.on('Runtime.executionContextCreated', (event: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
      if (event.context.auxData?.type === 'isolated' && event.context.origin.includes(extensionId)) resolve(event.context.id);
    });
  });
  await session.send('Runtime.enable');
  const contextId = await context;
  const answer = (await session.send('Runtime.evaluate', { expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`, contextId, awaitPromise: true, returnByValue: true })) as {
    result: { value?: { jobId?: string; error?: unknown } };
  };
  const jobId = answer.result.value?.jobId;
  expect(jobId, JSON.stringify(answer.result.value)).toMatch(/^[0-9a-f]{32}$/);
  const target = await browser.waitForTarget((t) => t.url().endsWith(`/attachment.html?job=${jobId}`), { timeout: 20_000 });
  return { view: (await target.page())!, mail };
}

const job = (name: string, bytes: Uint8Array, mode: 'sign' | 'report' = 'sign') => ({
  type: 'webmail:sign', name, data: Buffer.from(bytes).toString('base64'), messageKey: 'AAMkAG-1', participants: [{ email: 'a@example.az' }], adapter: 'outlook', mode,
});
const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');
/** The service's upload directory: empty once a session is over (the document lived in the session's memory only). */
const uploads = () => (existsSync(config.uploadDir) ? readdirSync(config.uploadDir) : []);

describe('webmail signing view: ASAN İmza and SİMA through the service', () => {
  it('ASAN İmza: the code is shown, the phone approves, the signed PDF is VALID and verifies', async () => {
    const { view, mail } = await openJob(job('contract.pdf', pdf));
    await view.waitForSelector('#asan-phone');
    expect(await view.$eval('#tool-asan', (e) => (e as HTMLInputElement).checked)).toBe(true);
    await view.type('#asan-phone', '+994500000001');
    await view.type('#asan-user-id', '000001');
    await view.click('#phone-start');
    await view.waitForSelector('#verification-code, #phone-error', { timeout: 30_000 });
    expect(await view.$eval('#phone-error', (e) => e.textContent).catch(() => null)).toBeNull();
    const code = await text(view, '#verification-code');
    expect(code).toMatch(/^\d{4}$/);
    expect(await text(view, '#countdown')).toMatch(/^Time left: \d+ s$/);

    // The simulator plays the phone: it shows the same code and the document's name, and approves.
    const phone = (await (await fetch(`${server.url}/simulator/asan/sessions`)).json()) as { sessions: { id: string; verificationCode: string; documentName: string }[] };
    const pending = phone.sessions.find((s) => s.verificationCode === code);
    expect(pending?.documentName).toBe('contract.pdf');
    expect((await fetch(`${server.url}/simulator/asan/sessions/${pending!.id}/approve`, { method: 'POST' })).status).toBe(200);

    await view.waitForSelector('#result-verdict, #phone-error, #result-error', { timeout: 60_000 });
    expect(await view.$eval('#phone-error, #result-error', (e) => e.textContent).catch(() => null)).toBeNull();
    expect(await view.$eval('#result-verdict', (e) => e.getAttribute('data-status'))).toMatch(/^VALID/);
    const name = await view.$eval('#result', (e) => e.getAttribute('data-name'));
    await view.click('#download');
    const saved = await launched.download(new RegExp(`^${name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), 60_000);
    const signed = readFileSync(saved);
    expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const { report } = verifyJson(saved, ['--trust', join(config.dataDir, 'demo-pki', 'trust')]);
    expect(report.status).toMatch(/^VALID/);
    expect(report.signatures).toHaveLength(1);
    expect(uploads()).toEqual([]);
    await view.close();
    await mail.close();
  }, 120_000);

  it('SİMA: FIN, QR code and app link shown; after the scan the signed .asice is VALID', async () => {
    const { view, mail } = await openJob(job('invoice.txt', new TextEncoder().encode('TEST invoice\n')));
    await view.waitForSelector('#tool-sima');
    // A text file has no signature format: the view says so instead of "checking" forever.
    await view.waitForFunction(() => (document.querySelector('#report-section')?.getAttribute('data-status') ?? '') !== '' || document.querySelector('#report-problem') !== null);
    await view.click('#tool-sima');
    await view.waitForSelector('#sima-fin');
    await view.type('#sima-fin', DEMO_SIMA_FIN);
    await view.click('#phone-start');
    await view.waitForSelector('#sima-qr, #phone-error', { timeout: 30_000 });
    expect(await view.$eval('#phone-error', (e) => e.textContent).catch(() => null)).toBeNull();
    expect(await view.$eval('#sima-qr', (e) => (e as HTMLImageElement).src)).toMatch(/^data:image\//);
    const deepLink = await view.$eval('#sima-deep-link', (e) => (e as HTMLAnchorElement).href);
    expect(deepLink).toBeTruthy();

    // The simulator scans the QR code as the SİMA app would: the URL the image encodes.
    const qrUrl = await view.$eval('#sima-qr', (e) => e.getAttribute('data-url'));
    expect(qrUrl).toBeTruthy();
    const sessions = await fetch(`${server.url}/simulator/sima/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: qrUrl }) });
    expect(sessions.status, await sessions.clone().text()).toBe(200);

    await view.waitForSelector('#result-verdict, #phone-error, #result-error', { timeout: 60_000 });
    expect(await view.$eval('#phone-error, #result-error', (e) => e.textContent).catch(() => null)).toBeNull();
    expect(await view.$eval('#result-verdict', (e) => e.getAttribute('data-status'))).toMatch(/^VALID/);
    const name = await view.$eval('#result', (e) => e.getAttribute('data-name'));
    expect(name).toMatch(/\.asice$/);
    await view.click('#download');
    const saved = await launched.download(new RegExp(`^${name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), 60_000);
    const { report } = verifyJson(saved, ['--trust', join(config.dataDir, 'demo-pki', 'trust')]);
    expect(report.status).toMatch(/^VALID/);
    expect(uploads()).toEqual([]);
    await view.close();
    await mail.close();
  }, 120_000);

  it("report mode shows the file's report only, without signing tools", async () => {
    const { view, mail } = await openJob(job('contract.pdf', pdf, 'report'));
    await view.waitForFunction(() => (document.querySelector('#report-section')?.getAttribute('data-status') ?? '') !== '');
    expect(await view.$eval('#report-section', (e) => e.getAttribute('data-status'))).toBe('UNSIGNED');
    expect(await view.$eval('main', (e) => e.getAttribute('data-mode'))).toBe('report');
    expect(await text(view, 'h1')).toBe('Attachment check');
    expect(await view.$('#tools')).toBeNull();
    await view.close();
    await mail.close();
  }, 60_000);
});
