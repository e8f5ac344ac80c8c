/** Runs the built `imzala` command (bin/imzala.js -> dist/, built by `npm test` before Vitest) as a user would. */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(REPO_ROOT, 'bin/imzala.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A generous bound so a hang fails the test instead of stalling the suite; it is not a speed check. */
const HANG_GUARD_MS = 120_000;

export function imzala(args: string[], env: Record<string, string> = {}): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    // Offline unless a test says otherwise: the TEST certificates' CRL addresses are not served (see the online test).
    env: { ...process.env, LANG: 'C', IMZALA_DATA_DIR: join(tmpdir(), 'imzala-no-data'), IMZALA_OFFLINE: '1', ...env },
    timeout: HANG_GUARD_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `imzala verify --json` of one file: the parsed report and the exit code. */
export function verifyJson(file: string, args: string[] = []): { status: number | null; report: any; stderr: string } {
  const r = imzala(['verify', file, '--json', ...args]);
  const line = r.stdout.trim().split('\n')[0] ?? '';
  let report: any = null;
  try {
    report = JSON.parse(line);
  } catch {
    report = null;
  }
  return { status: r.status, report, stderr: r.stderr };
}

/** A fresh temporary directory removed by the returned cleanup. */
export function tempDir(prefix = 'imzala-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a tool (openssl, pdfsig, certutil, ...) and returns its output; throws with the output when it fails and `check` is set. */
export function run(cmd: string, args: string[], options: { check?: boolean; input?: string | Uint8Array; cwd?: string } = {}): CliResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: HANG_GUARD_MS, input: options.input, cwd: options.cwd });
  if (r.error) throw r.error;
  if (options.check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As `imzala`, but without blocking the event loop: for tests that serve something to the CLI from this process. */
export function imzalaAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LANG: 'C', IMZALA_DATA_DIR: join(tmpdir(), 'imzala-no-data'), IMZALA_OFFLINE: '1', ...env },
      timeout: HANG_GUARD_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
