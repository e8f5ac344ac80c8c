import { beforeEach, describe, expect, it, vi } from 'vitest';

/** storage.local / storage.managed as the browser keeps them; `managed` null means "no policy" (Firefox throws). */
const state = vi.hoisted(() => ({ local: {} as Record<string, unknown>, managed: null as Record<string, unknown> | null, ui: 'en-US' }));

vi.mock('wxt/browser', () => {
  const pick = (from: Record<string, unknown>, keys?: string[] | string | null) => {
    const wanted = keys == null ? Object.keys(from) : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(wanted.filter((k) => k in from).map((k) => [k, structuredClone(from[k])]));
  };
  return {
    browser: {
      storage: {
        local: {
          get: async (keys?: string[] | string | null) => pick(state.local, keys),
          set: async (values: Record<string, unknown>) => void Object.assign(state.local, structuredClone(values)),
          remove: async (keys: string[] | string) => {
            for (const k of Array.isArray(keys) ? keys : [keys]) delete state.local[k];
          },
        },
        managed: {
          get: async (keys?: string[] | string | null) => {
            if (!state.managed) throw new Error('Managed storage manifest not found');
            return pick(state.managed, keys);
          },
        },
      },
      i18n: { getUILanguage: () => state.ui },
    },
  };
});

const { isServiceOrigin, loadSettings, saveUserSettings, DEFAULT_SERVICE_URLS } = await import('./settings.js');
const { SettingsError } = await import('./codes.js');

beforeEach(() => {
  state.local = {};
  state.managed = null;
  state.ui = 'en-US';
});

describe('extension settings', () => {
  it('has defaults: the built-in service, every tool, token first, the browser language', async () => {
    const { settings, managed } = await loadSettings();
    expect(settings).toEqual({ serviceUrls: [...DEFAULT_SERVICE_URLS], allowedTools: ['token', 'asan', 'sima'], defaultTool: 'token', language: 'en' });
    expect(managed).toEqual([]);
    state.ui = 'de';
    expect((await loadSettings()).settings.language).toBe('az');
    state.ui = 'ru-RU';
    expect((await loadSettings()).settings.language).toBe('ru');
  });

  it('saves user options as origins and reads them back', async () => {
    await saveUserSettings({ serviceUrls: ['https://imzala.example.az/sign?x=1', 'http://localhost:8080'], defaultTool: 'sima', pkcs11Library: '/usr/lib/libsofthsm2.so' });
    const { settings } = await loadSettings();
    expect(settings.serviceUrls).toEqual(['https://imzala.example.az', 'http://localhost:8080']);
    expect(settings.defaultTool).toBe('sima');
    expect(settings.pkcs11Library).toBe('/usr/lib/libsofthsm2.so');
    await saveUserSettings({ pkcs11Library: '' });
    expect((await loadSettings()).settings.pkcs11Library).toBeUndefined();
  });

  it('refuses a malformed or insecure value with SETTING_INVALID', async () => {
    for (const patch of [{ serviceUrls: ['http://imzala.example.az'] }, { serviceUrls: ['not a url'] }, { allowedTools: ['pen'] }, { language: 'de' }] as object[]) {
      const e = await saveUserSettings(patch).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SettingsError);
      expect((e as InstanceType<typeof SettingsError>).code).toBe('SETTING_INVALID');
    }
    expect(state.local).toEqual({});
  });

  it('lets policy win key by key, marks those keys, and refuses to change them', async () => {
    state.local = { serviceUrls: ['https://user.example.az'], language: 'en', defaultTool: 'token' };
    state.managed = { serviceUrls: ['https://org.example.az'], allowedTools: ['asan', 'sima'], pkcs11Library: '/opt/vendor/libtoken.so' };
    const { settings, managed } = await loadSettings();
    expect(settings.serviceUrls).toEqual(['https://org.example.az']);
    expect(settings.language).toBe('en');
    // token is not allowed by policy, so it cannot stay the default tool.
    expect(settings.defaultTool).toBe('asan');
    expect(managed.sort()).toEqual(['allowedTools', 'pkcs11Library', 'serviceUrls']);
    const e = await saveUserSettings({ serviceUrls: ['https://user2.example.az'] }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'SETTING_MANAGED', details: { key: 'serviceUrls' } });
    expect(state.local.serviceUrls).toEqual(['https://user.example.az']);
    await saveUserSettings({ language: 'ru' });
    expect((await loadSettings()).settings.language).toBe('ru');
  });

  it('ignores a malformed policy value instead of trusting it', async () => {
    state.managed = { serviceUrls: 'https://org.example.az', allowedTools: ['token', 'fax'] };
    const { settings, managed } = await loadSettings();
    expect(settings.serviceUrls).toEqual([...DEFAULT_SERVICE_URLS]);
    expect(settings.allowedTools).toEqual(['token', 'asan', 'sima']);
    expect(managed).toEqual([]);
  });

  it('matches service origins exactly, and http only on localhost / 127.0.0.1', () => {
    const s = { serviceUrls: ['https://imzala.example.az', 'http://localhost:8080', 'http://imzala.test'], allowedTools: [], defaultTool: 'token' as const, language: 'az' as const };
    expect(isServiceOrigin('https://imzala.example.az', s)).toBe(true);
    expect(isServiceOrigin('http://localhost:8080', s)).toBe(true);
    expect(isServiceOrigin('http://localhost:8081', s)).toBe(false);
    expect(isServiceOrigin('https://imzala.example.az:8443', s)).toBe(false);
    expect(isServiceOrigin('https://evil.imzala.example.az', s)).toBe(false);
    expect(isServiceOrigin('http://imzala.test', s)).toBe(false);
    expect(isServiceOrigin('null', s)).toBe(false);
    expect(isServiceOrigin('https://imzala.example.az/', s)).toBe(false);
  });
});
