/**
 * The background's side of the bridge. Page requests arrive from the content script; their origin is taken from the
 * browser's sender information (never from the message) and checked again against the configured service origins.
 * A first signature for an origin needs the user's consent in the extension's own window. Only one signing at a time.
 */
import { browser, type Browser } from 'wxt/browser';
import { bridgeError, isRecord, type BridgeError, type BridgeErrorCode } from '../../../core/protocol/codes.js';
import { signArgsProblem, type NativeListResult, type NativeSignResult, type SignRequestArgs } from '../../../core/protocol/native.js';
import { handoverProblem, isPageRequest, pageCommandOf, type Handover, type PageStatusResult } from '../../../core/protocol/page.js';
import { leaveHandover, takeHandover } from './handover-store.js';
import { PROTOCOL_VERSION } from '../../../core/protocol/version.js';
import { askConsent } from './consent-window.js';
import { answerConsent } from './consent-window.js';
import { hasConsent, rememberConsent } from './consent-store.js';
import { callNativeHost, NativeFailure } from './native-client.js';
import type { PageHelloAnswer, RelayAnswer } from './runtime-messages.js';
import { isSecureOrigin, isServiceOrigin, loadSettings, type Lang, type Settings } from './settings.js';

type Sender = Browser.runtime.MessageSender;

/** Thrown inside a handler; becomes a failure answer in the user's language. */
class Refusal extends Error {
  constructor(readonly error: BridgeError) {
    super(error.message);
  }
}

let signing = false;

/** Registers the background's message listener (call once from the background entrypoint). */
export function installBackgroundBridge(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    if (!isRecord(message) || typeof message.type !== 'string') return undefined;
    if (message.type === 'page:hello') return pageHello(sender);
    if (message.type === 'page:request') return pageRequest(message.request, sender);
    if (message.type.startsWith('ui:')) return uiMessage(message, sender);
    return undefined;
  });
}

/** The web origin of a content script's page, from the browser (Chrome: sender.origin; Firefox: sender.url). */
export function senderOrigin(sender: Sender): string | null {
  if (sender.id !== browser.runtime.id || !sender.tab) return null;
  // The manifest injects into top frames only; a message from a sub-frame is not one we asked for.
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  const origin = (sender as { origin?: string }).origin ?? (sender.url ? safeOrigin(sender.url) : null);
  return origin && origin !== 'null' ? origin : null;
}

function isExtensionPage(sender: Sender): boolean {
  const base = browser.runtime.getURL('/');
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base);
}

async function pageHello(sender: Sender): Promise<PageHelloAnswer> {
  const origin = senderOrigin(sender);
  if (!origin) return { serviceOrigin: false };
  const { settings } = await loadSettings();
  return { serviceOrigin: isServiceOrigin(origin, settings) };
}

async function pageRequest(request: unknown, sender: Sender): Promise<RelayAnswer> {
  const { settings } = await loadSettings();
  try {
    const origin = senderOrigin(sender);
    if (!origin || !isSecureOrigin(origin) || !isServiceOrigin(origin, settings)) throw refusal('ORIGIN_NOT_ALLOWED', { origin });
    if (!isPageRequest(request)) throw refusal('INVALID_REQUEST', { reason: 'not an imzala page request' });
    if (request.protocol !== PROTOCOL_VERSION) throw refusal('VERSION_MISMATCH', { page: request.protocol, extension: PROTOCOL_VERSION });
    const command = pageCommandOf(request.type);
    if (command === 'status') return { ok: true, result: await status(settings) };
    // Documents and people the extension's own pages left for this very origin (no token involved).
    if (command === 'take-handover') return { ok: true, result: takeHandover(origin) };
    requireTokenTool(settings);
    if (command === 'list-certificates') return { ok: true, result: await listCertificates(settings) };
    return { ok: true, result: await sign(request.args as SignRequestArgs, origin, settings, true) };
  } catch (e) {
    return { ok: false, error: asBridgeError(e, settings.language) };
  }
}

