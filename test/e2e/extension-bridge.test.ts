/**
 * The extension bridge for real, in Debian Chromium with the built extension (extension/.output/chrome-mv3, made by
 * `npm run build`; built here once when missing): a configured origin gets answers through content script and
 * background, another origin gets none, a first signature asks for consent, and an organisation's policy
 * (/etc/chromium/policies/managed) overrides the user's options.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, randomBytes, verify, X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageLibraryServer, type PageLibraryServer } from '../support/page-library-server.js';
import { getExtensionStorage, launchBrowser, setExtensionStorage } from '../support/browser.js';
import { HOST_SCRIPT, installTestHost } from '../support/native-host.js';
import { createSoftHsmToken, TEST_TOKEN_LABEL } from '../support/softhsm.js';

// The extension API inside the extension's own pages, where these callbacks run.
declare const chrome: any;

const EXTENSION_OUTPUT = resolve('extension/.output/chrome-mv3');
const FIXED_ID = 'iocoigakjbbnhenkjjcnnhinconhhebn';
const POLICY_DIR = '/etc/chromium/policies/managed';
const NATIVE_HOST_MANIFESTS = ['/etc/chromium/native-messaging-hosts/az.imzala.host.json', '/etc/opt/chrome/native-messaging-hosts/az.imzala.host.json'];
const SIGN_ARGS = { certificate: 'MIIBAA==', digest: Buffer.alloc(32, 7).toString('base64'), algorithm: 'SHA-256', documentName: 'müqavilə.pdf' };

type Outcome = { ok: true; result: any } | { ok: false; code: string; details: Record<string, unknown> };

let server: PageLibraryServer;
let port: number;
let work: string;
/** A private copy of the build (with its key, so the same fixed id): a rebuild while the tests run cannot disturb them. */
let extensionDir: string;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_OUTPUT, 'manifest.json'))) execFileSync('npx', ['wxt', 'build', 'extension'], { stdio: 'ignore' });
  work = mkdtempSync(join(tmpdir(), 'imzala-bridge-'));
  extensionDir = join(work, 'extension');
  cpSync(EXTENSION_OUTPUT, extensionDir, { recursive: true });
  server = await startPageLibraryServer();
  port = server.port;
});

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface ExtensionBrowser {
  browser: Browser;
  id: string;
  close(): Promise<void>;
}

/** Chromium with the unpacked extension; `profile` may hold a native host manifest, `env` reaches the host. */
async function launchWithExtension(extensionDir: string, options: { profile?: string; env?: Record<string, string> } = {}): Promise<ExtensionBrowser> {
  const launched = await launchBrowser({ extension: extensionDir, ...options });
  return { browser: launched.browser, id: launched.extensionId!, close: () => launched.close() };
}

/** Sets user options as the options page stores them (storage.local). */
async function setUserOptions(ext: ExtensionBrowser, values: Record<string, unknown>): Promise<void> {
  await setExtensionStorage({ browser: ext.browser, extensionId: ext.id }, values);
}

async function openService(ext: ExtensionBrowser, origin: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(`${origin}/sign`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as any).libraryReady === true);
  return page;
}

/**
 * Calls the page library in the page and returns what it resolved or the code it rejected with. `ackTimeoutMs`: where
 * an answer must come, generous (a loaded CI machine may be slow to wake the service worker); where none may come,
 * the caller passes a short one (the test then waits all of it).
 */
async function call(page: Page, method: 'status' | 'listCertificates' | 'sign', args?: unknown, ackTimeoutMs = 15_000): Promise<Outcome> {
  return page.evaluate(
    (m, a, t) => {
      const lib = (window as any).imzala;
      const p: Promise<unknown> = m === 'sign' ? lib.sign(a, { ackTimeoutMs: t }) : lib[m]({ ackTimeoutMs: t });
      return p.then(
        (result) => ({ ok: true as const, result }),
        (e: any) => ({ ok: false as const, code: String(e?.code), details: e?.details ?? {} }),
      );
    },
    method,
    args,
    ackTimeoutMs,
  ) as Promise<Outcome>;
}

