/**
 * The Firefox build of the extension (extension/.output/firefox-mv2, made by `npm run build`; built here once when
 * missing) in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (../../shared/design/TOOLCHAIN.md
 * section 4). The service origin is configured the way an organisation does it in Firefox: an enterprise policy
 * ("3rdparty" -> "Extensions" -> the add-on id) that Firefox hands to the extension as storage.managed. Then a page on
 * that origin gets the extension's status through content script and background page, and another origin gets nothing.
 *
 * The policy file lives in a system directory (CI runs as root): it is written only when none is there, and removed
 * after the tests and when the launch fails.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageLibraryServer, type PageLibraryServer } from '../support/page-library-server.js';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION_OUTPUT = resolve('extension/.output/firefox-mv2');
const ADDON_ID = 'imzala@imzala.az';
/**
 * Where firefox-esr reads policies.json (both checked here with browser.policies.loglevel=debug): the system directory
 * /etc/firefox/policies (Linux builds with system policies; Debian's firefox-esr uses /etc/firefox, not
 * /etc/firefox-esr), else `distribution/` in the install directory. The system file wins when both exist, so the
 * test refuses to run when either is there already, and writes the first.
 */
const POLICY_FILES = ['/etc/firefox/policies/policies.json', '/usr/lib/firefox-esr/distribution/policies.json'];

const firefoxInstalled = existsSync(FIREFOX);
if (!firefoxInstalled) console.log(`firefox-extension.test.ts: skipped, firefox-esr is not installed (${FIREFOX})`);

type Outcome = { ok: true; result: any } | { ok: false; code: string; message: string };

describe.skipIf(!firefoxInstalled)('Firefox build in firefox-esr (skipped when firefox-esr is not installed)', () => {
  let server: PageLibraryServer | undefined;
  let port: number;
  let work: string;
  let browser: Browser | undefined;
  let addonId: string;
  /** The policy file this test wrote (removed in afterAll), and directories it made for it. */
  let policyFile: string | undefined;
  let madeDirs: string[] = [];
  /** Why the suite cannot run here (an existing policies.json that is not ours), or undefined. */
  let refusal: string | undefined;

  function removePolicy(): void {
    if (policyFile) rmSync(policyFile, { force: true });
    policyFile = undefined;
    for (const dir of madeDirs.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty any more: someone else put something there, leave it
      }
    }
    madeDirs = [];
  }

  beforeAll(async () => {
    if (!existsSync(join(EXTENSION_OUTPUT, 'manifest.json'))) execFileSync('npx', ['wxt', 'build', 'extension', '-b', 'firefox'], { stdio: 'ignore' });
    work = mkdtempSync(join(tmpdir(), 'imzala-firefox-'));
    // A private copy: a rebuild while the tests run cannot pull the files away from Firefox.
    const extensionDir = join(work, 'extension');
    cpSync(EXTENSION_OUTPUT, extensionDir, { recursive: true });

    server = await startPageLibraryServer();
    port = server.port;

    // Never overwrite an administrator's policies (a real one would also change what this test sees).
    const existing = POLICY_FILES.find((f) => existsSync(f));
    if (existing) {
      refusal = `${existing} already exists; this test will not overwrite an existing Firefox policy`;
      console.log(`firefox-extension.test.ts: skipped, ${refusal}`);
      return;
    }
    const policy = { policies: { '3rdparty': { Extensions: { [ADDON_ID]: { serviceUrls: [`http://localhost:${port}`], language: 'ru' } } } } };
    policyFile = POLICY_FILES[0]!;
    for (let dir = dirname(policyFile); !existsSync(dir); dir = dirname(dir)) madeDirs.push(dir);
    madeDirs.reverse();
    try {
      for (const dir of madeDirs) mkdirSync(dir);
      writeFileSync(policyFile, JSON.stringify(policy));
    } catch (e) {
      removePolicy();
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EPERM') throw e;
      refusal = `cannot write ${POLICY_FILES[0]} (${code}): the Firefox policy needs root, as in CI`;
      console.log(`firefox-extension.test.ts: skipped, ${refusal}`);
      return;
    }
    try {
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: true,
        protocolTimeout: 30_000,
        timeout: 30_000,
        extraPrefsFirefox: {
          // No first-run pages, update checks or telemetry traffic from a test browser.
          'browser.shell.checkDefaultBrowser': false,
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
        },
      });
      addonId = await browser.installExtension(extensionDir);
    } catch (e) {
      await browser?.close().catch(() => undefined);
      browser = undefined;
      removePolicy();
      throw e;
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    removePolicy();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function openService(origin: string): Promise<Page> {
    const page = await browser!.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${origin}/sign`, { waitUntil: 'load', timeout: 20_000 });
    await page.waitForFunction(() => (window as any).libraryReady === true, { timeout: 20_000 });
    return page;
  }

  /** Calls imzala.status() in the page: what it resolved, or the code and message it rejected with. */
  async function status(page: Page, ackTimeoutMs: number): Promise<Outcome> {
    return page.evaluate(
      (t) =>
        (window as any).imzala.status({ ackTimeoutMs: t, timeoutMs: 20_000 }).then(
          (result: unknown) => ({ ok: true, result }),
          (e: any) => ({ ok: false, code: String(e?.code), message: String(e?.message) }),
        ),
      ackTimeoutMs,
    ) as Promise<Outcome>;
  }

  it('installs as a temporary add-on under the Firefox id from the manifest', (ctx) => {
    if (refusal) ctx.skip(refusal);
    expect(addonId).toBe(ADDON_ID);
  });

  it('answers the origin configured by enterprise policy: extension version, protocol 1, no native host, in the policy language', async (ctx) => {
    if (refusal) ctx.skip(refusal);
    const page = await openService(`http://localhost:${port}`);
    // Generous ack time: the background page of a freshly installed add-on may still be starting.
    const outcome = await status(page, 15_000);
    expect(outcome).toMatchObject({ ok: true });
    if (!outcome.ok) return;
    expect(outcome.result.extension).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(outcome.result.protocol).toBe(1);
    // No native messaging host for Firefox is installed on this machine.
    expect(outcome.result.nativeHost).toBeNull();
    expect(outcome.result.nativeError?.code).toBe('NATIVE_UNAVAILABLE');
    // The policy also set the language to Russian: the extension's own message is in Russian.
    expect(outcome.result.nativeError?.message).toMatch(/[а-яё]/i);
    await page.close();
  });

  it('gives an origin that is not configured no answer: EXTENSION_UNAVAILABLE', async (ctx) => {
    if (refusal) ctx.skip(refusal);
    const page = await openService(`http://127.0.0.1:${port}`);
    expect(await status(page, 3_000)).toMatchObject({ ok: false, code: 'EXTENSION_UNAVAILABLE' });
    await page.close();
  });
});
