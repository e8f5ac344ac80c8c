import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_MESSAGES } from './codes.js';

const here = new URL('.', import.meta.url).pathname;

describe('core/pdf codes', () => {
  it('has a message in az, en and ru for every code the module throws or reports', () => {
    const used = new Set<string>();
    for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'codes.ts')) {
      for (const m of readFileSync(join(here, file), 'utf8').matchAll(/'((?:PDF|BYTE_RANGE|SIGNATURE)_[A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const code of used) {
      const message = PDF_MESSAGES[code];
      expect(message, code).toBeDefined();
      for (const language of ['az', 'en', 'ru'] as const) expect(message![language].length, `${code} ${language}`).toBeGreaterThan(10);
    }
    // Azerbaijani is written with its own letters, not ASCII stand-ins.
    expect(Object.values(PDF_MESSAGES).filter((m) => /[əıöüşçğİ]/.test(m.az)).length).toBeGreaterThan(Object.keys(PDF_MESSAGES).length / 2);
  });
});
