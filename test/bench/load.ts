/**
 * The service under load (issue 4): POST /api/v1/verify with a ~50 KB TEST-signed PDF, 20 connections for 20 s
 * (autocannon, 127.0.0.1), measured in the same run as poppler's pdfsig spawned once per file by 20 parallel
 * loops for the same time on the same file. The service runs in a process of its own (`node bin/imzala.js serve`),
 * offline, with the TEST trust and a rate limit out of the way. One response must be VALID before anything is
 * measured: a benchmark of refusals would be worthless.
 *
 * Environment: BENCH_LOAD_SECONDS (default 20), BENCH_LOAD_CONNECTIONS (default 20), IMZALA_VERIFY_WORKERS
 * (passed on to the service; default: the service's own).
 * Writes test/bench/out/load.json and load.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { writeDemoHierarchy } from '../../verifier/pki-demo/write-demo.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { defaultVerifyWorkers } from '../../verifier/server/config.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const OUT = join(ROOT, 'test/bench/out');
const BIN = join(ROOT, 'bin/imzala.js');
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 20);
const PASSWORD = 'test';
/** The size of document the issue asks for. */
const TARGET_BYTES = 50 * 1024;

export interface LoadResult {
  machine: { cpus: number; node: string };
  file: { bytes: number };
  seconds: number;
  connections: number;
  verifyWorkers: string;
  imzala: {
    requestsPerSecond: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    latencyMaxMs: number;
    requests: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    serviceCpuMsPerRequest: number | null;
  };
  pdfsig: { filesPerSecond: number; files: number; failures: number };
  /** imzala requests/s ÷ pdfsig files/s. */
  ratio: number;
  targets: { requestsPerSecond: boolean; p99: boolean; noErrors: boolean; ratio: boolean };
}

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A sample contract padded with text lines until the signed file is about TARGET_BYTES. */
function sampleOfSize(bytes: number): Uint8Array {
  const lines = ['TEST contract for the load benchmark'];
  let pdf = samplePdf(lines);
  while (pdf.length < bytes) {
    lines.push(`Clause ${lines.length}: the parties agree to the terms set out in this TEST document.`);
    if (lines.length % 64 === 0) pdf = samplePdf(lines);
  }
  return samplePdf(lines);
}

