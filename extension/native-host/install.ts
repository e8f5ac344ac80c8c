/**
 * Registers the native messaging host with browsers: writes the host manifest az.imzala.host.json where each browser
 * looks for it (and, on Windows, the registry key pointing at it). Linux paths were tried here; macOS and Windows
 * paths follow the browsers' documentation and are untested on those systems.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { NATIVE_HOST_NAME } from '../../core/protocol/version.js';
import { HOST_MESSAGES } from './codes.js';
import { CHROME_EXTENSION_IDS, FIREFOX_EXTENSION_IDS } from './extension-ids.js';
import type { Language } from '../../core/report/message-types.js';

export type Browser = 'chrome' | 'chromium' | 'edge' | 'firefox';
export const BROWSERS: readonly Browser[] = ['chrome', 'chromium', 'edge', 'firefox'];

export interface InstallOptions {
  browsers: readonly Browser[];
  /** All users (needs administrator rights) instead of the current user. */
  system: boolean;
  /** The host program: an executable, or the Node script dist/host/imzala-host.js (a launcher is written for it). */
  hostPath: string;
  /** A Chromium --user-data-dir: write into <userDataDir>/NativeMessagingHosts (what tests use). */
  userDataDir?: string;
  platform?: NodeJS.Platform;
  home?: string;
  env?: NodeJS.ProcessEnv;
  /** The node binary the launcher runs (default: this one). */
  nodePath?: string;
}

export interface InstalledFile {
  browser: Browser;
  manifest: string;
  launcher?: string;
  registryKey?: string;
}

export const HOST_DESCRIPTION = 'imzala: sign with an e-signature token (PKCS#11)';

/** The manifest JSON for one browser: only our extension ids. */
export function hostManifest(browser: Browser, path: string): Record<string, unknown> {
  const base = { name: NATIVE_HOST_NAME, description: HOST_DESCRIPTION, path, type: 'stdio' };
  return browser === 'firefox'
    ? { ...base, allowed_extensions: [...FIREFOX_EXTENSION_IDS] }
    : { ...base, allowed_origins: CHROME_EXTENSION_IDS.map((id) => `chrome-extension://${id}/`) };
}