async function uiMessage(message: Record<string, unknown>, sender: Sender): Promise<unknown> {
  if (!isExtensionPage(sender)) return undefined;
  const { settings } = await loadSettings();
  try {
    switch (message.type) {
      case 'ui:status':
        return await status(settings);
      case 'ui:list-certificates':
        requireTokenTool(settings);
        return await listCertificates(settings);
      case 'ui:sign': {
        requireTokenTool(settings);
        const problem = signArgsProblem(message.args);
        if (problem) throw refusal('INVALID_REQUEST', { reason: problem });
        return await sign(message.args as SignRequestArgs, new URL(browser.runtime.getURL('/')).origin, settings, false);
      }
      case 'ui:handover': {
        // Only for a configured service origin: the handover is for that service's wizard, nobody else.
        const origin = typeof message.origin === 'string' ? message.origin : '';
        if (!isSecureOrigin(origin) || !isServiceOrigin(origin, settings)) throw refusal('ORIGIN_NOT_ALLOWED', { origin });
        const problem = handoverProblem(message.handover);
        if (problem) throw refusal('INVALID_REQUEST', { reason: problem });
        leaveHandover(origin, message.handover as Handover);
        return { ok: true };
      }
      case 'ui:consent-answer':
        if (typeof message.requestId !== 'string' || typeof message.allow !== 'boolean') throw refusal('INVALID_REQUEST', { reason: 'requestId and allow' });
        return { ok: answerConsent(message.requestId, message.allow) };
      default:
        throw refusal('UNKNOWN_COMMAND');
    }
  } catch (e) {
    return { error: asBridgeError(e, settings.language) };
  }
}

async function status(settings: Settings): Promise<PageStatusResult> {
  const base = { extension: browser.runtime.getManifest().version, protocol: PROTOCOL_VERSION, tools: settings.allowedTools };
  if (!settings.allowedTools.includes('token')) return { ...base, nativeHost: null };
  try {
    const nativeHost = await callNativeHost('status', libraryArgs(settings));
    return { ...base, nativeHost };
  } catch (e) {
    return { ...base, nativeHost: null, nativeError: asBridgeError(e, settings.language) };
  }
}

async function listCertificates(settings: Settings): Promise<NativeListResult> {
  return callNativeHost('list-certificates', libraryArgs(settings));
}

async function sign(args: SignRequestArgs, origin: string, settings: Settings, needsConsent: boolean): Promise<NativeSignResult> {
  if (signing) throw refusal('BUSY');
  signing = true;
  try {
    if (needsConsent && !(await hasConsent(origin))) {
      const outcome = await askConsent(origin, args.documentName);
      if (outcome !== 'allowed') throw refusal(outcome, { origin });
      await rememberConsent(origin);
    }
    // Only the known fields go on: whatever else a page put into args stays behind.
    return await callNativeHost('sign', {
      certificate: args.certificate,
      digest: args.digest,
      algorithm: args.algorithm,
      ...(args.scheme ? { scheme: args.scheme } : {}),
      documentName: args.documentName,
      origin,
      ...libraryArgs(settings),
    });
  } finally {
    signing = false;
  }
}

function requireTokenTool(settings: Settings): void {
  if (!settings.allowedTools.includes('token')) throw refusal('TOOL_NOT_ALLOWED', { tool: 'token' });
}

function libraryArgs(settings: Settings): { pkcs11Library?: string } {
  return settings.pkcs11Library ? { pkcs11Library: settings.pkcs11Library } : {};
}

function refusal(code: BridgeErrorCode, details?: Record<string, unknown>): Refusal {
  return new Refusal(bridgeError(code, details));
}

/** Any failure as a BridgeError with the message in the user's language; unexpected errors hide their text. */
function asBridgeError(e: unknown, language: Lang): BridgeError {
  const error = e instanceof Refusal || e instanceof NativeFailure ? e.error : bridgeError('INTERNAL_ERROR');
  return bridgeError(error.code, error.details, language);
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