/** Starts `imzala serve` on a free port and resolves with its base URL (from its one log line). */
function startService(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the service did not start: ${out} ${err}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const port = /localhost:(\d+)/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolvePromise({ child, url: `http://127.0.0.1:${port}` });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code}): ${out} ${err}`));
    });
  });
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (1-based, proc(5)), in clock ticks (100/s on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** A multipart/form-data body with the file in the field `file`, built once and sent as is by every request. */
function multipartBody(file: Uint8Array, name: string): { body: Buffer; contentType: string } {
  const boundary = `----imzala-bench-${Date.now().toString(16)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `loops` parallel loops spawning `pdfsig` on the file until `seconds` have passed; completed runs per second. */
async function pdfsigLoops(nssDb: string, file: string, loops: number, seconds: number): Promise<LoadResult['pdfsig']> {
  const runOnce = () =>
    new Promise<boolean>((done) => {
      const child = spawn('pdfsig', ['-nssdir', `sql:${nssDb}`, file], { stdio: 'ignore' });
      child.on('exit', (code) => done(code === 0));
      child.on('error', () => done(false));
    });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let files = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < deadline) {
        if (await runOnce()) files++;
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { filesPerSecond: files / elapsed, files, failures };
}

/** Runs the load benchmark once and returns (and writes) its figures. */
export async function runLoadBenchmark(): Promise<LoadResult> {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'imzala-load-'));
  let service: ChildProcess | undefined;
  try {
    const pki = join(work, 'pki');
    await writeDemoHierarchy(pki, { p12Password: PASSWORD });
    const nssDb = join(work, 'nss');
    mkdirSync(nssDb);
    sh('certutil', ['-N', '-d', `sql:${nssDb}`, '--empty-password']);
    sh('certutil', ['-A', '-d', `sql:${nssDb}`, '-n', 'TEST root', '-t', 'CT,C,C', '-i', join(pki, 'trust/rca.pem')]);

    const plain = join(work, 'plain.pdf');
    const signed = join(work, 'signed.pdf');
    // The signature adds its certificates and the /Contents placeholder: aim the unsigned file below the target.
    writeFileSync(plain, sampleOfSize(TARGET_BYTES - 14 * 1024));
    sh(process.execPath, [BIN, 'sign', plain, '--out', signed, '--p12', join(pki, 'citizen.p12'), '--pass-env', 'P12PASS'], {
      ...process.env,
      P12PASS: PASSWORD,
    });
    const bytes = statSync(signed).size;
    const pdfsigCheck = spawnSync('pdfsig', ['-nssdir', `sql:${nssDb}`, signed], { encoding: 'utf8' });
    if (pdfsigCheck.status !== 0 || !/Signature is Valid/.test(pdfsigCheck.stdout)) {
      throw new Error(`pdfsig does not find the sample valid: ${pdfsigCheck.stdout} ${pdfsigCheck.stderr}`);
    }

    const dataDir = join(work, 'data');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      IMZALA_DATA_DIR: dataDir,
      IMZALA_TRUST_DIR: join(pki, 'trust'),
      IMZALA_OFFLINE: '1',
      IMZALA_RATE_LIMIT: '1000000',
    };
    const started = await startService(env);
    service = started.child;
    const endpoint = `${started.url}/api/v1/verify`;
    const { body, contentType } = multipartBody(readFileSync(signed), 'contract.pdf');

    // One answer first: it must be a VALID report, or the figures would measure refusals.
    const probe = await fetch(endpoint, { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
    const report = (await probe.json()) as { status?: string; error?: unknown };
    if (probe.status !== 200 || report.status !== 'VALID') {
      throw new Error(`the service does not answer VALID: ${probe.status} ${JSON.stringify(report).slice(0, 500)}`);
    }
    // Warm-up (JIT, caches), not measured.
    await autocannon({ url: endpoint, method: 'POST', headers: { 'content-type': contentType }, body, connections: CONNECTIONS, duration: 2 });

    const cpuBefore = cpuSecondsOf(service.pid);
    const load = await autocannon({
      url: endpoint,
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const cpuAfter = cpuSecondsOf(service.pid);
    service.kill('SIGTERM');
    await new Promise((r) => service!.once('exit', r));
    service = undefined;

    const pdfsig = await pdfsigLoops(nssDb, signed, CONNECTIONS, SECONDS);
    const requests = load.requests.total;
    const imzala = {
      requestsPerSecond: requests / load.duration,
      latencyP50Ms: load.latency.p50,
      latencyP99Ms: load.latency.p99,
      latencyMaxMs: load.latency.max,
      requests,
      errors: load.errors,
      timeouts: load.timeouts,
      non2xx: load.non2xx,
      /** The service process's CPU time (all threads) per answered request. */
      serviceCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / requests : null,
    };
    const ratio = imzala.requestsPerSecond / pdfsig.filesPerSecond;
    const result: LoadResult = {
      machine: { cpus: cpus().length, node: process.version },
      file: { bytes },
      seconds: SECONDS,
      connections: CONNECTIONS,
      verifyWorkers: process.env.IMZALA_VERIFY_WORKERS ?? `default (${defaultVerifyWorkers()})`,
      imzala,
      pdfsig,
      ratio,
      targets: {
        requestsPerSecond: imzala.requestsPerSecond >= 200,
        p99: imzala.latencyP99Ms < 100,
        noErrors: imzala.errors === 0 && imzala.non2xx === 0,
        ratio: ratio >= 2,
      },
    };
    const table = [
      `POST /api/v1/verify, ${(bytes / 1024).toFixed(0)} KB signed PDF, ${CONNECTIONS} connections x ${SECONDS} s, ${result.machine.cpus} CPUs, verify workers: ${result.verifyWorkers}`,
      '',
      '| measure | value | target |',
      '|---|---|---|',
      `| imzala verifications/s | ${imzala.requestsPerSecond.toFixed(1)} | >= 200 |`,
      `| latency p50 / p99 / max | ${imzala.latencyP50Ms} / ${imzala.latencyP99Ms} / ${imzala.latencyMaxMs} ms | p99 < 100 ms |`,
      `| service CPU per request (all threads) | ${imzala.serviceCpuMsPerRequest?.toFixed(2) ?? '-'} ms | |`,
      `| errors / timeouts / non-2xx | ${imzala.errors} / ${imzala.timeouts} / ${imzala.non2xx} | 0 |`,
      `| pdfsig files/s (${CONNECTIONS} parallel loops) | ${pdfsig.filesPerSecond.toFixed(1)} (failures: ${pdfsig.failures}) | |`,
      `| imzala ÷ pdfsig | ${ratio.toFixed(2)} | >= 2 |`,
    ].join('\n');
    console.log(table);
    writeFileSync(join(OUT, 'load.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(OUT, 'load.md'), table + '\n');
    return result;
  } finally {
    if (service) service.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runLoadBenchmark();
