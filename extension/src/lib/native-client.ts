/**
 * One command to the native host (az.imzala.host) over runtime.connectNative, as Web eID does: connect, wait for the
 * host's hello, check its protocol version, send one request, wait for one response, disconnect. Every failure is a
 * BridgeError (thrown as NativeFailure); nothing the host says is trusted before its shape is checked.
 */
import { browser } from 'wxt/browser';
import { bridgeError, isRecord, type BridgeError, type BridgeErrorCode } from '../../../core/protocol/codes.js';
import { isNativeHello, isNativeResponse, type NativeCommand, type NativeListResult, type NativeSignArgs, type NativeSignResult, type NativeStatusArgs, type NativeStatusResult } from '../../../core/protocol/native.js';
import { NATIVE_HOST_NAME, PROTOCOL_VERSION } from '../../../core/protocol/version.js';

/** The host must greet within this time, or it is not (properly) installed. */
export const HELLO_TIMEOUT_MS = 5_000;
/** status and list-certificates enumerate slots only. */
export const QUERY_TIMEOUT_MS = 30_000;
/** sign waits for a person to type the PIN and confirm. */
export const SIGN_TIMEOUT_MS = 3 * 60_000;

export class NativeFailure extends Error {
  constructor(readonly error: BridgeError) {
    super(error.message);
    this.name = 'NativeFailure';
  }
}

interface CommandTypes {
  status: { args: NativeStatusArgs; result: NativeStatusResult };
  'list-certificates': { args: NativeStatusArgs; result: NativeListResult };
  sign: { args: NativeSignArgs; result: NativeSignResult };
}

/** Runs one native command; rejects with NativeFailure. */
export async function callNativeHost<C extends NativeCommand>(command: C, args: CommandTypes[C]['args']): Promise<CommandTypes[C]['result']> {
  const id = crypto.randomUUID();
  const timeoutMs = command === 'sign' ? SIGN_TIMEOUT_MS : QUERY_TIMEOUT_MS;
  let port: ReturnType<typeof browser.runtime.connectNative>;
  try {
    port = browser.runtime.connectNative(NATIVE_HOST_NAME);
  } catch (e) {
    throw failure('NATIVE_UNAVAILABLE', { reason: String((e as Error)?.message ?? e) });
  }
  return new Promise<CommandTypes[C]['result']>((resolve, reject) => {
    let stage: 'hello' | 'response' | 'done' = 'hello';
    let timer = setTimeout(() => finish(failure('NATIVE_UNAVAILABLE', { reason: 'the native host did not greet in time' })), HELLO_TIMEOUT_MS);

    const finish = (outcome: NativeFailure | { result: CommandTypes[C]['result'] }) => {
      if (stage === 'done') return;
      stage = 'done';
      clearTimeout(timer);
      try {
        port.disconnect();
      } catch {
        // Already disconnected by the host.
      }
      if (outcome instanceof NativeFailure) reject(outcome);
      else resolve(outcome.result);
    };

    port.onDisconnect.addListener((p) => {
      // Chrome reports the reason in runtime.lastError ("Specified native messaging host not found."), Firefox in port.error.
      const reason = (p as { error?: { message?: string } }).error?.message ?? chromeLastError() ?? 'the native host closed the connection';
      if (stage === 'hello') finish(failure('NATIVE_UNAVAILABLE', { reason }));
      else finish(failure('NATIVE_UNAVAILABLE', { reason, stage: 'response' }));
    });

    port.onMessage.addListener((message: unknown) => {
      if (stage === 'hello') {
        if (!isNativeHello(message)) return finish(failure('INTERNAL_ERROR', { reason: 'the native host did not greet first' }));
        if (message.protocol !== PROTOCOL_VERSION) {
          return finish(failure('VERSION_MISMATCH', { extension: PROTOCOL_VERSION, nativeHost: message.protocol, hostVersion: message.version }));
        }
        stage = 'response';
        clearTimeout(timer);
        timer = setTimeout(() => finish(failure('TIMEOUT', { command })), timeoutMs);
        port.postMessage({ protocol: PROTOCOL_VERSION, id, command, args });
        return;
      }
      if (stage !== 'response') return;
      if (!isNativeResponse(message) || message.id !== id) return finish(failure('INTERNAL_ERROR', { reason: 'malformed answer from the native host' }));
      if (!message.ok) return finish(new NativeFailure(message.error));
      const problem = resultProblem(command, message.result);
      if (problem) return finish(failure('INTERNAL_ERROR', { reason: `native host ${command} result: ${problem}` }));
      finish({ result: message.result as CommandTypes[C]['result'] });
    });
  });
}

function failure(code: BridgeErrorCode, details?: Record<string, unknown>): NativeFailure {
  return new NativeFailure(bridgeError(code, details));
}

function chromeLastError(): string | undefined {
  const chromeApi = (globalThis as { chrome?: { runtime?: { lastError?: { message?: string } } } }).chrome;
  return chromeApi?.runtime?.lastError?.message;
}

const SCHEMES = ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA'];
const MAX_CERTIFICATES = 100;

/** Field-by-field check of what the host answered; the extension passes on only checked results. */
export function resultProblem(command: NativeCommand, result: unknown): string | null {
  if (!isRecord(result)) return 'not an object';
  switch (command) {
    case 'status':
      if (typeof result.version !== 'string' || typeof result.protocol !== 'number' || typeof result.backend !== 'string') return 'version/protocol/backend missing';
      if (result.library !== null && typeof result.library !== 'string') return 'library must be a path or null';
      if (!Array.isArray(result.tokens) || result.tokens.length > MAX_CERTIFICATES) return 'tokens must be a list';
      for (const t of result.tokens) {
        if (!isTokenInfo(t) || typeof t.pinLocked !== 'boolean' || typeof t.pinCountLow !== 'boolean') return 'malformed token';
      }
      return null;
    case 'list-certificates':
      if (!Array.isArray(result.certificates) || result.certificates.length > MAX_CERTIFICATES) return 'certificates must be a list';
      for (const c of result.certificates) {
        if (!isRecord(c) || typeof c.certificate !== 'string' || typeof c.label !== 'string') return 'malformed certificate';
        if (!Array.isArray(c.chain) || !c.chain.every((x) => typeof x === 'string')) return 'malformed chain';
        if (c.keyType !== 'RSA' && c.keyType !== 'EC') return 'keyType must be RSA or EC';
        if (!isTokenInfo(c.token)) return 'malformed token';
      }
      return null;
    case 'sign':
      if (typeof result.signature !== 'string' || !result.signature) return 'signature missing';
      if (!SCHEMES.includes(result.scheme as string)) return 'unknown scheme';
      if (result.signatureFormat !== undefined && result.signatureFormat !== 'p1363') return 'unknown signatureFormat';
      return null;
  }
}

function isTokenInfo(t: unknown): t is Record<string, unknown> {
  return isRecord(t) && ['label', 'serialNumber', 'manufacturer', 'slotId'].every((k) => typeof t[k] === 'string');
}
