import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CRYPTO_MESSAGES } from './codes.js';
import { SIGNATURE_CHECK_CODES, SIGNATURE_WARNING_CODES } from './verify-signature.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every code thrown anywhere in core/crypto's sources (`new ImzalaError('CODE', ...)`). */
function thrownCodes(): string[] {
  const codes = new Set<string>();
  for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    for (const m of readFileSync(path.join(here, file), 'utf8').matchAll(/new ImzalaError\(\s*'([A-Z0-9_]+)'/g)) codes.add(m[1]!);
  }
  return [...codes];
}

describe('CRYPTO_MESSAGES', () => {
  it('has a message for every code core/crypto throws or reports', () => {
    const used = [...thrownCodes(), ...SIGNATURE_CHECK_CODES, ...SIGNATURE_WARNING_CODES];
    expect(used.length).toBeGreaterThan(8);
    expect(used.filter((code) => !(code in CRYPTO_MESSAGES))).toEqual([]);
  });

  it('every message exists in Azerbaijani, English and Russian', () => {
    for (const [code, message] of Object.entries(CRYPTO_MESSAGES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      for (const language of ['az', 'en', 'ru'] as const) expect(message[language].trim().length, `${code}.${language}`).toBeGreaterThan(10);
      expect(message.ru, code).toMatch(/[а-яё]/i);
      // The same placeholders in every language, so each translation can be filled from the same details.
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(message.az), code).toEqual(placeholders(message.en));
      expect(placeholders(message.ru), code).toEqual(placeholders(message.en));
    }
  });
});
