/**
 * The native messaging host az.imzala.host: greet with the host version, read one request, answer it, exit.
 * Every failure is answered as a BridgeError (code, message in the configured language, details); no stack ever goes
 * to the browser. One log line per command goes to stderr (Chrome and Firefox put host stderr in their logs) and to
 * the config's logFile: never a PIN, and never more of a digest than its first 8 hex digits.
 */
import { appendFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { fromBase64 } from '../../core/encoding/base64.js';
import { toHex } from '../../core/encoding/hex.js';
import { PROTOCOL_MESSAGES, type BridgeError } from '../../core/protocol/codes.js';
import { nativeRequestProblem, NATIVE_COMMANDS, type NativeCommand, type NativeHello, type NativeResponse, type NativeSignArgs } from '../../core/protocol/native.js';
import { PROTOCOL_VERSION } from '../../core/protocol/version.js';
import type { Language } from '../../core/report/message-types.js';
import type { AskPin, SignerBackend } from './backend.js';
import { HOST_MESSAGES } from './codes.js';
import { loadHostConfig, type HostConfig } from './config.js';
import { readMessage, writeMessage } from './framing.js';
import { HostError } from './host-error.js';
import { desktopPinPrompt, programPinPrompt, type PinPrompt } from './pin-prompt.js';
import { pkcs11Backend } from './pkcs11-backend.js';

/** The host program's version (sent in the hello; kept equal to package.json's by the lead's release step). */
export const HOST_VERSION = '0.1.0';

export interface RunHostOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Replaces the backend made from the config (tests, other local signers). */
  backend?: SignerBackend;
  /** Replaces the PIN prompt made from the config. */
  pinPrompt?: PinPrompt | null;
  /** Where log lines go; default stderr (plus the config's logFile). */
  log?: (line: string) => void;
}

/** Runs one connection; resolves to the process exit code (0 when an answer, even a refusal, was written). */
export async function runHost(input: Readable, output: Writable, options: RunHostOptions): Promise<number> {
  let config: HostConfig | null = null;
  let configError: HostError | null = null;
  try {
    config = loadHostConfig({ env: options.env, platform: options.platform });
  } catch (e) {
    configError = e instanceof HostError ? e : new HostError('HOST_CONFIG_INVALID', 'unreadable configuration', { reason: String(e) });
  }
  const language: Language = config?.language ?? 'az';
  const log = makeLog(options, config);
  const started = Date.now();

  const hello: NativeHello = { type: 'hello', protocol: PROTOCOL_VERSION, version: HOST_VERSION };
  try {
    await writeMessage(output, hello);
  } catch {
    return 1; // nobody is listening
  }

  let id = '';
  let command = '-';
  let summary = '';
  let response: NativeResponse;
  try {
    const message = await readMessage(input);
    if (message === null) {
      log('connection closed before a request');
      return 0;
    }
    if (typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'string') id = ((message as { id: string }).id).slice(0, 64);
    const problem = nativeRequestProblem(message);
    const request = message as { protocol: number; command: string; args: Record<string, unknown> };
    // The protocol check comes first: a newer extension's request may not fit this host's shape checks at all.
    if (typeof request === 'object' && request !== null && typeof request.protocol === 'number' && request.protocol !== PROTOCOL_VERSION) {
      throw new HostError('VERSION_MISMATCH', `request protocol ${request.protocol}, host protocol ${PROTOCOL_VERSION}`, { host: PROTOCOL_VERSION, request: request.protocol });
    }
    if (problem) throw new HostError('INVALID_REQUEST', problem, { problem });
    command = String(request.command).slice(0, 32);
    if (!NATIVE_COMMANDS.includes(command as NativeCommand)) throw new HostError('UNKNOWN_COMMAND', `unknown command ${command}`, { command });
    if (configError) throw configError;
    const backend = options.backend ?? pkcs11Backend({ libraries: config!.pkcs11Libraries, platform: options.platform });
    const library = typeof request.args.pkcs11Library === 'string' ? { pkcs11Library: request.args.pkcs11Library } : {};
    let result: unknown;
    if (command === 'status') {
      const status = await backend.status(library);
      result = { version: HOST_VERSION, protocol: PROTOCOL_VERSION, ...status };
      summary = `tokens=${status.tokens.length} library=${status.library ?? '-'}`;
    } else if (command === 'list-certificates') {
      const list = await backend.listCertificates(library);
      result = list;
      summary = `certificates=${list.certificates.length}`;
    } else {
      const args = request.args as unknown as NativeSignArgs;
      const digestHex = toHex(fromBase64(args.digest));
      summary = `origin=${args.origin} document=${JSON.stringify(args.documentName)} digest=${digestHex.slice(0, 8)}…`;
      const prompt = options.pinPrompt !== undefined ? options.pinPrompt : pinPromptFor(config!, options);
      result = await backend.sign(args, askPinWith(prompt, args, digestHex, language));
    }
    response = { id, ok: true, result };
    log(`${command} ok ${summary} ${Date.now() - started}ms`);
  } catch (e) {
    const error = toBridgeError(e, language);
    response = { id, ok: false, error };
    log(`${command} failed ${error.code}${error.details?.ckr ? ` ${String(error.details.ckr)}` : ''} ${summary} ${Date.now() - started}ms`.replace(/\s+/g, ' '));
  }
  try {
    await writeMessage(output, response);
  } catch (e) {
    // An answer over 1 MiB (a token with very many certificates): say so instead of a broken frame.
    try {
      await writeMessage(output, { id, ok: false, error: toBridgeError(e, language) });
    } catch {
      return 1;
    }
  }
  return 0;
}

