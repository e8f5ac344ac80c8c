/**
 * BENCH_ONLY=extension: (a) the built extension's script sizes (extension/.output/chrome-mv3: content scripts and the
 * background, minified as built, and gzipped), against the issue's aim of < 40 KB minified per content script;
 * (b) the native host's `status` round trip (spawn -> hello -> answer -> exit), as the browser does it once per command:
 * `node dist/host/imzala-host.js` and the single executable (dist/host-package/<platform>-<arch>/imzala-host) when
 * built, N times each against a SoftHSM2 token; median and p95 against the target of < 100 ms.
 * Never part of the test suite (times depend on the machine).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The repository root, from test/bench (sources) or dist/test/bench (built). */
const ROOT = [resolve(import.meta.dirname, '../..'), resolve(import.meta.dirname, '../../..')].find((d) => existsSync(join(d, 'package.json')))!;
const EXTENSION_OUT = join(ROOT, 'extension/.output/chrome-mv3');
const HOST_SCRIPT = join(ROOT, 'dist/host/imzala-host.js');
const HOST_SEA = join(ROOT, 'dist/host-package', `${process.platform}-${process.arch}`, process.platform === 'win32' ? 'imzala-host.exe' : 'imzala-host');
export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';
export const TEST_TOKEN_LABEL = 'TEST imzala token';
const CONTENT_SCRIPT_AIM_BYTES = 40 * 1024;
const STATUS_TARGET_MS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/** One row of the bench's table. */
export interface ExtensionBenchRow {
  what: string;
  /** Bytes (sizes) or milliseconds (round trips). */
  value: number;
  unit: 'bytes' | 'ms';
  /** Gzipped bytes for sizes; p95 for round trips. */
  extra?: number;
  target?: number;
  meetsTarget?: boolean;
  note?: string;
}

/** A native messaging frame: 32-bit little-endian length, then UTF-8 JSON. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Splits a host's whole stdout into its JSON messages; throws on a truncated frame. */
export function parseFrames(out: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  while (at < out.length) {
    if (at + 4 > out.length) throw new Error(`truncated frame header at byte ${at}`);
    const length = out.readUInt32LE(at);
    if (at + 4 + length > out.length) throw new Error(`truncated frame at byte ${at}: ${length} bytes announced`);
    messages.push(JSON.parse(out.subarray(at + 4, at + 4 + length).toString('utf8')));
    at += 4 + length;
  }
  return messages;
}

export interface HostExchange {
  messages: unknown[];
  stderr: string;
  exitCode: number | null;
  /** Spawn to exit, milliseconds. */
  ms: number;
}

/**
 * Starts the host as a browser does (a new process per command), sends one request frame and collects what it wrote.
 * `hangGuardMs` kills a host that never exits, so a broken host fails a test instead of stalling it.
 */
export function exchangeWithHost(command: string, args: string[], request: unknown, env: NodeJS.ProcessEnv, hangGuardMs = 30_000): Promise<HostExchange> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), hangGuardMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (e) => {
      clearTimeout(guard);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      try {
        resolvePromise({ messages: parseFrames(Buffer.concat(out)), stderr, exitCode: code, ms });
      } catch (e) {
        reject(new Error(`${e instanceof Error ? e.message : String(e)}; stderr: ${stderr}`));
      }
    });
    child.stdin.on('error', () => undefined); // the host may exit before reading everything (refusals)
    child.stdin.end(frame(request));
  });
}

export interface TestToken {
  /** Environment that makes SoftHSM2 see only this token (SOFTHSM2_CONF). */
  env: Record<string, string>;
  dir: string;
}

/** A SoftHSM2 token initialised in `dir` (label TEST imzala token, user PIN 1234), with no objects on it. */
export function initSoftHsmToken(dir: string): TestToken {
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { SOFTHSM2_CONF: conf };
  const r = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', TEST_TOKEN_LABEL, '--pin', '1234', '--so-pin', '123456'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`softhsm2-util --init-token failed: ${r.stdout} ${r.stderr}`);
  return { env, dir };
}