/** Starts a sign in the page without waiting; `settled()` gives its outcome later. */
async function startSign(page: Page, args: unknown = SIGN_ARGS): Promise<{ settled(): Promise<Outcome> }> {
  await page.evaluate((a) => {
    (window as any).pendingSign = (window as any).imzala.sign(a, { ackTimeoutMs: 15_000 }).then(
      (result: unknown) => ({ ok: true, result }),
      (e: any) => ({ ok: false, code: String(e?.code), details: e?.details ?? {} }),
    );
  }, args);
  return { settled: () => page.evaluate(() => (window as any).pendingSign) as Promise<Outcome> };
}

async function consentWindow(ext: ExtensionBrowser): Promise<Page> {
  const target = await ext.browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${ext.id}/consent.html`), { timeout: 20_000 });
  const page = (await target.page())!;
  await page.waitForSelector('#allow');
  return page;
}

/** Sends a runtime message from the extension's content script world of `page` (as a compromised page could not, but a forged relay would). */
async function sendFromContentScript(page: Page, extensionId: string, message: unknown): Promise<unknown> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
  if (!world) throw new Error(`no content script world on ${page.url()} (contexts: ${JSON.stringify(contexts)})`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.text);
  return result.value;
}

const nativeHostInstalled = NATIVE_HOST_MANIFESTS.some((p) => existsSync(p));

describe('extension bridge in Chromium (fixed-id build)', () => {
  let ext: ExtensionBrowser;
  let configured: string;
  let foreign: string;

  beforeAll(async () => {
    ext = await launchWithExtension(extensionDir);
    configured = `http://localhost:${port}`;
    foreign = `http://127.0.0.1:${port}`;
    await setUserOptions(ext, { serviceUrls: [configured] });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('has the fixed Chrome id from the manifest key', () => {
    expect(ext.id).toBe(FIXED_ID);
  });

  it('answers a configured origin: extension version, protocol and the native host state', async () => {
    const page = await openService(ext, configured);
    const status = await call(page, 'status');
    expect(status).toMatchObject({ ok: true });
    if (!status.ok) return;
    expect(status.result.extension).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(status.result.protocol).toBe(1);
    expect(status.result.tools).toEqual(['token', 'asan', 'sima']);
    if (nativeHostInstalled) {
      expect(status.result.nativeHost?.protocol).toBe(1);
    } else {
      expect(status.result.nativeHost).toBeNull();
      expect(status.result.nativeError.code).toBe('NATIVE_UNAVAILABLE');
    }
    await page.close();
  });

  it('gives another origin no answer at all, and refuses a forged relay from it', async () => {
    const page = await openService(ext, foreign);
    for (const outcome of [await call(page, 'status', undefined, 3000), await call(page, 'listCertificates', undefined, 3000), await call(page, 'sign', SIGN_ARGS, 3000)]) {
      expect(outcome).toMatchObject({ ok: false, code: 'EXTENSION_UNAVAILABLE' });
    }
    // The content script runs there too but installed nothing; a message forged in its world is refused by origin.
    const hello = await sendFromContentScript(page, ext.id, { type: 'page:hello' });
    expect(hello).toEqual({ serviceOrigin: false });
    const forged = (await sendFromContentScript(page, ext.id, {
      type: 'page:request',
      request: { type: 'imzala:list-certificates', protocol: 1, id: 'forged-1', args: {}, origin: configured },
    })) as { ok: boolean; error: { code: string } };
    expect(forged.ok).toBe(false);
    expect(forged.error.code).toBe('ORIGIN_NOT_ALLOWED');
    await page.close();
  });

  it('answers ui:* messages only to the extension\'s own pages', async () => {
    const own = await ext.browser.newPage();
    await own.goto(`chrome-extension://${ext.id}/consent.html?request=none`);
    await own.waitForSelector('#allow');
    const status = await own.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:status' }));
    expect(status).toMatchObject({ protocol: 1, tools: ['token', 'asan', 'sima'] });
    // A consent answer for a request nobody waits for changes nothing; the window says it has expired.
    await own.click('#allow');
    await own.waitForFunction(() => !document.querySelector('#allow'));
    await own.close();
    const page = await openService(ext, configured);
    // No answer (the browser reports undefined/null), certainly no status.
    expect((await sendFromContentScript(page, ext.id, { type: 'ui:status' })) ?? null).toBeNull();
    await page.close();
  });

  it('asks consent before the first signature: Deny refuses, Allow is remembered', async () => {
    const page = await openService(ext, configured);

    const denied = await startSign(page);
    const first = await consentWindow(ext);
    expect(await first.$eval('#origin', (e) => e.textContent)).toBe(configured);
    expect(await first.$eval('#document-name', (e) => e.textContent)).toBe('müqavilə.pdf');
    await first.click('#deny');
    expect(await denied.settled()).toMatchObject({ ok: false, code: 'CONSENT_DENIED' });
    expect(await getExtensionStorage({ browser: ext.browser, extensionId: ext.id }, 'local', 'consentedOrigins')).toEqual({});

    const allowed = await startSign(page);
    const second = await consentWindow(ext);
    await second.click('#allow');
    const afterAllow = await allowed.settled();
    expect(await getExtensionStorage({ browser: ext.browser, extensionId: ext.id }, 'local', 'consentedOrigins')).toEqual({ consentedOrigins: [configured] });
    if (!nativeHostInstalled) expect(afterAllow).toMatchObject({ ok: false, code: 'NATIVE_UNAVAILABLE' });

    // Remembered: the next signature goes straight on, no consent window.
    const consentPages = async () => (await ext.browser.pages()).filter((p) => p.url().includes('/consent.html')).length;
    const third = await call(page, 'sign', SIGN_ARGS);
    if (!nativeHostInstalled) expect(third).toMatchObject({ ok: false, code: 'NATIVE_UNAVAILABLE' });
    expect(await consentPages()).toBe(0);
    await page.close();
  });
});

