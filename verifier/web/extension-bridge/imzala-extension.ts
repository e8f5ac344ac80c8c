/**
 * The page side of the imzala extension bridge (no dependencies; the verifier's signing page imports it).
 * Posts `imzala:<command>` to its own window, where the extension's content script listens when this origin is one
 * of its configured service origins; expects an ack at once and then a success or failure. No ack means no usable
 * extension here (not installed, disabled, or this origin not configured): EXTENSION_UNAVAILABLE.
 */
import { bridgeError, isRecord, type BridgeError, type BridgeErrorCode } from '../../../core/protocol/codes.js';
import type { NativeListResult, NativeSignResult, SignRequestArgs } from '../../../core/protocol/native.js';
import { isPageReply, type Handover, type PageCommand, type PageStatusResult } from '../../../core/protocol/page.js';
import { PROTOCOL_VERSION } from '../../../core/protocol/version.js';

/** The ack comes from the content script once the background confirmed the origin; waking an idle MV3 service worker on a busy computer can take a second or two, so a missing extension is declared only after 3 s. */
export const DEFAULT_ACK_TIMEOUT_MS = 3_000;
/** status / list-certificates: the extension starts the native host, which enumerates the token's slots. */
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000;
/** sign: consent window (2 min) is separate from the PIN (3 min) in the extension; the page waits for both. */
export const DEFAULT_SIGN_TIMEOUT_MS = 3 * 60_000;

/** A refusal from the bridge with a stable code (core/protocol BridgeErrorCode) and its evidence. */
export class ImzalaBridgeError extends Error {
  readonly code: BridgeErrorCode;
  readonly details: Record<string, unknown>;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'ImzalaBridgeError';
    this.code = error.code;
    this.details = error.details ?? {};
  }
}

export interface BridgeOptions {
  /** How long to wait for the extension’s ack (default DEFAULT_ACK_TIMEOUT_MS). */
  ackTimeoutMs?: number;
  /** How long to wait for the answer after the ack (sign 3 min, others 60 s). */
  timeoutMs?: number;
  /** Language of messages the library makes itself (the extension's own are in the user's language). */
  language?: 'az' | 'en' | 'ru';
}

/** What the library needs from `window` (tests pass a fake). */
export interface BridgeWindow {
  readonly isSecureContext: boolean;
  readonly location: { readonly origin: string; readonly protocol: string; readonly hostname: string };
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface ImzalaBridge {
  status(opts?: BridgeOptions): Promise<PageStatusResult>;
  listCertificates(opts?: BridgeOptions): Promise<NativeListResult>;
  sign(args: SignRequestArgs, opts?: BridgeOptions): Promise<NativeSignResult>;
  /** Documents and people the extension left for this page's origin (once), or null. */
  takeHandover(opts?: BridgeOptions): Promise<Handover | null>;
}

/** A bridge over the given window (the page's own `window` for `imzala`). */
export function createImzalaBridge(win: BridgeWindow): ImzalaBridge {
  return {
    async status(opts) {
      const result = await request<PageStatusResult>(win, 'status', {}, opts);
      if (!isRecord(result) || result.protocol !== PROTOCOL_VERSION) {
        throw new ImzalaBridgeError(bridgeError('VERSION_MISMATCH', { page: PROTOCOL_VERSION, extension: isRecord(result) ? result.protocol : undefined }, opts?.language));
      }
      return result;
    },
    listCertificates(opts) {
      return request<NativeListResult>(win, 'list-certificates', {}, opts);
    },
    sign(args, opts) {
      const { certificate, digest, algorithm, scheme, documentName } = args;
      return request<NativeSignResult>(win, 'sign', { certificate, digest, algorithm, ...(scheme ? { scheme } : {}), documentName }, { ...opts, timeoutMs: opts?.timeoutMs ?? DEFAULT_SIGN_TIMEOUT_MS });
    },
    takeHandover(opts) {
      return request<Handover | null>(win, 'take-handover', {}, opts);
    },
  };
}

/** The bridge over this page's window. */
export const imzala: ImzalaBridge = {
  status: (opts) => createImzalaBridge(window).status(opts),
  listCertificates: (opts) => createImzalaBridge(window).listCertificates(opts),
  sign: (args, opts) => createImzalaBridge(window).sign(args, opts),
  takeHandover: (opts) => createImzalaBridge(window).takeHandover(opts),
};

function request<T>(win: BridgeWindow, command: PageCommand, args: Record<string, unknown>, opts: BridgeOptions = {}): Promise<T> {
  const language = opts.language ?? 'en';
  const fail = (code: BridgeErrorCode, details?: Record<string, unknown>) => new ImzalaBridgeError(bridgeError(code, details, language));
  if (!isSecurePage(win)) return Promise.reject(fail('CONTEXT_INSECURE', { origin: win.location.origin }));
  const id = randomId();
  const type = `imzala:${command}`;
  const ackTimeoutMs = opts.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  return new Promise<T>((resolve, reject) => {
    let timer = setTimeout(() => finish(fail('EXTENSION_UNAVAILABLE')), ackTimeoutMs);
    const listener = (event: MessageEvent) => {
      // Only answers posted inside this window, from this origin, to this request.
      if (event.source !== (win as unknown) || event.origin !== win.location.origin) return;
      const reply: unknown = event.data;
      if (!isPageReply(reply) || reply.id !== id) return;
      if (reply.type === `${type}-ack`) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(fail('TIMEOUT', { command })), timeoutMs);
      } else if (reply.type === `${type}-success` && 'result' in reply) {
        finish(undefined, reply.result as T);
      } else if (reply.type === `${type}-failure` && 'error' in reply) {
        finish(new ImzalaBridgeError(reply.error));
      }
    };
    function finish(error: ImzalaBridgeError | undefined, result?: T): void {
      clearTimeout(timer);
      win.removeEventListener('message', listener);
      if (error) reject(error);
      else resolve(result as T);
    }
    win.addEventListener('message', listener);
    win.postMessage({ type, protocol: PROTOCOL_VERSION, id, args }, win.location.origin);
  });
}

/** https, or http on localhost / 127.0.0.1 for development. */
function isSecurePage(win: BridgeWindow): boolean {
  if (!win.isSecureContext) return false;
  const { protocol, hostname } = win.location;
  return protocol === 'https:' || (protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1'));
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