/** The `status` request as the extension's background sends it. */
export function statusRequest(id = '1'): unknown {
  return { protocol: 1, id, command: 'status', args: {} };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Content scripts and the background of the built Chrome extension: bytes as built (minified) and gzipped. */
function scriptSizes(): ExtensionBenchRow[] {
  if (!existsSync(EXTENSION_OUT)) return [{ what: 'extension scripts', value: 0, unit: 'bytes', note: `${relative(ROOT, EXTENSION_OUT)} is missing: build the extension first` }];
  const rows: ExtensionBenchRow[] = [];
  const files: string[] = [];
  const contentDir = join(EXTENSION_OUT, 'content-scripts');
  if (existsSync(contentDir)) for (const f of readdirSync(contentDir)) if (f.endsWith('.js')) files.push(join(contentDir, f));
  if (existsSync(join(EXTENSION_OUT, 'background.js'))) files.push(join(EXTENSION_OUT, 'background.js'));
  for (const file of files) {
    const bytes = readFileSync(file);
    const isContent = file.includes('content-scripts');
    rows.push({
      what: relative(EXTENSION_OUT, file),
      value: statSync(file).size,
      unit: 'bytes',
      extra: gzipSync(bytes, { level: 9 }).length,
      ...(isContent ? { target: CONTENT_SCRIPT_AIM_BYTES, meetsTarget: bytes.length < CONTENT_SCRIPT_AIM_BYTES } : {}),
    });
  }
  return rows;
}

/** `status` round trips of one host program against the token; the first (cold file cache) run is not counted. */
async function statusRoundTrips(what: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ExtensionBenchRow> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const r = await exchangeWithHost(command, args, statusRequest(String(i)), env);
    const answer = r.messages[1] as { ok?: boolean; result?: { tokens?: { label: string }[] } } | undefined;
    if (!answer?.ok || !answer.result?.tokens?.some((t) => t.label.trim() === TEST_TOKEN_LABEL)) {
      throw new Error(`${what}: status did not list the test token: ${JSON.stringify(r.messages)} ${r.stderr}`);
    }
    if (i > 0) times.push(r.ms);
  }
  const med = median(times);
  return { what: `status round trip, ${what}`, value: med, unit: 'ms', extra: percentile(times, 95), target: STATUS_TARGET_MS, meetsTarget: med < STATUS_TARGET_MS, note: `N=${RUNS}` };
}

/** Runs the extension bench and returns its rows (also printed as a table and written to test/bench/out/extension.*). */
export async function runExtensionBench(): Promise<ExtensionBenchRow[]> {
  const rows = scriptSizes();
  const dir = mkdtempSync(join(tmpdir(), 'imzala-bench-ext-'));
  try {
    const token = initSoftHsmToken(dir);
    const config = join(dir, 'host.json');
    writeFileSync(config, JSON.stringify({ pkcs11Libraries: [SOFTHSM_LIBRARY] }));
    // A clean environment: what the browser passes is not much more, and no user config may change the result.
    const env = { PATH: '/usr/bin:/bin', HOME: dir, IMZALA_HOST_CONFIG: config, ...token.env };
    if (existsSync(HOST_SCRIPT)) rows.push(await statusRoundTrips('node dist/host/imzala-host.js', process.execPath, [HOST_SCRIPT], env));
    else rows.push({ what: 'status round trip, node', value: 0, unit: 'ms', note: 'dist/host/imzala-host.js is missing: npm run build' });
    if (existsSync(HOST_SEA)) rows.push(await statusRoundTrips('single executable', HOST_SEA, [], { ...env, PATH: '/nonexistent' }));
    else rows.push({ what: 'status round trip, single executable', value: 0, unit: 'ms', note: `${relative(ROOT, HOST_SEA)} not built (npm run package:host)` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (r: ExtensionBenchRow) =>
    r.note && r.value === 0
      ? `| ${r.what} | — | | | ${r.note} |`
      : r.unit === 'bytes'
        ? `| ${r.what} | ${r.value} B | gzip ${r.extra} B | ${r.target ? `< ${r.target} B: ${r.meetsTarget ? 'yes' : 'NO'}` : ''} | |`
        : `| ${r.what} | median ${r.value.toFixed(1)} ms | p95 ${r.extra!.toFixed(1)} ms | < ${r.target} ms: ${r.meetsTarget ? 'yes' : 'NO'} | ${r.note ?? ''} |`;
  const table = ['| what | value | more | target | note |', '|---|---|---|---|---|', ...rows.map(fmt)].join('\n');
  console.log(table);
  const out = join(ROOT, 'test/bench/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'extension.json'), JSON.stringify({ machine: { node: process.version }, rows }, null, 2) + '\n');
  writeFileSync(join(out, 'extension.md'), table + '\n');
  return rows;
}