/** Chromium's id of an unpacked extension without a key: the SHA-256 of its absolute path, hex digits mapped to a-p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

describe('managed policy overrides user options (copy without key)', () => {
  let ext: ExtensionBrowser;
  let policyFile: string | undefined;
  let copyId: string;

  beforeAll(async () => {
    // Other test files load the fixed id at the same time; a copy without `key` gets its own id from its path.
    const copy = join(work, 'extension-copy');
    cpSync(extensionDir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    delete manifest.key;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    copyId = unpackedExtensionId(copy);
    mkdirSync(POLICY_DIR, { recursive: true });
    policyFile = join(POLICY_DIR, `imzala-test-${randomBytes(6).toString('hex')}.json`);
    const policy = { serviceUrls: [`http://127.0.0.1:${port}`], allowedTools: ['asan', 'sima'], defaultTool: 'sima', language: 'ru' };
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [copyId]: policy } } }));
    try {
      ext = await launchWithExtension(copy);
    } catch (e) {
      rmSync(policyFile, { force: true });
      throw e;
    }
    // The user tries to set the same keys: policy must win.
    await setUserOptions(ext, { serviceUrls: [`http://localhost:${port}`], allowedTools: ['token'], defaultTool: 'token', language: 'en' });
  });
  afterAll(async () => {
    await ext?.close();
    if (policyFile) rmSync(policyFile, { force: true });
  });

  it('loads under the id computed from its path, and Chromium hands it the policy', async () => {
    expect(ext.id).toBe(copyId);
    const managed = await getExtensionStorage({ browser: ext.browser, extensionId: ext.id }, 'managed');
    expect(managed).toMatchObject({ serviceUrls: [`http://127.0.0.1:${port}`], allowedTools: ['asan', 'sima'] });
  });

  it('answers the origin configured only by policy, in the policy language, with the policy tools', async () => {
    const page = await openService(ext, `http://127.0.0.1:${port}`);
    const status = await call(page, 'status');
    expect(status).toMatchObject({ ok: true, result: { tools: ['asan', 'sima'], nativeHost: null } });
    const list = await call(page, 'listCertificates');
    expect(list).toMatchObject({ ok: false, code: 'TOOL_NOT_ALLOWED' });
    const sign = await page.evaluate(() => (window as any).imzala.sign({ certificate: 'MIIBAA==', digest: btoa(String.fromCharCode(...new Array(32).fill(7))), algorithm: 'SHA-256', documentName: 'a.pdf' }).catch((e: any) => ({ code: e.code, message: e.message })));
    expect(sign.code).toBe('TOOL_NOT_ALLOWED');
    // Russian, as the policy says, although the user chose English.
    expect(sign.message).toMatch(/[а-я]/);
    await page.close();
  });

  it('ignores the user option for a managed key: the user-configured origin gets no answer', async () => {
    const page = await openService(ext, `http://localhost:${port}`);
    expect(await call(page, 'status', undefined, 3000)).toMatchObject({ ok: false, code: 'EXTENSION_UNAVAILABLE' });
    await page.close();
  });
});

describe('extension bridge to the native host and a SoftHSM token', () => {
  let ext: ExtensionBrowser;
  let configured: string;

  beforeAll(async () => {
    if (!existsSync(HOST_SCRIPT)) throw new Error(`${HOST_SCRIPT} is missing: run npm run build`);
    const dir = mkdtempSync(join(work, 'token-'));
    const token = createSoftHsmToken({ dir: join(dir, 'hsm'), pin: '123456', soPin: '12345678' });
    const profile = mkdtempSync(join(work, 'profile-host-'));
    const host = installTestHost({ dir: join(dir, 'host'), token, userDataDir: profile });
    ext = await launchWithExtension(extensionDir, { profile, env: host.env });
    configured = `http://localhost:${port}`;
    await setUserOptions(ext, { serviceUrls: [configured] });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('reports the host and the token in status', async () => {
    const page = await openService(ext, configured);
    const status = await call(page, 'status');
    expect(status).toMatchObject({ ok: true, result: { nativeHost: { protocol: 1, backend: 'pkcs11' } } });
    if (status.ok) expect(status.result.nativeHost.tokens.map((t: { label: string }) => t.label)).toContain(TEST_TOKEN_LABEL);
    await page.close();
  });

  it('lists the certificate and signs a digest with it after consent; the signature verifies', async () => {
    const page = await openService(ext, configured);
    const list = await call(page, 'listCertificates');
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.result.certificates).toHaveLength(1);
    const entry = list.result.certificates[0];
    expect(entry.token.label).toBe(TEST_TOKEN_LABEL);
    const certificate = new X509Certificate(Buffer.from(entry.certificate, 'base64'));

    const data = Buffer.from('imzala bridge test document');
    const args = { certificate: entry.certificate, digest: createHash('sha256').update(data).digest('base64'), algorithm: 'SHA-256', documentName: 'sənəd.pdf' };
    const pending = await startSign(page, args);
    await (await consentWindow(ext)).click('#allow');
    const signed = await pending.settled();
    expect(signed).toMatchObject({ ok: true });
    if (!signed.ok) return;
    const key = createPublicKey(certificate.publicKey.export({ format: 'pem', type: 'spki' }));
    const signature = Buffer.from(signed.result.signature, 'base64');
    const ok = signed.result.scheme === 'ECDSA'
      ? verify('sha256', data, { key, dsaEncoding: signed.result.signatureFormat === 'p1363' ? 'ieee-p1363' : 'der' }, signature)
      : verify('sha256', data, key, signature);
    expect(ok).toBe(true);
    await page.close();
  });
});
