/**
 * `npm run bench`: whole-process verify and sign of a 1 MB and a 100 MB signed PDF, each measured in the same
 * run as poppler's pdfsig on the same file and `openssl dgst -sha256` (the floor: read and hash once).
 * Wall time and peak RSS come from GNU time; medians of several runs. Then the service under load (load.ts).
 * Then the process store (store.ts). Then the extension (extension.ts: content-script sizes, the native host's `status` round trip).
 * Then the webmail content script (webmail.ts: work per DOM mutation batch, heap added).
 * BENCH_ONLY=files|load|store|extension|webmail runs one of them. Never part of the test suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeLargePdf } from '../fixtures/pdf/make-pdf.js';
import { writeDemoHierarchy } from '../../verifier/pki-demo/write-demo.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const OUT = join(ROOT, 'test/bench/out');
const BIN = join(ROOT, 'bin/imzala.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PASSWORD = 'test';

interface Measure {
  seconds: number;
  maxRssMiB: number;
}

/** Wall time from a monotonic clock around the whole process (GNU time's is only to 10 ms); peak RSS from GNU time. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measure {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = Number(r.stderr.trim().split('\n').pop() ?? 'NaN');
  if (r.status !== 0 && !(cmd === process.execPath && r.status! <= 3)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { seconds: secs, maxRssMiB: kb / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summarize(all: Measure[]): Measure {
  return { seconds: median(all.map((m) => m.seconds)), maxRssMiB: Math.max(...all.map((m) => m.maxRssMiB)) };
}

/** Runs the commands in turn, round after round, so a noisy machine slows each of them alike. */
function interleaved(fns: Array<() => Measure>, runs = RUNS): Measure[] {
  for (const fn of fns) fn(); // warm-up
  const all: Measure[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) fns.forEach((fn, i) => all[i]!.push(fn()));
  return all.map(summarize);
}

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && !['files', 'load', 'store', 'extension', 'webmail'].includes(ONLY)) throw new Error('BENCH_ONLY must be files, load, store, extension or webmail');

