import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGE_ANALYSIS_MESSAGES } from './codes.js';

const here = new URL('.', import.meta.url).pathname;

describe('change analysis codes', () => {
  it('has a message in az, en and ru for every code the analysis reports', () => {
    // Codes appear quoted in the sources; the annotation codes are built from their action.
    const used = new Set(['ANNOTATION_ADDED', 'ANNOTATION_CHANGED', 'ANNOTATION_REMOVED']);
    for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'codes.ts')) {
      for (const m of readFileSync(join(here, file), 'utf8').matchAll(/'([A-Z]+(?:_[A-Z]+)+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const code of used) {
      const message = CHANGE_ANALYSIS_MESSAGES[code];
      expect(message, code).toBeDefined();
      for (const language of ['az', 'en', 'ru'] as const) expect(message![language].length, `${code} ${language}`).toBeGreaterThan(10);
    }
    expect(Object.keys(CHANGE_ANALYSIS_MESSAGES).sort()).toEqual([...used].sort());
    // Azerbaijani is written with its own letters, not ASCII stand-ins.
    for (const m of Object.values(CHANGE_ANALYSIS_MESSAGES)) expect(m.az).toMatch(/[əıöüşçğİ]/);
  });
});