/** The configured ask-pass program, else a desktop dialog, else none. */
function pinPromptFor(config: HostConfig, options: RunHostOptions): PinPrompt | null {
  if (config.pinProgram) return programPinPrompt(config.pinProgram, options.env);
  return desktopPinPrompt(options.env, options.platform);
}

function askPinWith(prompt: PinPrompt | null, args: NativeSignArgs, digestHex: string, language: Language): AskPin {
  return async (context) => {
    if (!prompt) throw new HostError('USER_CANCELLED', HOST_MESSAGES.PIN_DIALOG_UNAVAILABLE![language], { reason: 'no-pin-dialog' });
    const answer = await prompt.ask({ ...context, origin: args.origin, documentName: args.documentName, algorithm: args.algorithm, digestHex, language });
    if (answer === 'cancelled') throw new HostError('USER_CANCELLED', 'the PIN dialog was closed');
    if (answer === 'timeout') throw new HostError('USER_TIMEOUT', 'nobody answered the PIN dialog');
    return answer.pin;
  };
}

/** The answer's error: the catalog message in the user's language, details as evidence, never a stack. */
export function toBridgeError(e: unknown, language: Language): BridgeError {
  if (!(e instanceof HostError)) return { code: 'INTERNAL_ERROR', message: PROTOCOL_MESSAGES.INTERNAL_ERROR?.[language] ?? 'Internal error.' };
  const entry = PROTOCOL_MESSAGES[e.code];
  // A reason-specific message (USER_CANCELLED because no dialog exists) wins over the code's generic one.
  const specific = e.details.reason === 'no-pin-dialog' ? e.message : null;
  let message = specific ?? entry?.[language] ?? e.message;
  for (const [k, v] of Object.entries(e.details)) message = message.replaceAll(`{${k}}`, String(v));
  const details = Object.keys(e.details).length ? e.details : undefined;
  return { code: e.code, message, ...(details ? { details } : {}) };
}

function makeLog(options: RunHostOptions, config: HostConfig | null): (line: string) => void {
  return (line) => {
    const text = `${new Date().toISOString()} imzala-host ${line}`;
    if (options.log) options.log(text);
    else process.stderr.write(text + '\n');
    if (config?.logFile) {
      try {
        appendFileSync(config.logFile, text + '\n');
      } catch {
        // a log file we cannot write must not stop signing
      }
    }
  };
}