/** Whole-process verify and sign of large files (results.json, results.md). */
async function fileBenchmark(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const pki = join(OUT, 'pki');
  await writeDemoHierarchy(pki, { p12Password: PASSWORD });
  const verifyDb = join(OUT, 'nss-verify');
  const signDb = join(OUT, 'nss-sign');
  for (const db of [verifyDb, signDb]) {
    mkdirSync(db);
    sh('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    sh('certutil', ['-A', '-d', `sql:${db}`, '-n', 'TEST root', '-t', 'CT,C,C', '-i', join(pki, 'trust/rca.pem')]);
  }
  sh('pk12util', ['-i', join(pki, 'citizen.p12'), '-d', `sql:${signDb}`, '-W', PASSWORD]);
  const probe = join(OUT, 'probe.pdf');
  writeFileSync(probe, samplePdf(['TEST']));
  const nicks = spawnSync('pdfsig', ['-nssdir', `sql:${signDb}`, '-list-nicks', probe], { encoding: 'utf8' });
  const nick = nicks.stdout.split('\n').map((l) => l.trim()).find((l) => l.includes('TEST'));
  if (!nick) throw new Error(`pdfsig lists no TEST signer: ${nicks.stdout} ${nicks.stderr}`);

  const env = { ...process.env, P12PASS: PASSWORD };
  const rows: string[] = [];
  const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  for (const [label, size] of [
    ['1 MB', 1 << 20],
    ['100 MB', 100 << 20],
  ] as const) {
    const plain = join(OUT, `plain-${label.replace(' ', '')}.pdf`);
    const signed = join(OUT, `signed-${label.replace(' ', '')}.pdf`);
    await writeLargePdf(plain, size);
    const pdfsigOut = join(OUT, `pdfsig-${label.replace(' ', '')}.pdf`);
    const [imzalaSign, pdfsigSign] = interleaved([
      () => timed(process.execPath, [BIN, 'sign', plain, '--out', signed, '--p12', join(pki, 'citizen.p12'), '--pass-env', 'P12PASS'], env),
      () => {
        rmSync(pdfsigOut, { force: true });
        return timed('pdfsig', ['-add-signature', '-nssdir', `sql:${signDb}`, '-nick', nick, '-digest', 'SHA256', plain, pdfsigOut]);
      },
    ]) as [Measure, Measure];
    if (!existsSync(signed)) throw new Error('imzala did not sign');
    // --offline: pdfsig makes no network look-ups either, so both do the same work.
    const [imzalaVerify, pdfsigVerify, floor] = interleaved([
      () => timed(process.execPath, [BIN, 'verify', signed, '--trust', join(pki, 'trust'), '--offline']),
      () => timed('pdfsig', ['-nssdir', `sql:${verifyDb}`, signed]),
      () => timed('openssl', ['dgst', '-sha256', signed]),
    ]) as [Measure, Measure, Measure];
    results[label] = { imzalaSign, pdfsigSign, imzalaVerify, pdfsigVerify, opensslDgst: floor };
    const f = (m: Measure) => `${(m.seconds * 1000).toFixed(0)} ms / ${m.maxRssMiB.toFixed(0)} MiB`;
    rows.push(
      `| ${label} | verify | ${f(imzalaVerify)} | pdfsig ${f(pdfsigVerify)} | ${(imzalaVerify.seconds / pdfsigVerify.seconds).toFixed(2)} | openssl dgst ${f(floor)} |`,
      `| ${label} | sign | ${f(imzalaSign)} | pdfsig -add-signature ${f(pdfsigSign)} | ${(imzalaSign.seconds / pdfsigSign.seconds).toFixed(2)} | |`,
    );
    // Three signers in turn: every signature's ByteRange hashed, and the change analysis of the later revisions.
    const three = join(OUT, `signed3-${label.replace(' ', '')}.pdf`);
    const second = join(OUT, `signed2-${label.replace(' ', '')}.pdf`);
    timed(process.execPath, [BIN, 'sign', signed, '--out', second, '--p12', join(pki, 'business.p12'), '--pass-env', 'P12PASS'], env);
    timed(process.execPath, [BIN, 'sign', second, '--out', three, '--p12', join(pki, 'citizen.p12'), '--pass-env', 'P12PASS'], env);
    const [imzalaVerify3, pdfsigVerify3] = interleaved([
      () => timed(process.execPath, [BIN, 'verify', three, '--trust', join(pki, 'trust'), '--offline']),
      () => timed('pdfsig', ['-nssdir', `sql:${verifyDb}`, three]),
    ]) as [Measure, Measure];
    results[`${label}, 3 signatures`] = { imzalaVerify: imzalaVerify3, pdfsigVerify: pdfsigVerify3 };
    rows.push(
      `| ${label}, 3 signatures | verify | ${f(imzalaVerify3)} | pdfsig ${f(pdfsigVerify3)} | ${(imzalaVerify3.seconds / pdfsigVerify3.seconds).toFixed(2)} | |`,
    );
  }
  const table = ['| file | task | imzala (median / peak RSS) | baseline | imzala ÷ baseline | floor |', '|---|---|---|---|---|---|', ...rows].join('\n');
  console.log(table);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(OUT, 'results.md'), table + '\n');
}

if (ONLY === undefined || ONLY === 'files') await fileBenchmark();
if (ONLY === undefined || ONLY === 'load') await (await import('./load.js')).runLoadBenchmark();
// store.ts runs when imported (it is also run on its own: node dist/test/bench/store.js).
if (ONLY === undefined || ONLY === 'store') await import('./store.js');
if (ONLY === undefined || ONLY === 'extension') await (await import('./extension.js')).runExtensionBench();
if (ONLY === undefined || ONLY === 'webmail') await (await import('./webmail.js')).runWebmailBench();

