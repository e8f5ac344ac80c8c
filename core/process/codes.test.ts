import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../report/messages.js';
import { LANGUAGES } from '../report/message-types.js';
import { PROCESS_MESSAGES, PROCESS_STATUS_LABELS, SIGNER_STATUS_LABELS } from './codes.js';

/** Every UPPER_SNAKE string literal in the module's sources: the codes it throws or returns. */
function codesUsedIn(...files: string[]): Set<string> {
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    for (const m of source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) codes.add(m[1]!);
  }
  return codes;
}

describe('PROCESS_MESSAGES', () => {
  const used = codesUsedIn('./validation.ts', './process.ts');

  it('finds the codes in the sources (the scan itself works)', () => {
    expect(used).toContain('RECIPIENT_OUT_OF_TURN');
    expect(used).toContain('FIN_INVALID');
    expect(used.size).toBeGreaterThan(40);
  });

  it('has az, en and ru for every code the module throws or returns', () => {
    const missing = [...used].filter((code) => !PROCESS_MESSAGES[code]);
    expect(missing).toEqual([]);
    for (const [code, message] of Object.entries(PROCESS_MESSAGES)) {
      for (const language of LANGUAGES) expect(message[language]?.trim().length, `${code}.${language}`).toBeGreaterThan(5);
      expect(message.az, code).not.toBe(message.en);
      expect(message.ru, code).toMatch(/[а-яё]/i);
      // Field errors carry no details, so a placeholder would show as "?".
      for (const language of LANGUAGES) expect(message[language], `${code}.${language}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('has no entry that nothing uses', () => {
    expect(Object.keys(PROCESS_MESSAGES).filter((code) => !used.has(code))).toEqual([]);
  });

  it('does not redefine a code of core’s catalog (the catalogs are merged)', () => {
    expect(Object.keys(PROCESS_MESSAGES).filter((code) => code in MESSAGES)).toEqual([]);
  });

  it('status words are the product’s (AZ-ESIGN.md section 1)', () => {
    expect(PROCESS_STATUS_LABELS.expired.az).toBe('Vaxtı bitib');
    expect(PROCESS_STATUS_LABELS.cancelled.az).toBe('Ləğv edilib');
    expect(SIGNER_STATUS_LABELS.queued.az).toBe('Növbədə');
    expect(SIGNER_STATUS_LABELS.awaiting_signature.az).toBe('İmza gözləyir');
    expect(SIGNER_STATUS_LABELS.signed.az).toBe('İmzalanıb');
  });
});
