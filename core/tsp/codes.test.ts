import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSP_MESSAGES } from './codes.js';

const here = new URL('.', import.meta.url).pathname;
const client = join(here, '../../verifier/node/tsa-client.ts');

describe('core/tsp codes', () => {
  it('has a message in az, en and ru for every TSP_/TSA_ code core/tsp and the TSA client use, and no unused one', () => {
    const files = [...readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'codes.ts').map((f) => join(here, f)), client];
    const used = new Set<string>();
    for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/'((?:TSP|TSA)_[A-Z_]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(20);
    for (const code of used) {
      const message = TSP_MESSAGES[code];
      expect(message, code).toBeDefined();
      for (const language of ['az', 'en', 'ru'] as const) expect(message![language].length, `${code} ${language}`).toBeGreaterThan(10);
    }
    expect(Object.keys(TSP_MESSAGES).filter((code) => !used.has(code))).toEqual([]);
    expect(Object.values(TSP_MESSAGES).every((m) => /[əıöüşçğİ]/.test(m.az))).toBe(true);
  });
});