/** The directory a browser reads host manifests from. */
export function manifestDirectory(browser: Browser, options: Pick<InstallOptions, 'system' | 'userDataDir' | 'platform' | 'home' | 'env'>): string {
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const env = options.env ?? process.env;
  if (options.userDataDir) return join(options.userDataDir, 'NativeMessagingHosts');
  if (platform === 'win32') {
    // Windows browsers find the manifest through the registry; the file itself can live anywhere.
    const base = options.system ? (env.ProgramData ?? 'C:\\ProgramData') : (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'));
    return join(base, 'imzala', 'native-messaging', browser);
  }
  if (platform === 'darwin') {
    // Chrome's and Edge's machine-wide folders are not under Application Support (their native messaging docs).
    if (options.system && browser === 'chrome') return '/Library/Google/Chrome/NativeMessagingHosts';
    if (options.system && browser === 'edge') return '/Library/Microsoft/Edge/NativeMessagingHosts';
    const root = options.system ? '/Library' : join(home, 'Library');
    const sub: Record<Browser, string> = {
      chrome: 'Google/Chrome/NativeMessagingHosts',
      chromium: 'Chromium/NativeMessagingHosts',
      edge: 'Microsoft Edge/NativeMessagingHosts',
      firefox: 'Mozilla/NativeMessagingHosts',
    };
    return join(root, 'Application Support', sub[browser]);
  }
  if (options.system) {
    return {
      chrome: '/etc/opt/chrome/native-messaging-hosts',
      chromium: '/etc/chromium/native-messaging-hosts',
      edge: '/etc/opt/edge/native-messaging-hosts',
      firefox: '/usr/lib/mozilla/native-messaging-hosts',
    }[browser];
  }
  const config = env.XDG_CONFIG_HOME || join(home, '.config');
  return {
    chrome: join(config, 'google-chrome', 'NativeMessagingHosts'),
    chromium: join(config, 'chromium', 'NativeMessagingHosts'),
    edge: join(config, 'microsoft-edge', 'NativeMessagingHosts'),
    firefox: join(home, '.mozilla', 'native-messaging-hosts'),
  }[browser];
}

/** The Windows registry key of the host for a browser. */
export function registryKey(browser: Browser, system: boolean): string {
  const hive = system ? 'HKLM' : 'HKCU';
  const path: Record<Browser, string> = {
    chrome: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    chromium: 'Software\\Chromium\\NativeMessagingHosts',
    edge: 'Software\\Microsoft\\Edge\\NativeMessagingHosts',
    firefox: 'Software\\Mozilla\\NativeMessagingHosts',
  };
  return `${hive}\\${path[browser]}\\${NATIVE_HOST_NAME}`;
}

const isScript = (path: string) => /\.(m?js|cjs)$/.test(path);

/** Writes the manifests (and launchers, registry keys); returns what was written. Throws InstallError. */
export function installHost(options: InstallOptions): InstalledFile[] {
  const platform = options.platform ?? process.platform;
  const hostPath = resolve(options.hostPath);
  if (!existsSync(hostPath)) throw new InstallError('INSTALL_HOST_NOT_FOUND', { path: hostPath });
  const written: InstalledFile[] = [];
  for (const browser of options.browsers) {
    const dir = manifestDirectory(browser, options);
    const manifest = join(dir, `${NATIVE_HOST_NAME}.json`);
    try {
      mkdirSync(dir, { recursive: true });
      let path = hostPath;
      let launcher: string | undefined;
      if (isScript(hostPath)) {
        // Browsers start `path` directly, so a Node script needs an executable launcher beside the manifest.
        launcher = join(dir, platform === 'win32' ? `${NATIVE_HOST_NAME}.cmd` : `${NATIVE_HOST_NAME}.sh`);
        const node = options.nodePath ?? process.execPath;
        writeFileSync(launcher, platform === 'win32' ? `@echo off\r\n"${node}" "${hostPath}" %*\r\n` : `#!/bin/sh\nexec '${shellQuote(node)}' '${shellQuote(hostPath)}' "$@"\n`);
        if (platform !== 'win32') chmodSync(launcher, 0o755);
        path = launcher;
      }
      writeFileSync(manifest, JSON.stringify(hostManifest(browser, path), null, 2) + '\n');
      const entry: InstalledFile = { browser, manifest, ...(launcher ? { launcher } : {}) };
      if (platform === 'win32' && !options.userDataDir) {
        // Untested here (no Windows): reg.exe sets the key's default value to the manifest path.
        const key = registryKey(browser, options.system);
        const r = spawnSync('reg', ['add', key, '/ve', '/t', 'REG_SZ', '/d', manifest, '/f'], { stdio: 'ignore' });
        if (r.status !== 0) throw new Error(`reg add ${key} failed`);
        entry.registryKey = key;
      }
      written.push(entry);
    } catch (e) {
      if (e instanceof InstallError) throw e;
      throw new InstallError('INSTALL_FAILED', { path: manifest, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return written;
}

/** Removes what installHost wrote (missing files are fine). */
export function uninstallHost(options: Omit<InstallOptions, 'hostPath' | 'nodePath'>): string[] {
  const platform = options.platform ?? process.platform;
  const removed: string[] = [];
  for (const browser of options.browsers) {
    const dir = manifestDirectory(browser, options);
    for (const file of [`${NATIVE_HOST_NAME}.json`, `${NATIVE_HOST_NAME}.sh`, `${NATIVE_HOST_NAME}.cmd`]) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      try {
        rmSync(path);
      } catch (e) {
        throw new InstallError('INSTALL_FAILED', { path, reason: e instanceof Error ? e.message : String(e) });
      }
      removed.push(path);
    }
    if (platform === 'win32' && !options.userDataDir) {
      const key = registryKey(browser, options.system);
      if (spawnSync('reg', ['delete', key, '/f'], { stdio: 'ignore' }).status === 0) removed.push(key);
    }
  }
  return removed;
}

function shellQuote(text: string): string {
  return text.replace(/'/g, `'\\''`);
}

export class InstallError extends Error {
  constructor(
    readonly code: 'INSTALL_BAD_USAGE' | 'INSTALL_FAILED' | 'INSTALL_HOST_NOT_FOUND',
    readonly details: Record<string, string>,
  ) {
    let message = HOST_MESSAGES[code]!.en;
    for (const [k, v] of Object.entries(details)) message = message.replaceAll(`{${k}}`, v);
    super(message);
    this.name = 'InstallError';
  }
}

export interface InstallCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Default host path when --host is absent (the CLI passes its dist/host/imzala-host.js). */
  defaultHostPath: string;
  /** The language of refusals (the CLI's --lang / environment); English when absent. */
  language?: Language;
  platform?: NodeJS.Platform;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * `imzala host install|uninstall [--browser chrome|chromium|edge|firefox]... [--system] [--user-data-dir DIR] [--host PATH]`.
 * `argv` starts with the verb. Returns the exit code: 0 done, 2 bad use, 1 failure (code and message on err).
 */
export function installCommand(argv: readonly string[], io: InstallCommandIo): number {
  const [verb, ...rest] = argv;
  const browsers: Browser[] = [];
  let system = false;
  let userDataDir: string | undefined;
  let hostPath = io.defaultHostPath;
  const bad = (reason: string) => {
    io.err(`INSTALL_BAD_USAGE: ${HOST_MESSAGES.INSTALL_BAD_USAGE![io.language ?? 'en'].replace('{reason}', reason)}`);
    return 2;
  };
  if (verb !== 'install' && verb !== 'uninstall') return bad(`unknown verb ${verb ?? '(none)'}`);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => rest[++i];
    if (arg === '--browser') {
      const b = value();
      if (!b || !BROWSERS.includes(b as Browser)) return bad(`--browser must be one of ${BROWSERS.join(', ')}`);
      browsers.push(b as Browser);
    } else if (arg === '--system') system = true;
    else if (arg === '--user-data-dir') {
      const d = value();
      if (!d) return bad('--user-data-dir needs a directory');
      userDataDir = resolve(d);
    } else if (arg === '--host') {
      const h = value();
      if (!h) return bad('--host needs a path');
      hostPath = isAbsolute(h) ? h : resolve(h);
    } else return bad(`unknown option ${arg}`);
  }
  if (system && userDataDir) return bad('--system and --user-data-dir exclude each other');
  const chosen = browsers.length ? browsers : userDataDir ? (['chromium'] as Browser[]) : [...BROWSERS];
  const common = { browsers: chosen, system, ...(userDataDir ? { userDataDir } : {}), ...(io.platform ? { platform: io.platform } : {}), ...(io.home ? { home: io.home } : {}), ...(io.env ? { env: io.env } : {}) };
  try {
    if (verb === 'install') {
      for (const f of installHost({ ...common, hostPath })) {
        io.out(`${f.browser}: ${f.manifest}${f.launcher ? ` (launcher ${f.launcher})` : ''}${f.registryKey ? ` (registry ${f.registryKey})` : ''}`);
      }
    } else {
      const removed = uninstallHost(common);
      for (const path of removed) io.out(`removed ${path}`);
      if (!removed.length) io.out('nothing to remove');
    }
    return 0;
  } catch (e) {
    if (e instanceof InstallError) {
      let message = HOST_MESSAGES[e.code]![io.language ?? 'en'];
      for (const [k, v] of Object.entries(e.details)) message = message.replaceAll(`{${k}}`, v);
      io.err(`${e.code}: ${message}`);
      return 1;
    }
    throw e;
  }
}
