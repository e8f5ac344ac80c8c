/**
 * Seeded mutation fuzzing of the verifier: a signed sample is changed in small random ways (bit flips, byte
 * runs, cuts, duplicated and deleted spans, number tweaks in the PDF syntax) and each result must end in a report
 * or a coded ImzalaError, within a time bound per input. Seeded, so a failure reproduces from its seed.
 */
import { isImzalaError } from '../../core/errors.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { validateDocument } from '../../core/validation/validate-document.js';
import type { ValidationContext } from '../../core/validation/validation-context.js';

/** xorshift32: small, seedable, the same on every machine. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const DIGITS = '0123456789';

/** One mutated copy of `input`. */
export function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  let out = input.slice();
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const at = pick(out.length);
    switch (pick(6)) {
      case 0: // bit flip
        out[at]! ^= 1 << pick(8);
        break;
      case 1: // random byte run
        for (let i = at; i < Math.min(out.length, at + 1 + pick(16)); i++) out[i] = pick(256);
        break;
      case 2: // cut the tail
        out = out.subarray(0, at);
        break;
      case 3: {
        // duplicate a span
        const end = Math.min(out.length, at + pick(256));
        const dup = out.slice(at, end);
        const merged = new Uint8Array(out.length + dup.length);
        merged.set(out.subarray(0, end));
        merged.set(dup, end);
        merged.set(out.subarray(end), end + dup.length);
        out = merged;
        break;
      }
      case 4: {
        // delete a span
        const end = Math.min(out.length, at + pick(256));
        const merged = new Uint8Array(out.length - (end - at));
        merged.set(out.subarray(0, at));
        merged.set(out.subarray(end), at);
        out = merged;
        break;
      }
      default: {
        // change a digit (offsets, lengths, ByteRange numbers, object numbers)
        for (let i = at; i < Math.min(out.length, at + 64); i++) {
          if (out[i]! >= 0x30 && out[i]! <= 0x39) {
            out[i] = DIGITS.charCodeAt(pick(10));
            break;
          }
        }
      }
    }
  }
  return out;
}

export interface FuzzOutcome {
  runs: number;
  reports: number;
  refusals: Map<string, number>;
  /** Inputs that threw something other than an ImzalaError, or took longer than the bound: seed and what happened. */
  failures: { seed: number; problem: string }[];
  slowestMs: number;
}

/** Runs `count` mutations of each sample (or until `budgetMs` is spent), checking each against the rules above. */
export interface FuzzSample {
  bytes: Uint8Array;
  /** The signed data of a detached CMS sample. */
  content?: Uint8Array;
}

export async function fuzzVerifier(
  samples: FuzzSample[],
  context: ValidationContext,
  options: { count: number; seed: number; perInputMs: number; budgetMs: number },
): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { runs: 0, reports: 0, refusals: new Map(), failures: [], slowestMs: 0 };
  const started = Date.now();
  for (let i = 0; i < options.count && Date.now() - started < options.budgetMs; i++) {
    const seed = options.seed + i;
    const rnd = random(seed);
    const sample = samples[i % samples.length]!;
    const input = mutate(sample.bytes, rnd);
    const t0 = performance.now();
    try {
      const content = sample.content ? bytesSource(sample.content) : undefined;
      await validateDocument({ name: `fuzz-${seed}`, source: bytesSource(input), content }, context);
      outcome.reports++;
    } catch (e) {
      if (isImzalaError(e)) outcome.refusals.set(e.code, (outcome.refusals.get(e.code) ?? 0) + 1);
      else outcome.failures.push({ seed, problem: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
    const ms = performance.now() - t0;
    outcome.slowestMs = Math.max(outcome.slowestMs, ms);
    if (ms > options.perInputMs) outcome.failures.push({ seed, problem: `took ${ms.toFixed(0)} ms` });
    outcome.runs++;
  }
  return outcome;
}
