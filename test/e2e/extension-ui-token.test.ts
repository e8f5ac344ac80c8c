/**
 * The extension's own pages with the real helper program and a SoftHSM2 token (TEST certificates of `imzala pki demo`):
 * the popup lists the token's certificate by name and FIN; the sign page signs a local PDF and a text file through
 * extension -> native host -> SoftHSM, checks each result in the page, saves it, and the saved files verify with
 * `imzala verify --json --trust <demo trust>`. Needs `npm run build` (dist/host) and `npx wxt build extension`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../../core/encoding/pem.js';
import { Certificate } from '../../core/pki/certificate.js';
import { makePdf } from '../fixtures/pdf/make-pdf.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT, verifyJson } from '../support/cli.js';
import { HOST_SCRIPT, installTestHost, type TestHost } from '../support/native-host.js';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm.js';

/** The extension pages' storage API, as the page scripts below use it (the tests have no extension types). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> } } };

const EXTENSION_DIR = join(REPO_ROOT, 'extension/.output/chrome-mv3');

let work: string;
let profile: string;
let downloads: string;
let token: SoftHsmToken;
let host: TestHost;
let browser: Browser;
let launched: TestBrowser;
let extensionId: string;
let anchors: Server;
let serviceUrl: string;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('build the extension first: npx wxt build extension');
  if (!existsSync(HOST_SCRIPT)) throw new Error('build the host first: npm run build');
  work = mkdtempSync(join(tmpdir(), 'imzala-ext-token-'));
  profile = join(work, 'profile');
  mkdirSync(profile);
  token = createSoftHsmToken({ dir: join(work, 'hsm'), pin: '123456', soPin: '654321' });
  host = installTestHost({ dir: join(work, 'host'), token, userDataDir: profile });

  // The service's public trust anchors (GET /api/v1/trust-anchors, the verifier's shape), here the demo root.
  // Extension pages fetch it cross-origin: the answer allows that (see the report on CORS / host permissions).
  const root = decodePem(readFileSync(token.pki.root, 'utf8'))[0]!.der;
  anchors = createServer((req, res) => {
    if (req.url !== '/api/v1/trust-anchors') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify({ anchors: [{ certificate: Buffer.from(root).toString('base64') }] }));
  });
  await new Promise<void>((r) => anchors.listen(0, '127.0.0.1', r));
  serviceUrl = `http://127.0.0.1:${(anchors.address() as AddressInfo).port}`;

  // Chromium hands its environment to the native host: the host finds its config and the SoftHSM token through it.
  launched = await launchBrowser({ extension: EXTENSION_DIR, profile, env: host.env });
  browser = launched.browser;
  downloads = launched.downloads;
  extensionId = launched.extensionId!;
  const page = await openExtensionPage('options.html');
  await page.evaluate((url) => chrome.storage.local.set({ language: 'az', serviceUrls: [url] }), serviceUrl);
  await page.close();
});

afterAll(async () => {
  await launched?.close();
  await new Promise((r) => anchors?.close(r));
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openExtensionPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

/** Waits for Chromium to finish the download named `name`. */
const downloaded = (name: string) => launched.download(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), 60_000);

async function signFile(path: string): Promise<Page> {
  const page = await openExtensionPage('sign.html');
  await page.waitForSelector('.certificate-choice');
  const input = await page.$('#file');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  await page.waitForFunction(() => /^[0-9a-f]{64}$/.test(document.querySelector('#file-sha256')?.textContent ?? ''));
  // The token holds one valid certificate: the page chooses it.
  await page.waitForFunction(() => (document.querySelector('.certificate-choice') as HTMLInputElement | null)?.checked === true);
  await page.click('#sign');
  await page.waitForSelector('#verdict, #sign-error', { timeout: 60_000 });
  return page;
}

