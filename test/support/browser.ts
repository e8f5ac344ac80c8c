/**
 * Debian's Chromium driven by puppeteer-core (no browser download: ../shared/design/TOOLCHAIN.md). Headless, no
 * sandbox (CI runs as root), no background traffic, downloads into a directory the test reads.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The built Chrome extension (`npm run build`), loaded unpacked when a test asks for it. */
export const EXTENSION_BUILD = join(import.meta.dirname, '../../extension/.output/chrome-mv3');

export interface LaunchOptions {
  /** Load this unpacked extension (e.g. EXTENSION_BUILD or a copy of it). */
  extension?: string;
  /** The profile directory (a native host manifest may be installed in it); default a new temp dir, removed on close. */
  profile?: string;
  /** Added to Chromium's environment, which it hands to native hosts (IMZALA_HOST_CONFIG, SOFTHSM2_CONF). */
  env?: Record<string, string>;
}

export interface TestBrowser {
  browser: Browser;
  /** With `extension`: its id (from its service worker's URL). */
  extensionId?: string;
  /** The profile directory. */
  profile: string;
  /** Where downloads land. */
  downloads: string;
  newPage(): Promise<Page>;
  /** Resolves with the path of the first download whose name matches, waiting up to `ms`. */
  download(match: RegExp, ms?: number): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (options.extension && !existsSync(join(options.extension, 'manifest.json'))) throw new Error(`no built extension in ${options.extension} (npm run build)`);
  const ownProfile = !options.profile;
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'imzala-chromium-'));
  const downloads = mkdtempSync(join(tmpdir(), 'imzala-downloads-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    // New headless loads unpacked extensions (Debian's Chromium; TOOLCHAIN.md section 3).
    headless: true,
    userDataDir: profile,
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    ...(options.extension ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    args: [
      ...(options.extension ? [`--load-extension=${options.extension}`, `--disable-extensions-except=${options.extension}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  let extension: Pick<TestBrowser, 'extensionId'> = {};
  if (options.extension) {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 20_000 });
    extension = { extensionId: new URL(target.url()).host };
  }
  return {
    browser,
    ...extension,
    profile,
    downloads,
    async newPage() {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 900 });
      return page;
    },
    async download(match, ms = 20_000) {
      const until = Date.now() + ms;
      for (;;) {
        // Chromium writes `<name>.crdownload` first and renames it when complete.
        const done = readdirSync(downloads).find((f) => match.test(f) && !f.endsWith('.crdownload'));
        if (done) return join(downloads, done);
        if (Date.now() > until) throw new Error(`no download matching ${match} in ${ms} ms (have: ${readdirSync(downloads).join(', ')})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await browser.close();
      if (ownProfile) rmSync(profile, { recursive: true, force: true });
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** Types into a field as a person would (clearing it first). */
export async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** Sets an input Preact listens to (datetime-local cannot be typed portably). */
export async function setValue(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(
    selector,
    (el, v) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

/**
 * Sets the extension's user options (storage.local) as its options page stores them, from one of its own pages: a
 * page's `chrome.storage` is there as soon as it loads, while the service worker's context may be restarting.
 */
export async function setExtensionStorage(tb: Pick<TestBrowser, 'browser' | 'extensionId'>, values: Record<string, unknown>): Promise<void> {
  if (!tb.extensionId) throw new Error('launched without an extension');
  const page = await tb.browser.newPage();
  try {
    await page.goto(`chrome-extension://${tb.extensionId}/options.html`);
    await page.evaluate((v) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set(v), values);
  } finally {
    await page.close();
  }
}

/** Reads the extension's storage (`local` or `managed`) from one of its own pages. */
export async function getExtensionStorage(tb: Pick<TestBrowser, 'browser' | 'extensionId'>, area: 'local' | 'managed', key: string | null = null): Promise<Record<string, unknown>> {
  if (!tb.extensionId) throw new Error('launched without an extension');
  const page = await tb.browser.newPage();
  try {
    await page.goto(`chrome-extension://${tb.extensionId}/options.html`);
    return await page.evaluate(
      (a, k) => (globalThis as unknown as { chrome: { storage: Record<string, { get(k: string | null): Promise<Record<string, unknown>> }> } }).chrome.storage[a]!.get(k),
      area,
      key,
    );
  } finally {
    await page.close();
  }
}

/**
 * Runs `fn` in the extension's service worker. Puppeteer can reach a worker whose context is being (re)started, where
 * `chrome` is not defined yet: such a run is retried on a fresh handle of the worker target.
 */
export async function inExtensionWorker<T>(tb: Pick<TestBrowser, 'browser' | 'extensionId'>, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const target = await tb.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${tb.extensionId}/`), { timeout: 20_000 });
    try {
      return await (await target.worker())!.evaluate(fn);
    } catch (e) {
      if (attempt >= 5 || !/chrome is not defined|Execution context was destroyed|Target closed/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** The popup's "this tab" list for `page`: the page made the active tab, its id read as the real popup does. */
export async function popupFeatures(tb: Pick<TestBrowser, 'browser' | 'extensionId'>, page: Page): Promise<{ id: string; active: boolean; text: string | null }[]> {
  await page.bringToFront();
  const active = await inExtensionWorker(tb, async () => {
    const tabs = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome.tabs;
    return (await tabs.query({ active: true })).map((t) => t.id);
  });
  if (active.length !== 1) throw new Error(`expected one active tab, got ${JSON.stringify(active)}`);
  const helper = await tb.browser.newPage();
  try {
    await helper.goto(`chrome-extension://${tb.extensionId}/popup.html?tab=${active[0]}`);
    await helper.waitForSelector('#this-tab li[data-feature]');
    return await helper.$$eval('#this-tab li[data-feature]', (items) => items.map((li) => ({ id: li.getAttribute('data-feature')!, active: li.getAttribute('data-active') === 'true', text: li.textContent })));
  } finally {
    await helper.close();
  }
}
