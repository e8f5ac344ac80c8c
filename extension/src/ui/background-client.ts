/**
 * The extension pages talk to the background only through the `ui:*` runtime messages. Every answer is checked
 * before use: a failure comes back as `{ error: BridgeError }` and is thrown as a BridgeFailure; anything malformed
 * becomes INTERNAL_ERROR rather than being trusted.
 */
import { browser } from 'wxt/browser';
import { bridgeError, isBridgeError, isRecord, type BridgeError } from '../../../core/protocol/codes.js';
import type { NativeListResult, NativeSignResult, SignRequestArgs } from '../../../core/protocol/native.js';
import type { Handover, PageStatusResult } from '../../../core/protocol/page.js';

/** A refusal from the background or the native host, with its stable code. */
export class BridgeFailure extends Error {
  constructor(readonly error: BridgeError) {
    super(error.message);
    this.name = 'BridgeFailure';
  }
}

async function ask(message: Record<string, unknown>): Promise<unknown> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch (e) {
    throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: e instanceof Error ? e.message : String(e) }));
  }
  if (isRecord(reply) && 'error' in reply) {
    throw new BridgeFailure(isBridgeError(reply.error) ? reply.error : bridgeError('INTERNAL_ERROR', { reason: 'malformed error' }));
  }
  if (!isRecord(reply)) throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: 'no answer from the background' }));
  return reply;
}

/** Extension, native host and token state (`ui:status`). */
export async function fetchStatus(): Promise<PageStatusResult> {
  const reply = (await ask({ type: 'ui:status' })) as Partial<PageStatusResult>;
  if (typeof reply.extension !== 'string' || !Array.isArray(reply.tools) || (reply.nativeHost !== null && !isRecord(reply.nativeHost))) {
    throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: 'malformed status' }));
  }
  if (reply.nativeError !== undefined && !isBridgeError(reply.nativeError)) {
    throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: 'malformed status error' }));
  }
  return reply as PageStatusResult;
}

/** The signing certificates on the token (`ui:list-certificates`). */
export async function listTokenCertificates(): Promise<NativeListResult> {
  const reply = (await ask({ type: 'ui:list-certificates' })) as Partial<NativeListResult>;
  if (!Array.isArray(reply.certificates)) throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: 'malformed certificate list' }));
  return reply as NativeListResult;
}

/** One signature value from the token (`ui:sign`); the host asks the PIN in its own window. */
export async function signOnToken(args: SignRequestArgs): Promise<NativeSignResult> {
  const reply = (await ask({ type: 'ui:sign', args })) as Partial<NativeSignResult>;
  if (typeof reply.signature !== 'string' || typeof reply.scheme !== 'string') {
    throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: 'malformed signature' }));
  }
  return reply as NativeSignResult;
}

/**
 * "Send for further signatures": leaves the documents and people for the service's wizard (`ui:handover`, kept for
 * that origin only) and opens the wizard, which takes them through the page bridge.
 */
export async function handOverToWizard(serviceUrl: string, handover: Handover): Promise<void> {
  const origin = new URL(serviceUrl).origin;
  await ask({ type: 'ui:handover', origin, handover });
  await browser.tabs.create({ url: `${origin}/yeni#imzala-handover` });
}
