/**
 * The example policy files of docs/policies (docs/fleet-deployment.md): each is parsed in its own format (JSON,
 * Windows .reg, Apple plist) and every managed setting it gives the extension must exist in the extension's
 * managed_schema.json with the right type, so an IT department copying them gets settings the extension really reads.
 * The force-install entries must name imzala's ids and one update URL.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const POLICIES = join(ROOT, 'docs/policies');
const SCHEMA_FILE = join(ROOT, 'extension/public/managed_schema.json');
const CHROME_ID = 'iocoigakjbbnhenkjjcnnhinconhhebn';
const FIREFOX_ID = 'imzala@imzala.az';
const UPDATE_URL = 'https://imzala.example.az/extension/updates.xml';

interface Schema {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
}

/** Problems of `value` against the subset of JSON Schema Chrome's managed_schema uses; empty when it conforms. */
function schemaProblems(value: unknown, schema: Schema, path: string): string[] {
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
  const fits = schema.type === kind || (schema.type === 'number' && kind === 'integer');
  if (!fits) return [`${path}: ${kind}, schema says ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  if (schema.type === 'array') return (value as unknown[]).flatMap((v, i) => schemaProblems(v, schema.items!, `${path}[${i}]`));
  if (schema.type === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      schema.properties?.[k] ? schemaProblems(v, schema.properties[k]!, `${path}.${k}`) : [`${path}.${k}: not in managed_schema.json`],
    );
  }
  return [];
}

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Schema;

/** The keys every example sets: all of the schema's keys, so the examples document every setting. */
function expectManaged(settings: unknown, where: string): void {
  expect(schemaProblems(settings, schema, where)).toEqual([]);
  expect(Object.keys(settings as object).sort()).toEqual(Object.keys(schema.properties!).sort());
  expect((settings as { serviceUrls: string[] }).serviceUrls).toEqual(['https://imzala.example.az']);
}

/**
 * A .reg file as Chrome's registry policy loader sees it: keys -> values; string values unescaped, dword numbers.
 * Only the forms the examples use (REG_SZ, dword); anything else fails the test.
 */
function parseReg(text: string): Map<string, Map<string, string | number>> {
  const keys = new Map<string, Map<string, string | number>>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  let current: Map<string, string | number> | null = null;
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith(';')) continue;
    const key = /^\[(.+)\]$/.exec(line);
    if (key) {
      current = keys.get(key[1]!) ?? new Map();
      keys.set(key[1]!, current);
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (!value || !current) throw new Error(`not a .reg value line: ${line}`);
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    current.set(unescape(value[1]!), value[2] !== undefined ? unescape(value[2]) : parseInt(value[3]!, 16));
  }
  return keys;
}

/** The managed settings of one extension from the registry: a value per key, a numbered-values subkey per list. */
function regExtensionPolicy(keys: Map<string, Map<string, string | number>>, base: string): Record<string, unknown> {
  const policyKey = `${base}\\3rdparty\\extensions\\${CHROME_ID}\\policy`;
  const top = keys.get(policyKey);
  if (!top) throw new Error(`no ${policyKey}`);
  const out: Record<string, unknown> = Object.fromEntries(top);
  for (const [name, values] of keys) {
    if (!name.startsWith(`${policyKey}\\`)) continue;
    out[name.slice(policyKey.length + 1)] = numberedList(values);
  }
  return out;
}

/** Values named 1, 2, 3... in order (what Chrome reads as a list); a gap or another name fails. */
function numberedList(values: Map<string, string | number>): (string | number)[] {
  const names = [...values.keys()];
  expect(names).toEqual(names.map((_, i) => String(i + 1)));
  return [...values.values()];
}

/** A small plist reader for the example profile: dict, array, string, integer, true, false. */
function parsePlist(xml: string): unknown {
  const body = xml.replace(/<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->/g, '');
  const tokens = body.match(/<[^>]+>|[^<]+/g)!.map((t) => t.trim()).filter((t) => t !== '');
  let at = 0;
  const next = () => tokens[at++]!;
  const text = (close: string): string => {
    const t = next();
    if (t === close) return '';
    if (next() !== close) throw new Error(`expected ${close}`);
    return t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  };
  const value = (): unknown => {
    const t = next();
    if (t === '<dict>') {
      const o: Record<string, unknown> = {};
      while (tokens[at] !== '</dict>') {
        if (next() !== '<key>') throw new Error('expected <key>');
        const k = text('</key>');
        o[k] = value();
      }
      at++;
      return o;
    }
    if (t === '<array>') {
      const a: unknown[] = [];
      while (tokens[at] !== '</array>') a.push(value());
      at++;
      return a;
    }
    if (t === '<string>') return text('</string>');
    if (t === '<integer>') return Number(text('</integer>'));
    if (t === '<true/>') return true;
    if (t === '<false/>') return false;
    throw new Error(`unexpected ${t}`);
  };
  if (next() !== '<plist version="1.0">') throw new Error('not a plist');
  return value();
}

describe('docs/policies examples', () => {
  it('managed_schema.json is an object schema of the five settings', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties!).sort()).toEqual(['allowedTools', 'defaultTool', 'language', 'pkcs11Library', 'serviceUrls']);
  });

  it('chrome-linux-managed.json force-installs imzala and sets only schema keys', () => {
    const p = JSON.parse(readFileSync(join(POLICIES, 'chrome-linux-managed.json'), 'utf8'));
    expect(p.ExtensionInstallForcelist).toEqual([`${CHROME_ID};${UPDATE_URL}`]);
    expect(p.ExtensionSettings[CHROME_ID]).toMatchObject({ installation_mode: 'force_installed', update_url: UPDATE_URL });
    expect(p.NativeMessagingAllowlist).toEqual(['az.imzala.host']);
    expect(Object.keys(p['3rdparty'].extensions)).toEqual([CHROME_ID]);
    expectManaged(p['3rdparty'].extensions[CHROME_ID], 'chrome-linux');
  });

  it('firefox-policies.json force-installs imzala@imzala.az and sets only schema keys', () => {
    const p = JSON.parse(readFileSync(join(POLICIES, 'firefox-policies.json'), 'utf8')).policies;
    expect(p.ExtensionSettings[FIREFOX_ID]).toMatchObject({ installation_mode: 'force_installed', install_url: expect.stringMatching(/^https:\/\/imzala\.example\.az\/.+\.xpi$/) });
    // Firefox spells it "Extensions" (Chrome: "extensions").
    expect(Object.keys(p['3rdparty'].Extensions)).toEqual([FIREFOX_ID]);
    expectManaged(p['3rdparty'].Extensions[FIREFOX_ID], 'firefox');
  });

  for (const [file, base] of [
    ['chrome-windows.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
    ['edge-windows.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
  ] as const) {
    it(`${file} sets the same policies under ${base}`, () => {
      const keys = parseReg(readFileSync(join(POLICIES, file), 'utf8'));
      for (const name of keys.keys()) expect(name.startsWith(base), name).toBe(true);
      expect(numberedList(keys.get(`${base}\\ExtensionInstallForcelist`)!)).toEqual([`${CHROME_ID};${UPDATE_URL}`]);
      // ExtensionSettings is one REG_SZ holding JSON.
      const settings = JSON.parse(keys.get(base)!.get('ExtensionSettings') as string);
      expect(settings[CHROME_ID]).toMatchObject({ installation_mode: 'force_installed', update_url: UPDATE_URL });
      expect(keys.get(base)!.get('NativeMessagingUserLevelHosts')).toBe(0);
      expect(numberedList(keys.get(`${base}\\NativeMessagingAllowlist`)!)).toEqual(['az.imzala.host']);
      expectManaged(regExtensionPolicy(keys, base), file);
    });
  }

  it('chrome-macos.mobileconfig has the Chrome payload and the extension payload with schema keys', () => {
    const profile = parsePlist(readFileSync(join(POLICIES, 'chrome-macos.mobileconfig'), 'utf8')) as { PayloadContent: Record<string, unknown>[] };
    const chrome = profile.PayloadContent.find((p) => p.PayloadType === 'com.google.Chrome')!;
    expect(chrome.ExtensionInstallForcelist).toEqual([`${CHROME_ID};${UPDATE_URL}`]);
    const ext = profile.PayloadContent.find((p) => p.PayloadType === `com.google.Chrome.extensions.${CHROME_ID}`)!;
    const settings = Object.fromEntries(Object.entries(ext).filter(([k]) => !k.startsWith('Payload')));
    expectManaged(settings, 'macos');
    const uuids = [profile as unknown as Record<string, unknown>, ...profile.PayloadContent].map((p) => p.PayloadUUID);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('chrome-updates.xml names the Chrome id', () => {
    const xml = readFileSync(join(POLICIES, 'chrome-updates.xml'), 'utf8');
    expect(xml).toContain(`appid='${CHROME_ID}'`);
  });
});
