/**
 * Messages between a web page (the imzala service's signing page) and the extension's content script, carried by
 * `window.postMessage` inside one window, namespaced like Web eID's: `imzala:<command>` from the page, answered by
 * `imzala:<command>-ack` at once, then `imzala:<command>-success` or `-failure`. The page never names its own origin:
 * the extension takes it from the browser.
 */
import { isBridgeError, isRecord, type BridgeError } from './codes.js';
import { signArgsProblem, type NativeListResult, type NativeStatusResult, type SignRequestArgs } from './native.js';
import type { SigningTool } from './version.js';

export type PageCommand = 'status' | 'list-certificates' | 'sign' | 'take-handover';
export const PAGE_COMMANDS: readonly PageCommand[] = ['status', 'list-certificates', 'sign', 'take-handover'];
export const PAGE_MESSAGE_PREFIX = 'imzala:';

export type PageRequest =
  | { type: 'imzala:status'; protocol: number; id: string; args: Record<string, never> }
  | { type: 'imzala:list-certificates'; protocol: number; id: string; args: Record<string, never> }
  | { type: 'imzala:sign'; protocol: number; id: string; args: SignRequestArgs }
  | { type: 'imzala:take-handover'; protocol: number; id: string; args: Record<string, never> };

export type PageReply =
  | { type: `imzala:${PageCommand}-ack`; id: string }
  | { type: `imzala:${PageCommand}-success`; id: string; result: unknown }
  | { type: `imzala:${PageCommand}-failure`; id: string; error: BridgeError };

export interface PageStatusResult {
  extension: string;
  protocol: number;
  nativeHost: NativeStatusResult | null;
  nativeError?: BridgeError;
  tools: SigningTool[];
}

export type PageListResult = NativeListResult;

/**
 * Documents and people the extension hands to a service page (the wizard), e.g. a signed e-mail attachment and the
 * thread's other participants, "to send for further signatures". The extension keeps at most one per service origin,
 * for a few minutes; `take-handover` gives it to a page of that origin once (null when there is none).
 */
export interface Handover {
  documents: { name: string; mimeType: string; data: string }[];
  signers: { name?: string; email: string }[];
  /** Where it came from, for the page to say so (e.g. 'gmail'). */
  source: string;
}

/** Handover limits: what a wizard accepts (core/process: 10 documents, 20 parties). */
export const MAX_HANDOVER_DOCUMENTS = 10;
export const MAX_HANDOVER_SIGNERS = 20;

/** Why `x` is not a well-formed handover, or null. */
export function handoverProblem(x: unknown): string | null {
  if (!isRecord(x)) return 'handover must be an object';
  const { documents, signers, source } = x;
  if (typeof source !== 'string' || source.length > 32) return 'source must be a short string';
  if (!Array.isArray(documents) || documents.length > MAX_HANDOVER_DOCUMENTS) return `at most ${MAX_HANDOVER_DOCUMENTS} documents`;
  for (const d of documents) {
    if (!isRecord(d) || typeof d.name !== 'string' || !d.name.trim() || d.name.length > 255 || typeof d.mimeType !== 'string' || typeof d.data !== 'string') return 'each document needs name, mimeType and base64 data';
  }
  if (!Array.isArray(signers) || signers.length > MAX_HANDOVER_SIGNERS) return `at most ${MAX_HANDOVER_SIGNERS} signers`;
  for (const s of signers) {
    if (!isRecord(s) || typeof s.email !== 'string' || s.email.length > 254 || (s.name !== undefined && (typeof s.name !== 'string' || s.name.length > 200))) return 'each signer needs an e-mail (and may have a name)';
  }
  return null;
}

/** The command a page request names, or null for anything that is not a page request. */
export function pageCommandOf(type: unknown): PageCommand | null {
  if (typeof type !== 'string' || !type.startsWith(PAGE_MESSAGE_PREFIX)) return null;
  const command = type.slice(PAGE_MESSAGE_PREFIX.length);
  return (PAGE_COMMANDS as readonly string[]).includes(command) ? (command as PageCommand) : null;
}

/** Shape check of a request posted by a page (the content script relays nothing else). */
export function isPageRequest(x: unknown): x is PageRequest {
  if (!isRecord(x)) return false;
  const command = pageCommandOf(x.type);
  if (!command || typeof x.protocol !== 'number' || typeof x.id !== 'string' || !x.id || x.id.length > 64 || !isRecord(x.args)) return false;
  return command !== 'sign' || signArgsProblem(x.args) === null;
}

/** Shape check of a reply the page library receives. */
export function isPageReply(x: unknown): x is PageReply {
  if (!isRecord(x) || typeof x.type !== 'string' || typeof x.id !== 'string') return false;
  const match = /^imzala:(status|list-certificates|sign|take-handover)-(ack|success|failure)$/.exec(x.type);
  if (!match) return false;
  if (match[2] === 'failure') return isBridgeError(x.error);
  if (match[2] === 'success') return 'result' in x;
  return true;
}