describe('extension pages with the helper program and a SoftHSM token', () => {
  it('popup: shows the host version, the token and its TEST certificate with name and FIN', async () => {
    const expected = Certificate.fromDer(decodePem(readFileSync(token.pki.cert('citizen'), 'utf8'))[0]!.der).identity;
    expect(expected.fin).toMatch(/^[0-9A-Z]{7}$/);
    const page = await openExtensionPage('popup.html');
    await page.waitForSelector('#certificates');
    expect(await text(page, '#host-version')).toMatch(/^imzala köməkçi proqramı quraşdırılıb \(versiya \d+\.\d+\.\d+/);
    expect(await text(page, '.token-label')).toBe('Token taxılıb: TEST imzala token');
    expect(await page.$$eval('.certificate-name', (els) => els.map((e) => e.textContent))).toEqual([expected.commonName]);
    expect(await text(page, '.certificate-fin')).toBe(expected.fin);
    expect(await page.$eval('.certificate', (e) => e.getAttribute('data-validity'))).toBe('valid');
    await page.close();
  });

  it('sign page: signs a local PDF on the token; the page finds it VALID and the saved file verifies', async () => {
    const pdf = join(work, 'muqavile.pdf');
    writeFileSync(pdf, makePdf());
    const page = await signFile(pdf);
    expect(await page.$('#sign-error')).toBeNull();
    expect(await page.$eval('#verdict', (e) => e.getAttribute('data-status'))).toBe('VALID');
    expect(await text(page, '#saved')).toBe('İmzalandı və yadda saxlanıldı: muqavile-imzali.pdf');
    // The PIN program was shown the document name and the extension as the requesting origin.
    const prompt = host.promptLog().at(-1) ?? '';
    expect(prompt).toContain('IMZALA_PROMPT_DOCUMENT=muqavile.pdf');
    expect(prompt).toContain(`IMZALA_PROMPT_ORIGIN=chrome-extension://${extensionId}`);
    await page.close();

    const saved = await downloaded('muqavile-imzali.pdf');
    const original = readFileSync(pdf);
    expect(readFileSync(saved).subarray(0, original.length).equals(original)).toBe(true); // an incremental update
    const { report, status } = verifyJson(saved, ['--trust', token.pki.trust]);
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);
    expect(report.signatures).toHaveLength(1);
  });

  it('sign page: signs a text file into ASiC-E, which verifies', async () => {
    const file = join(work, 'akt.txt');
    writeFileSync(file, 'Təhvil-təslim aktı\n');
    const page = await signFile(file);
    expect(await page.$eval('#verdict', (e) => e.getAttribute('data-status'))).toBe('VALID');
    await page.close();
    const saved = await downloaded('akt.asice');
    const { report } = verifyJson(saved, ['--trust', token.pki.trust]);
    expect(report.status).toBe('VALID');
    expect(report.file.format).toBe('asic');
  });

  it('sign page: a cancelled PIN prompt is said in words and nothing is saved', async () => {
    host.setPin(null);
    try {
      const file = join(work, 'legv.txt');
      writeFileSync(file, 'ləğv\n');
      const page = await signFile(file);
      expect(await page.$eval('#sign-error', (e) => e.getAttribute('data-code'))).toBe('USER_CANCELLED');
      expect(await text(page, '#sign-error')).toBe('İmzalama ləğv edildi');
      await page.close();
      expect(readdirSync(downloads).filter((n) => n.startsWith('legv'))).toEqual([]);
    } finally {
      host.setPin(token.pin);
    }
  });

  it('sign page: a wrong PIN is said in words', async () => {
    host.setPin('000000');
    try {
      const file = join(work, 'sehv.txt');
      writeFileSync(file, 'səhv PIN\n');
      const page = await signFile(file);
      expect(await page.$eval('#sign-error', (e) => e.getAttribute('data-code'))).toBe('PIN_INCORRECT');
      expect(await text(page, '#sign-error')).toMatch(/^PIN səhvdir/);
      await page.close();
    } finally {
      host.setPin(token.pin);
    }
  });
});
