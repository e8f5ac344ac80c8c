/**
 * The extension's words: every key exists in az, en and ru (both ways), every message has a description, each
 * language keeps the same `$n` substitutions, every t('…') key used in extension/src exists, every bridge error
 * code has its words, and the manifest's __MSG_…__ names resolve.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_MESSAGES } from '../../../core/protocol/codes.js';
import { substitute } from './message-format.js';

const LOCALES = join(import.meta.dirname, '../../public/_locales');
const SRC = join(import.meta.dirname, '..');
type Messages = Record<string, { message: string; description?: string }>;

const read = (lang: string): Messages => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Messages;
const az = read('az');
const others = { en: read('en'), ru: read('ru') };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const placeholders = (message: string) => [...message.matchAll(/\$[1-9]/g)].map((m) => m[0]).sort();

describe('extension locales', () => {
  it('has exactly az, en and ru, with Chrome-valid key names', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(['az', 'en', 'ru']);
    for (const key of Object.keys(az)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  for (const [lang, messages] of Object.entries(others)) {
    it(`${lang} has every az key, no other key, the same substitutions, and a description for each`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(az).sort());
      for (const [key, entry] of Object.entries(az)) {
        expect(messages[key]!.message.trim(), `${lang}:${key}`).not.toBe('');
        expect(placeholders(messages[key]!.message), `${lang}:${key}`).toEqual(placeholders(entry.message));
        expect(messages[key]!.description, `${lang}:${key}`).toBeTruthy();
      }
    });
  }

  it('writes Azerbaijani with its own letters', () => {
    expect(az.error_NATIVE_UNAVAILABLE!.message).toBe('imzala köməkçi proqramı quraşdırılmayıb');
    expect(az.consent_title!.message).toBe('Bu sayt imzalamaq istəyir');
    expect(az.consent_allow!.message).toBe('İcazə ver');
    expect(az.consent_deny!.message).toBe('İmtina et');
  });

  it('has every key the sources ask for with t(…), and keys for every templated family', () => {
    const missing: string[] = [];
    const prefixes = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) if (!(m[1]! in az)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\bt\(\s*`([A-Za-z0-9_]+)\$\{/g)) prefixes.add(m[1]!);
      // Keys named in tables (KIND_WORDS and the like) are checked the same way.
      for (const m of text.matchAll(/:\s*'((?:sign|popup|options|cert|error|verdict)_[A-Za-z0-9_]+)'/g)) if (!(m[1]! in az)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
    for (const prefix of prefixes) expect(Object.keys(az).some((k) => k.startsWith(prefix)), prefix).toBe(true);
    expect([...prefixes].sort()).toEqual(['error_', 'lang_', 'tool_', 'verdict_']);
  });

  it('has words for every bridge error code, every verdict, tool and language the templated keys can name', () => {
    for (const code of Object.keys(PROTOCOL_MESSAGES)) expect(az, code).toHaveProperty(`error_${code}`);
    for (const status of ['VALID', 'VALID_WITH_WARNINGS', 'INDETERMINATE', 'INVALID', 'UNSIGNED']) expect(az).toHaveProperty(`verdict_${status}`);
    for (const tool of ['token', 'asan', 'sima']) expect(az).toHaveProperty(`tool_${tool}`);
    for (const lang of ['az', 'en', 'ru']) expect(az).toHaveProperty(`lang_${lang}`);
  });

  it('resolves the names the manifest and the consent page use', () => {
    const config = readFileSync(join(SRC, '../wxt.config.ts'), 'utf8');
    const manifestNames = [...config.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!);
    expect(manifestNames.length).toBeGreaterThan(0);
    for (const name of manifestNames) expect(az, name).toHaveProperty(name);
    for (const key of ['consent_title', 'consent_origin', 'consent_document', 'consent_allow', 'consent_deny']) expect(az).toHaveProperty(key);
  });
});

describe('substitute', () => {
  it('fills $1…$9 like chrome.i18n.getMessage and keeps $$ as a dollar', () => {
    expect(substitute('Etibarlılıq müddəti: $1 – $2', ['01.01.2026', '01.01.2028'])).toBe('Etibarlılıq müddəti: 01.01.2026 – 01.01.2028');
    expect(substitute('$$5 and $1', [7])).toBe('$5 and 7');
    expect(substitute('missing $2', ['a'])).toBe('missing ');
  });
});
