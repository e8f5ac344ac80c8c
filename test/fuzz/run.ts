/** `npm run fuzz [COUNT] [SEED]`: the longer fuzz run (default 5000 inputs, at most 10 minutes). */
import { installNodeHasher } from '../../verifier/node/node-hasher.js';
import { fuzzVerifier } from './mutate.js';
import { fuzzSamples } from './samples.js';

installNodeHasher();
const count = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const { samples, context } = await fuzzSamples();
const outcome = await fuzzVerifier(samples, context, { count, seed, perInputMs: 2000, budgetMs: 10 * 60_000 });
console.log(`fuzz: seed ${seed}, ${outcome.runs} inputs, ${outcome.reports} reports, slowest ${outcome.slowestMs.toFixed(0)} ms`);
console.log(`refusals: ${JSON.stringify(Object.fromEntries(outcome.refusals))}`);
for (const f of outcome.failures) console.log(`FAIL seed ${f.seed}: ${f.problem}`);
process.exitCode = outcome.failures.length ? 1 : 0;
