/**
 * The native host as a browser would meet it, for tests: a host config pointing at a SoftHSM token, a PIN program that
 * records what it was shown and answers a chosen PIN, the host manifest installed for Chromium into a --user-data-dir,
 * and `callHost` to talk to the built host (dist/host/imzala-host.js, made by `npm run build`) over stdin/stdout.
 *
 * Chromium passes its own environment to the host: launch it with `env` from installTestHost (IMZALA_HOST_CONFIG,
 * SOFTHSM2_CONF) in its environment.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installHost, type InstalledFile } from '../../extension/native-host/install.js';
import { REPO_ROOT } from './cli.js';
import type { SoftHsmToken } from './softhsm.js';

export const HOST_SCRIPT = join(REPO_ROOT, 'dist/host/imzala-host.js');

export interface TestHostOptions {
  dir: string;
  token: SoftHsmToken;
  /** Install the Chromium manifest into <userDataDir>/NativeMessagingHosts. */
  userDataDir?: string;
  /** The PIN the program answers; null: it cancels (exit 1). Default: the token's PIN. */
  pin?: string | null;
  language?: 'az' | 'en' | 'ru';
}

export interface TestHost {
  /** Environment for the host (or for the browser that starts it). */
  env: { IMZALA_HOST_CONFIG: string; SOFTHSM2_CONF: string };
  config: string;
  installed: InstalledFile[];
  /** What the PIN program was shown, one entry per prompt: stdin text plus its IMZALA_PROMPT_* variables. */
  promptLog(): string[];
  /** Changes the PIN answered next; null makes the program cancel. */
  setPin(pin: string | null): void;
}

const RECORD_END = '\u001e\n';

export function installTestHost({ dir, token, userDataDir, pin = token.pin, language = 'az' }: TestHostOptions): TestHost {
  mkdirSync(dir, { recursive: true });
  const pinFile = join(dir, 'pin-answer');
  const log = join(dir, 'pin-prompts.log');
  const program = join(dir, 'pin-program.sh');
  writeFileSync(
    program,
    [
      '#!/bin/sh',
      '# Test PIN program: records the prompt, answers the PIN in pin-answer or cancels (exit 1) when there is none.',
      `{ cat; printf '\\nIMZALA_PROMPT_ORIGIN=%s\\nIMZALA_PROMPT_DOCUMENT=%s\\nIMZALA_PROMPT_DIGEST=%s\\n\\036\\n' "$IMZALA_PROMPT_ORIGIN" "$IMZALA_PROMPT_DOCUMENT" "$IMZALA_PROMPT_DIGEST"; } >> '${log}'`,
      `if [ -f '${pinFile}' ]; then cat '${pinFile}'; echo; exit 0; fi`,
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(program, 0o755);
  const setPin = (value: string | null) => (value === null ? rmSync(pinFile, { force: true }) : writeFileSync(pinFile, value));
  setPin(pin);
  const config = join(dir, 'host.json');
  writeFileSync(config, JSON.stringify({ pkcs11Libraries: [token.library], pinProgram: program, language }, null, 2));
  const installed = userDataDir ? installHost({ browsers: ['chromium'], system: false, hostPath: HOST_SCRIPT, userDataDir }) : [];
  return {
    env: { IMZALA_HOST_CONFIG: config, SOFTHSM2_CONF: token.conf },
    config,
    installed,
    promptLog: () => (existsSync(log) ? readFileSync(log, 'utf8').split(RECORD_END).filter((r) => r.trim()) : []),
    setPin,
  };
}

/** One native messaging frame. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message));
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length);
  return Buffer.concat([header, body]);
}

export interface HostCall {
  /** Decoded frames the host wrote (hello first). */
  messages: any[];
  hello: any;
  response: any;
  status: number | null;
  stderr: string;
  /** From spawn to the host's exit, for reports (never asserted). */
  ms: number;
}

/** Starts the built host, writes `input` (a request object, or raw bytes) to its stdin, and reads every frame it answers. */
export function callHost(input: unknown, env: Record<string, string>, options: { closeStdin?: boolean } = {}): Promise<HostCall> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST_SCRIPT], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const guard = setTimeout(() => child.kill(), 60_000); // a hang fails the test instead of stalling it
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(guard);
      const messages: any[] = [];
      let bytes = Buffer.concat(out);
      while (bytes.length >= 4) {
        const length = bytes.readUInt32LE(0);
        messages.push(JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')));
        bytes = bytes.subarray(4 + length);
      }
      resolve({ messages, hello: messages[0], response: messages[1], status, stderr, ms: performance.now() - started });
    });
    child.stdin.on('error', () => undefined); // the host may stop reading early (too large)
    child.stdin.write(Buffer.isBuffer(input) ? input : frame(input));
    if (options.closeStdin !== false) child.stdin.end();
  });
}
