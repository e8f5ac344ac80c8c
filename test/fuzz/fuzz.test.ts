/**
 * Fuzz smoke in the suite (a few hundred seeded mutations; `npm run fuzz` runs thousands): every mutated PDF, CMS and
 * ASiC container ends in a report or a coded refusal, never another exception, and each within a bound.
 */
import { describe, expect, it } from 'vitest';
import { fuzzVerifier } from './mutate.js';
import { fuzzSamples } from './samples.js';

describe('fuzzing the verifier (smoke)', () => {
  it('ends every mutated input in a report or a coded refusal, each within 2 s', async () => {
    const { samples, context } = await fuzzSamples();
    const outcome = await fuzzVerifier(samples, context, { count: 450, seed: 1, perInputMs: 2000, budgetMs: 40_000 });
    expect(outcome.failures).toEqual([]);
    expect(outcome.runs).toBeGreaterThan(100);
    console.log(`fuzz smoke: ${outcome.runs} inputs, ${outcome.reports} reports, refusals ${JSON.stringify(Object.fromEntries(outcome.refusals))}, slowest ${outcome.slowestMs.toFixed(0)} ms`);
  }, 90_000);
});
