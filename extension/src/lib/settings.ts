/**
 * The extension's settings: user options in storage.local, an organisation's policy in storage.managed (Chrome/Edge:
 * managed_schema.json; Firefox: policies.json "3rdparty"). Managed values win key by key; the UI marks those keys as
 * managed and disables their inputs. Every stored value is checked before use: a malformed one counts as unset.
 */
import { browser } from 'wxt/browser';
import { SIGNING_TOOLS, type SigningTool } from '../../../core/protocol/version.js';
import { SettingsError } from './codes.js';

export type Tool = SigningTool;
export type Lang = 'az' | 'en' | 'ru';

export interface Settings {
  serviceUrls: string[];
  allowedTools: Tool[];
  defaultTool: Tool;
  language: Lang;
  pkcs11Library?: string;
}

export interface EffectiveSettings {
  settings: Settings;
  /** The keys whose values came from policy. */
  managed: (keyof Settings)[];
}

/** The imzala service the extension works with out of the box; a configured list replaces it. */
export const DEFAULT_SERVICE_URLS: readonly string[] = ['https://imzala.az'];
export const SETTING_KEYS: readonly (keyof Settings)[] = ['serviceUrls', 'allowedTools', 'defaultTool', 'language', 'pkcs11Library'];
const LANGS: readonly Lang[] = ['az', 'en', 'ru'];
const MAX_URLS = 50;
const MAX_PATH = 1024;

/** Loads user options and policy and merges them (policy first). */
export async function loadSettings(): Promise<EffectiveSettings> {
  const [user, policy] = await Promise.all([browser.storage.local.get(SETTING_KEYS as string[]), readManaged()]);
  const defaults = defaultSettings(uiLanguage());
  const settings: Settings = { ...defaults };
  const managed: (keyof Settings)[] = [];
  for (const key of SETTING_KEYS) {
    const fromPolicy = checkedValue(key, policy[key]);
    const fromUser = checkedValue(key, user[key]);
    if (fromPolicy !== undefined) {
      managed.push(key);
      assign(settings, key, fromPolicy);
    } else if (fromUser !== undefined) {
      assign(settings, key, fromUser);
    }
  }
  // A default tool the policy does not allow would be offered and then refused: fall back to the first allowed one.
  if (!settings.allowedTools.includes(settings.defaultTool) && settings.allowedTools.length > 0) {
    settings.defaultTool = settings.allowedTools[0]!;
  }
  return { settings, managed };
}

/**
 * Saves user options. Refuses (SettingsError SETTING_MANAGED) to change a key the organisation manages, and
 * (SETTING_INVALID) a malformed value. `pkcs11Library: ''` removes the user's library path.
 */
export async function saveUserSettings(patch: Partial<Settings>): Promise<void> {
  const policy = await readManaged();
  const toSet: Record<string, unknown> = {};
  const toRemove: string[] = [];
  for (const key of Object.keys(patch) as (keyof Settings)[]) {
    if (!SETTING_KEYS.includes(key)) throw new SettingsError('SETTING_INVALID', { key: String(key), reason: 'unknown setting' });
    if (checkedValue(key, policy[key]) !== undefined) throw new SettingsError('SETTING_MANAGED', { key });
    const value = patch[key];
    if (key === 'pkcs11Library' && (value === undefined || value === '')) {
      toRemove.push(key);
      continue;
    }
    const problem = valueProblem(key, value);
    if (problem) throw new SettingsError('SETTING_INVALID', { key, reason: problem });
    toSet[key] = key === 'serviceUrls' ? (value as string[]).map((u) => new URL(u).origin) : value;
  }
  if (toRemove.length) await browser.storage.local.remove(toRemove);
  if (Object.keys(toSet).length) await browser.storage.local.set(toSet);
}

/**
 * Whether `origin` is one of the configured imzala service origins: an exact origin match, and only a secure one
 * (https, or http on localhost / 127.0.0.1 for development).
 */
export function isServiceOrigin(origin: string, s: Settings): boolean {
  if (!isSecureOrigin(origin)) return false;
  return s.serviceUrls.some((url) => originOf(url) === origin);
}

/** https://…, or http://localhost[:port] / http://127.0.0.1[:port]. */
export function isSecureOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

export function defaultSettings(language: Lang): Settings {
  return { serviceUrls: [...DEFAULT_SERVICE_URLS], allowedTools: [...SIGNING_TOOLS], defaultTool: 'token', language };
}

/** The browser's UI language when it is one of ours, Azerbaijani otherwise. */
export function uiLanguage(): Lang {
  let ui = '';
  try {
    ui = browser.i18n.getUILanguage().toLowerCase();
  } catch {
    // Not every context has i18n (tests); Azerbaijani is the product's first language.
  }
  const primary = ui.split(/[-_]/)[0] as Lang;
  return LANGS.includes(primary) ? primary : 'az';
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** storage.managed throws in Firefox when no policy names the extension, and may be missing: both mean "no policy". */
async function readManaged(): Promise<Record<string, unknown>> {
  try {
    const managed = browser.storage.managed;
    if (!managed) return {};
    return (await managed.get(SETTING_KEYS as string[])) ?? {};
  } catch {
    return {};
  }
}

function checkedValue(key: keyof Settings, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (valueProblem(key, value) !== null) return undefined;
  return key === 'serviceUrls' ? (value as string[]).map((u) => new URL(u).origin) : value;
}

/** Why `value` cannot be the value of `key`, or null. */
export function valueProblem(key: keyof Settings, value: unknown): string | null {
  switch (key) {
    case 'serviceUrls':
      if (!Array.isArray(value) || value.length > MAX_URLS) return `a list of at most ${MAX_URLS} origins`;
      for (const url of value) {
        const origin = typeof url === 'string' ? originOf(url) : null;
        if (!origin || !isSecureOrigin(origin)) return `${String(url)} is not an https origin (or http://localhost)`;
      }
      return null;
    case 'allowedTools':
      if (!Array.isArray(value) || !value.every((t) => SIGNING_TOOLS.includes(t as Tool))) return 'tools are token, asan, sima';
      return null;
    case 'defaultTool':
      return SIGNING_TOOLS.includes(value as Tool) ? null : 'token, asan or sima';
    case 'language':
      return LANGS.includes(value as Lang) ? null : 'az, en or ru';
    case 'pkcs11Library':
      return typeof value === 'string' && value.length > 0 && value.length <= MAX_PATH ? null : 'a file path';
  }
}

function assign(settings: Settings, key: keyof Settings, value: unknown): void {
  (settings as unknown as Record<string, unknown>)[key] = value;
}
