import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLimbo, runLimbo, summarizeLimbo, type LimboResult } from './x509-limbo.js';

describe('x509-limbo through imzala path validation', () => {
  it('accepts no case that expects FAILURE, and reports the applicable pass rate', async () => {
    const { testcases } = loadLimbo();
    const started = Date.now();
    const run = await runLimbo();
    const elapsed = Date.now() - started;

    expect(run.version).toBe(1);
    expect(run.harness).toBe('imzala');
    // One result per testcase, in corpus order, in the harness format.
    expect(run.results.map((r) => r.id)).toEqual(testcases.map((tc) => tc.id));
    for (const r of run.results) {
      expect(['SUCCESS', 'FAILURE', 'SKIPPED']).toContain(r.actual_result);
      expect(r.context.length).toBeGreaterThan(0);
    }

    const summary = summarizeLimbo(run.results, testcases);
    const byOutcome = (outcome: LimboResult['actual_result']) => run.results.filter((r) => r.actual_result === outcome).length;
    console.log(
      `x509-limbo: ${summary.pass} pass, ${summary.fail} fail, ${summary.skipped} skipped of ${testcases.length}; ` +
        `applicable pass rate ${(summary.applicablePassRate * 100).toFixed(1)}%; ` +
        `false accepts [${summary.falseAccepts.join(', ')}]; false rejects [${summary.falseRejects.join(', ')}]; ${elapsed} ms`,
    );

    expect(summary.falseAccepts).toEqual([]);
    expect(summary.pass + summary.fail + summary.skipped).toBe(testcases.length);
    expect(summary.skipped).toBe(byOutcome('SKIPPED'));
    // Most of the corpus applies to document signing, and nearly all of it passes.
    expect(summary.pass + summary.fail).toBeGreaterThan(testcases.length * 0.7);
    expect(summary.applicablePassRate).toBeGreaterThan(0.95);
    expect(elapsed).toBeLessThan(60_000);
  });

  it('skips only for the stated reasons, never because of the expected result', async () => {
    const { testcases } = loadLimbo();
    // Flip every expectation: the set of skipped cases must not change.
    const flipped = testcases.map((tc) => ({ ...tc, expected_result: tc.expected_result === 'SUCCESS' ? ('FAILURE' as const) : ('SUCCESS' as const) }));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imzala-limbo-'));
    const file = path.join(dir, 'limbo.json');
    writeFileSync(file, JSON.stringify({ version: 1, testcases: flipped }));
    try {
      const original = await runLimbo();
      const mirrored = await runLimbo({ file });
      expect(mirrored.results).toEqual(original.results);
      for (const r of original.results.filter((x) => x.actual_result === 'SKIPPED')) {
        expect(r.context).toMatch(/server name|feature |conflicts with rfc5280::|Web PKI only|TLS host name/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts false accepts and false rejects against the corpus expectations', () => {
    const { testcases } = loadLimbo();
    const success = testcases.find((tc) => tc.expected_result === 'SUCCESS')!;
    const failure = testcases.find((tc) => tc.expected_result === 'FAILURE')!;
    const summary = summarizeLimbo([
      { id: success.id, actual_result: 'FAILURE', context: 'x' },
      { id: failure.id, actual_result: 'SUCCESS', context: 'x' },
    ], testcases);
    expect(summary).toEqual({ pass: 0, fail: 2, skipped: 0, falseAccepts: [failure.id], falseRejects: [success.id], applicablePassRate: 0 });
  });
});
