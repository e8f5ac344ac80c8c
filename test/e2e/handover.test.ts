/**
 * "Send for further signatures" from the extension: an extension page leaves a document and the thread's people for
 * the configured service (`ui:handover`), the service's wizard opened at `/yeni#imzala-handover` takes them through
 * the page bridge (`imzala:take-handover`) — the document listed with its SHA-256, the parties' names and e-mails
 * filled in — once; a handover for another origin is refused, and nothing is handed to a page that asks again.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { EXTENSION_BUILD, launchBrowser, setExtensionStorage, type TestBrowser } from '../support/browser.js';
import { tempDir } from '../support/cli.js';

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: TestBrowser;
const pdf = Buffer.from(samplePdf(['TEST imzalanmış əlavə', 'Gmail-dən']));

beforeAll(async () => {
  tmp = tempDir('imzala-handover-');
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data') }), { log: () => undefined });
  browser = await launchBrowser({ extension: EXTENSION_BUILD });
  await setExtensionStorage(browser, { serviceUrls: [server.url], language: 'az' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  tmp?.cleanup();
});

/** Sends a `ui:*` message from one of the extension's own pages, as the attachment view does. */
async function fromExtensionPage(message: unknown): Promise<unknown> {
  const page = await browser.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    return await page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);
  } finally {
    await page.close();
  }
}

const handover = {
  source: 'gmail',
  documents: [{ name: 'muqavile-imzali.pdf', mimeType: 'application/pdf', data: pdf.toString('base64') }],
  signers: [
    { name: 'TEST Əliyev Vüqar', email: 'vuqar@example.test' },
    { email: 'muhasib@example.test' },
  ],
};

async function openWizard(hash: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
  await page.goto(`${server.url}/yeni${hash}`, { waitUntil: 'networkidle0' });
  return page;
}

describe('handing a signed attachment to the wizard', () => {
  it('fills the wizard with the document and the people, once', async () => {
    expect(await fromExtensionPage({ type: 'ui:handover', origin: server.url, handover })).toEqual({ ok: true });
    const page = await openWizard('#imzala-handover');
    await page.waitForSelector('#handover-notice', { timeout: 15_000 });
    expect(await page.$eval('#handover-notice', (e) => e.textContent)).toContain('1 sənəd və 2 tərəf');
    expect(page.url()).not.toContain('#imzala-handover');
    await page.waitForFunction(() => document.querySelector('.document .file-hash')?.textContent?.startsWith('SHA-256'), { timeout: 15_000 });
    expect(await page.$eval('.document', (e) => (e as HTMLElement).innerText)).toContain('muqavile-imzali.pdf');
    expect(await page.$eval('.document .file-hash', (e) => e.textContent)).toContain(createHash('sha256').update(pdf).digest('hex').slice(0, 16));
    await page.click('#next');
    expect(await page.$eval('#signer-0-name', (e) => (e as HTMLInputElement).value)).toBe('TEST Əliyev Vüqar');
    expect(await page.$eval('#signer-0-email', (e) => (e as HTMLInputElement).value)).toBe('vuqar@example.test');
    expect(await page.$eval('#signer-0-fin', (e) => (e as HTMLInputElement).value)).toBe('');
    await page.close();

    // Taken once: the same link again hands over nothing.
    const again = await openWizard('#imzala-handover');
    await new Promise((r) => setTimeout(r, 4000));
    expect(await again.$('#handover-notice')).toBeNull();
    expect(await again.$('.document')).toBeNull();
    await again.close();
  });

  it('refuses a handover for an origin that is not a configured service', async () => {
    const answer = (await fromExtensionPage({ type: 'ui:handover', origin: 'https://evil.example', handover })) as { error?: { code: string } };
    expect(answer.error?.code).toBe('ORIGIN_NOT_ALLOWED');
    const malformed = (await fromExtensionPage({ type: 'ui:handover', origin: server.url, handover: { ...handover, signers: 'everyone' } })) as { error?: { code: string } };
    expect(malformed.error?.code).toBe('INVALID_REQUEST');
  });
});
