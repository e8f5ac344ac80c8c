/** Every stable code the engine can report has a message in Azerbaijani, English and Russian. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LANGUAGES } from './message-types.js';
import { localize } from './messages.js';
import { CLI_MESSAGES as MESSAGES } from '../../verifier/cli/messages.js';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Codes raised or reported in the code: ImzalaError('X'), verdict.fail(.., 'X'), warn('X'), { code: 'X' }, code === 'X'. */
function usedCodes(): Map<string, string> {
  const patterns = [
    /new ImzalaError\(\s*'([A-Z][A-Z0-9_]+)'/g,
    /\.fail\(\s*'[A-Z_]+',\s*'([A-Z][A-Z0-9_]+)'/g,
    /\.warn\(\s*'([A-Z][A-Z0-9_]+)'/g,
    /\bcode: '([A-Z][A-Z0-9_]+)'/g,
    // codes declared as constants: export const X = 'X';
    /export const ([A-Z][A-Z0-9_]+) = '\1'/g,
  ];
  const found = new Map<string, string>();
  for (const file of [...sources(join(ROOT, 'core')), ...sources(join(ROOT, 'verifier'))]) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1]!, file);
  }
  return found;
}

describe('message catalog', () => {
  it('has az, en and ru text for every code used in core/ and verifier/ (core codes in core/report, CLI codes in verifier/cli)', () => {
    const missing = [...usedCodes()].filter(([code]) => !MESSAGES[code]).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has no empty message and writes Azerbaijani with its own letters', () => {
    for (const [code, entry] of Object.entries(MESSAGES)) {
      for (const lang of LANGUAGES) expect(entry[lang].trim().length, `${code}/${lang}`).toBeGreaterThan(3);
    }
    const az = Object.values(MESSAGES).map((m) => m.az).join(' ');
    expect(az).toMatch(/[əğışçöü]/);
  });

  it('fills evidence into the message', () => {
    expect(localize('SIGNED_ATTRIBUTE_MISSING', 'en', { attribute: 'messageDigest' })).toBe('A required signed attribute is missing: messageDigest.');
  });
});
