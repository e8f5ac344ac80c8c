/**
 * The extension's own pages in Debian Chromium with the built extension loaded (extension/.output/chrome-mv3, made
 * by `npx wxt build extension`): the popup in Azerbaijani when the helper program is missing, the options page
 * saving a service address and refusing an insecure one, and the chosen language taking effect.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';

/** The extension pages' storage API, as the page scripts below use it (the tests have no extension types). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> } } };

const EXTENSION_DIR = join(REPO_ROOT, 'extension/.output/chrome-mv3');
const EXPECTED_ID = 'iocoigakjbbnhenkjjcnnhinconhhebn';

let browser: Browser;
let launched: TestBrowser;
let extensionId: string;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('build the extension first: npx wxt build extension');
  // A fresh profile has no NativeMessagingHosts folder: the helper program is "not installed" for this browser.
  launched = await launchBrowser({ extension: EXTENSION_DIR });
  browser = launched.browser;
  extensionId = launched.extensionId!;
});

afterAll(async () => {
  await launched?.close();
});

async function openExtensionPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

describe('extension pages in Chromium', () => {
  it('loads with default_locale az and the fixed id from the manifest key', () => {
    expect(extensionId).toBe(EXPECTED_ID);
  });

  it('follows the browser UI language (en-US here) until the user chooses one', async () => {
    const page = await openExtensionPage('popup.html');
    await page.waitForSelector('#host-error');
    expect(await page.$eval('html', (e) => e.lang)).toBe('en');
    expect(await text(page, '#host-error')).toContain('The imzala helper program is not installed');
    await page.close();
  });

  it('popup: says in Azerbaijani that the helper program is not installed, with the links', async () => {
    // Debian's headless Chromium always runs with an en-US UI (--lang has no effect), so with no choice stored the
    // pages would follow it into English: store the user's choice of Azerbaijani first, as the options page does.
    const page = await openExtensionPage('popup.html');
    await page.evaluate(() => chrome.storage.local.set({ language: 'az' }));
    await page.reload();
    await page.waitForSelector('#host-error');
    expect(await page.$eval('html', (e) => e.lang)).toBe('az');
    expect(await page.$eval('#host-error', (e) => e.getAttribute('data-code'))).toBe('NATIVE_UNAVAILABLE');
    expect(await text(page, '#host-error')).toContain('imzala köməkçi proqramı quraşdırılmayıb');
    expect(await page.$eval('#install-help', (a) => (a as HTMLAnchorElement).href)).toBe('https://imzala.az/qurasdirma');
    expect(await page.$eval('#link-check', (a) => [a.textContent, (a as HTMLAnchorElement).href])).toEqual(['Sənədi yoxla', 'https://imzala.az/yoxla']);
    expect(await page.$eval('#link-sign', (a) => [a.textContent, (a as HTMLAnchorElement).href])).toEqual([
      'Faylı imzala',
      `chrome-extension://${extensionId}/sign.html`,
    ]);
    expect(await page.$('#certificates')).toBeNull();
    await page.close();
  });

  it('options: refuses an http address that is not localhost, saves an https one as its origin', async () => {
    const page = await openExtensionPage('options.html');
    await page.waitForSelector('#new-url');
    expect(await page.$$eval('.service-url', (els) => els.map((e) => e.textContent))).toEqual(['https://imzala.az']);

    await page.type('#new-url', 'http://imzala.example.az');
    await page.click('#add-url');
    await page.waitForSelector('#url-problem');
    expect(await text(page, '#url-problem')).toBe('Ünvan https:// ilə başlamalıdır (http:// yalnız localhost və 127.0.0.1 üçün)');
    expect(await page.$$eval('.service-url', (els) => els.map((e) => e.textContent))).toEqual(['https://imzala.az']);

    await page.$eval('#new-url', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#new-url', 'https://imzala.example.az/yoxla');
    await page.click('#add-url');
    await page.waitForFunction(() => document.querySelectorAll('.service-url').length === 2);
    await page.click('#save');
    await page.waitForSelector('#notice');
    expect(await text(page, '#notice')).toBe('Yadda saxlanıldı');

    const stored = await page.evaluate(() => chrome.storage.local.get('serviceUrls'));
    expect(stored.serviceUrls).toEqual(['https://imzala.az', 'https://imzala.example.az']);

    // After a reload the page shows what was saved, and http://localhost is allowed for development.
    await page.reload();
    await page.waitForSelector('#new-url');
    expect(await page.$$eval('.service-url', (els) => els.map((e) => e.textContent))).toEqual(['https://imzala.az', 'https://imzala.example.az']);
    await page.type('#new-url', 'http://localhost:8080');
    await page.click('#add-url');
    await page.waitForFunction(() => document.querySelectorAll('.service-url').length === 3);
    expect(await page.$('#url-problem')).toBeNull();
    await page.close();
  });

  it('options: the chosen language is the one the popup speaks', async () => {
    const page = await openExtensionPage('options.html');
    await page.waitForSelector('#language');
    // Only the tools the policy allows are offered (no policy here: all three).
    expect(await page.$$eval('#default-tool option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['token', 'asan', 'sima']);
    await page.select('#language', 'ru');
    await Promise.all([page.waitForNavigation(), page.click('#save')]);
    await page.waitForSelector('#language');
    expect(await page.$eval('html', (e) => e.lang)).toBe('ru');
    expect(await text(page, 'h1')).toBe('Настройки imzala');
    await page.close();

    const popup = await openExtensionPage('popup.html');
    await popup.waitForSelector('#host-error');
    expect(await text(popup, '#host-error')).toContain('Вспомогательная программа imzala не установлена');
    expect(await text(popup, '#link-check')).toBe('Проверить документ');
    await popup.close();

    const back = await openExtensionPage('options.html');
    await back.waitForSelector('#language');
    await back.select('#language', 'az');
    await Promise.all([back.waitForNavigation(), back.click('#save')]);
    await back.waitForSelector('#language');
    expect(await text(back, 'h1')).toBe('imzala parametrləri');
    await back.close();
  });

  it('options: lists the sites the user allowed and forgets them', async () => {
    const page = await openExtensionPage('options.html');
    await page.evaluate(() => chrome.storage.local.set({ consentedOrigins: ['https://a.imzala.test', 'https://b.imzala.test'] }));
    await page.reload();
    await page.waitForSelector('.consented-origin');
    expect(await page.$$eval('.consented-origin', (els) => els.map((e) => e.textContent))).toEqual(['https://a.imzala.test', 'https://b.imzala.test']);
    await page.click('#forget-sites');
    await page.waitForSelector('#forgotten');
    expect(await text(page, '#forgotten')).toBe('Saytlar unuduldu: növbəti imzadan əvvəl yenidən soruşulacaq');
    expect(await page.$('.consented-origin')).toBeNull();
    expect((await page.evaluate(() => chrome.storage.local.get('consentedOrigins'))).consentedOrigins).toBeUndefined();
    await page.close();
  });

  it('sign page: shows a picked file\'s name, size and SHA-256, and why the token cannot be used', async () => {
    const page = await openExtensionPage('sign.html');
    await page.waitForSelector('#file');
    const dir = mkdtempSync(join(tmpdir(), 'imzala-ext-sign-'));
    try {
      const path = join(dir, 'akt.txt');
      writeFileSync(path, 'imzala\n');
      const input = await page.$('#file');
      await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
      await page.waitForFunction(() => /^[0-9a-f]{64}$/.test(document.querySelector('#file-sha256')?.textContent ?? ''));
      expect(await text(page, '#file-name')).toBe('akt.txt');
      expect(await text(page, '#file-size')).toBe('7 bayt');
      expect(await text(page, '#file-sha256')).toBe(createHash('sha256').update('imzala\n').digest('hex'));
      expect(await page.$eval('#file-kind', (e) => e.getAttribute('data-kind'))).toBe('asic-new');
      await page.waitForSelector('#certificates-error');
      expect(await text(page, '#certificates-error')).toContain('imzala köməkçi proqramı quraşdırılmayıb');
      expect(await page.$eval('#sign', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await page.close();
    }
  });
});
