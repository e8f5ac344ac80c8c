/** Every code core/zip and core/asic raise or report has a message in Azerbaijani, English and Russian. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LANGUAGES } from '../report/message-types.js';
import { localizeFrom } from '../report/messages.js';
import { CMS_MESSAGES } from '../cms/codes.js';
import { ZIP_MESSAGES } from '../zip/codes.js';
import { ASIC_MESSAGES } from './codes.js';

const CORE = resolve(import.meta.dirname, '..');
const CATALOG = { ...ZIP_MESSAGES, ...ASIC_MESSAGES };

function usedCodes(): Set<string> {
  const found = new Set<string>();
  for (const area of ['zip', 'asic']) {
    for (const name of readdirSync(join(CORE, area))) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const text = readFileSync(join(CORE, area, name), 'utf8');
      for (const re of [/(?:fail|ImzalaError)\(\s*'([A-Z][A-Z0-9_]+)'/g, /\bcode: '([A-Z][A-Z0-9_]+)'/g, /\? '([A-Z][A-Z0-9_]+)' : '([A-Z][A-Z0-9_]+)'/g]) {
        for (const m of text.matchAll(re)) for (const code of m.slice(1)) if (code) found.add(code);
      }
    }
  }
  return found;
}

describe('ZIP_MESSAGES and ASIC_MESSAGES', () => {
  it('have az, en and ru for every code the modules use (SIGNER_PRODUCED_INVALID_SIGNATURE is the CMS one)', () => {
    const used = usedCodes();
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((c) => !CATALOG[c] && !CMS_MESSAGES[c]);
    expect(missing).toEqual([]);
    const unused = Object.keys(CATALOG).filter((c) => !used.has(c));
    expect(unused).toEqual([]);
  });

  it('write Azerbaijani with its own letters and fill the evidence in', () => {
    for (const [code, entry] of Object.entries(CATALOG)) for (const lang of LANGUAGES) expect(entry[lang].trim().length, code).toBeGreaterThan(10);
    expect(Object.values(CATALOG).filter((m) => /[əğışçöü]/.test(m.az)).length).toBeGreaterThan(Object.keys(CATALOG).length / 2);
    expect(localizeFrom(CATALOG, 'ASIC_UNRECOGNISED_VARIANT', 'az', { mimetype: 'application/x-adoc' })).toBe(
      'Tanınmayan ADoc (konteyner) növü: "application/x-adoc". Bu cür konteyner yoxlanıla bilmir.',
    );
    expect(localizeFrom(CATALOG, 'ASIC_DATA_FILE_DIGEST_MISMATCH', 'en', { file: 'a.txt' })).toBe(
      'The file "a.txt" was changed after signing: its hash does not match the manifest.',
    );
  });
});
