/**
 * Debian's Chromium driven by puppeteer-core (no browser download: ../shared/design/TOOLCHAIN.md). Headless, no
 * sandbox (CI runs as root), no background traffic, downloads into a directory the test reads.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  /** Where downloads land. */
  downloads: string;
  newPage(): Promise<Page>;
  /** Resolves with the path of the first download whose name matches, waiting up to `ms`. */
  download(match: RegExp, ms?: number): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const profile = mkdtempSync(join(tmpdir(), 'imzala-chromium-'));
  const downloads = mkdtempSync(join(tmpdir(), 'imzala-downloads-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
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
  return {
    browser,
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
      rmSync(profile, { recursive: true, force: true });
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
