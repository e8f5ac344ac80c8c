/**
 * The self-contained native host (extension/native-host/package/build-sea.mjs): built into a temporary folder from the
 * compiled host (dist/extension/native-host/bin.js, `npm run build`), then run the way a user's browser runs it on a
 * computer without Node: no node on PATH, a clean environment, from another folder after install.sh copied it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { exchangeWithHost, initSoftHsmToken, SOFTHSM_LIBRARY, statusRequest, TEST_TOKEN_LABEL } from '../bench/extension.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD_SCRIPT = join(ROOT, 'extension/native-host/package/build-sea.mjs');
const ENTRY = join(ROOT, 'dist/extension/native-host/bin.js');
const CHROME_ORIGIN = 'chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn/';
const FIREFOX_ID = 'imzala@imzala.az';
const EXTENSION_OUTPUT = join(ROOT, 'extension/.output/chrome-mv3');

// The extension API inside the service worker, where the evaluated callback runs.
declare const chrome: any;

interface StatusAnswer {
  id: string;
  ok: boolean;
  result?: { version: string; protocol: number; backend: string; library: string | null; tokens: { label: string; slotId: string }[] };
  error?: { code: string };
}

describe('self-contained native host package', () => {
  let dir: string;
  let pkg: string;
  let exe: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build first`);
    dir = mkdtempSync(join(tmpdir(), 'imzala-host-package-'));
    pkg = join(dir, 'package');
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BUILD_SCRIPT, '--out', pkg], { encoding: 'utf8', timeout: 300_000 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`build-sea failed (${r.status}): ${r.stdout}\n${r.stderr}`);
    // Reported, not asserted: the build time depends on the machine.
    console.log(`host package built in ${seconds.toFixed(1)} s: ${r.stdout.trim()}`);
    exe = join(pkg, 'imzala-host');
    const token = initSoftHsmToken(join(dir, 'softhsm'));
    const config = join(dir, 'host.json');
    writeFileSync(config, JSON.stringify({ pkcs11Libraries: [SOFTHSM_LIBRARY] }));
    // No node anywhere on PATH and nothing inherited from this process: only what the host is told.
    env = { PATH: '/nonexistent', HOME: join(dir, 'home'), IMZALA_HOST_CONFIG: config, ...token.env };
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a native program with the PKCS#11 addon, a README and the install script beside it', () => {
    for (const f of ['imzala-host', 'pkcs11.node', 'README.txt', 'install.sh']) expect(existsSync(join(pkg, f)), f).toBe(true);
    // An ELF executable, not a script that would need an interpreter.
    expect([...readFileSync(exe).subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(readFileSync(join(pkg, 'README.txt'), 'utf8')).toContain('NOT code-signed');
  });

  it('answers status over native messaging without node on PATH and lists the SoftHSM token', async () => {
    const r = await exchangeWithHost(exe, [CHROME_ORIGIN], statusRequest('s1'), env);
    expect(r.messages.length, r.stderr).toBe(2);
    const hello = r.messages[0] as { type: string; protocol: number; version: string };
    expect(hello.type).toBe('hello');
    expect(hello.protocol).toBe(1);
    expect(hello.version).toMatch(/^\d+\.\d+\.\d+/);
    const answer = r.messages[1] as StatusAnswer;
    expect(answer.id).toBe('s1');
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    expect(answer.result!.backend).toBe('pkcs11');
    expect(answer.result!.protocol).toBe(1);
    expect(answer.result!.library).toBe(SOFTHSM_LIBRARY);
    expect(answer.result!.tokens.map((t) => t.label.trim())).toContain(TEST_TOKEN_LABEL);
    expect(r.exitCode).toBe(0);
    // The warning Node prints for experimental SEA would land in the browser's log for every command.
    expect(r.stderr).not.toContain('ExperimentalWarning');
  });

  it('refuses a request of another protocol version with VERSION_MISMATCH', async () => {
    const r = await exchangeWithHost(exe, [CHROME_ORIGIN], { protocol: 99, id: 'v', command: 'status', args: {} }, env);
    const answer = r.messages.at(-1) as StatusAnswer;
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('VERSION_MISMATCH');
  });

  it('install.sh copies it elsewhere and writes manifests naming only imzala; the copy still works; uninstall removes all', async () => {
    const home = join(dir, 'install-home');
    const prefix = join(dir, 'opt', 'imzala host');
    const profile = join(dir, 'chromium-profile');
    const shEnv = { PATH: '/usr/bin:/bin', HOME: home };
    const install = (args: string[]) => spawnSync('sh', [join(pkg, 'install.sh'), '--prefix', prefix, ...args], { encoding: 'utf8', env: shEnv });

    let r = install(['--user-data-dir', profile]);
    expect(r.status, r.stderr).toBe(0);
    const chromium = JSON.parse(readFileSync(join(profile, 'NativeMessagingHosts/az.imzala.host.json'), 'utf8'));
    expect(chromium).toEqual({
      name: 'az.imzala.host',
      description: expect.any(String),
      path: join(prefix, 'imzala-host'),
      type: 'stdio',
      allowed_origins: [CHROME_ORIGIN],
    });

    r = install(['--browser', 'firefox', '--browser', 'chrome']);
    expect(r.status, r.stderr).toBe(0);
    const firefox = JSON.parse(readFileSync(join(home, '.mozilla/native-messaging-hosts/az.imzala.host.json'), 'utf8'));
    expect(firefox.allowed_extensions).toEqual([FIREFOX_ID]);
    expect(firefox.allowed_origins).toBeUndefined();
    expect(existsSync(join(home, '.config/google-chrome/NativeMessagingHosts/az.imzala.host.json'))).toBe(true);
    expect(existsSync(join(home, '.config/microsoft-edge/NativeMessagingHosts/az.imzala.host.json'))).toBe(false);

    // The installed copy finds its addon beside itself, wherever it was copied to.
    const s = await exchangeWithHost(chromium.path, [CHROME_ORIGIN], statusRequest('s2'), env);
    expect((s.messages[1] as StatusAnswer).ok, s.stderr).toBe(true);

    expect(install(['--browser', 'chrome']).stdout).toContain('wrote');
    expect(install(['--browser', 'edge', '--browser', 'nonsense']).status).toBe(2);
    r = install(['--uninstall', '--browser', 'firefox', '--browser', 'chrome']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(home, '.mozilla/native-messaging-hosts/az.imzala.host.json'))).toBe(false);
    expect(existsSync(join(home, '.config/google-chrome/NativeMessagingHosts/az.imzala.host.json'))).toBe(false);
    expect(existsSync(join(prefix, 'imzala-host'))).toBe(false);
  });

  it('Chromium starts the installed executable for the extension and gets the token through native messaging', async () => {
    if (!existsSync(join(EXTENSION_OUTPUT, 'manifest.json'))) execFileSync('npx', ['wxt', 'build', 'extension'], { cwd: ROOT, stdio: 'ignore' });
    const profile = join(dir, 'browser-profile');
    const r = spawnSync('sh', [join(pkg, 'install.sh'), '--prefix', join(dir, 'browser-host'), '--user-data-dir', profile], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: join(dir, 'home') } });
    expect(r.status, r.stderr).toBe(0);
    // Chromium hands its environment to the host: the token and the host config. (The user-level manifest in the
    // profile is looked up before the system one, so this is the installed executable.)
    const launched = await launchBrowser({ extension: EXTENSION_OUTPUT, profile, env: { SOFTHSM2_CONF: env.SOFTHSM2_CONF!, IMZALA_HOST_CONFIG: env.IMZALA_HOST_CONFIG! } });
    const browser = launched.browser;
    try {
      expect(launched.extensionId).toBe('iocoigakjbbnhenkjjcnnhinconhhebn');
      // From one of the extension's own pages: its chrome.* is there as soon as it loads (a service worker's context
      // may be restarting when a test reaches it).
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${launched.extensionId}/options.html`);
      const messages = (await page.evaluate(
        () =>
          new Promise<unknown[]>((resolvePromise) => {
            const got: unknown[] = [];
            const port = chrome.runtime.connectNative('az.imzala.host');
            port.onMessage.addListener((m: any) => {
              got.push(m);
              if (m?.type === 'hello') port.postMessage({ protocol: 1, id: 'b1', command: 'status', args: {} });
              else port.disconnect();
              if (got.length === 2) resolvePromise(got);
            });
            port.onDisconnect.addListener(() => resolvePromise([...got, { disconnected: chrome.runtime.lastError?.message ?? null }]));
          }),
      )) as [{ type: string }, StatusAnswer];
      expect(messages[0].type, JSON.stringify(messages)).toBe('hello');
      expect(messages[1].ok, JSON.stringify(messages)).toBe(true);
      expect(messages[1].result!.tokens.map((t) => t.label.trim())).toContain(TEST_TOKEN_LABEL);
    } finally {
      await launched.close();
    }
  });
});
