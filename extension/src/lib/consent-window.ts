/**
 * Asks the user, in the extension's own window (consent.html), whether a service origin may ask for signatures.
 * The answer comes back as `ui:consent-answer` from that window; closing it cancels, silence times out.
 */
import { browser } from 'wxt/browser';
import type { BridgeErrorCode } from '../../../core/protocol/codes.js';

/** How long the consent window waits for a person. */
export const CONSENT_TIMEOUT_MS = 2 * 60_000;
/**
 * An MV3 service worker stops after 30 s without events or API calls, which would lose a waiting consent; calling an
 * extension API now and then keeps it alive while a person decides (Chrome's documented keep-alive).
 */
const KEEP_ALIVE_MS = 20_000;

export type ConsentOutcome = 'allowed' | Extract<BridgeErrorCode, 'CONSENT_DENIED' | 'USER_CANCELLED' | 'USER_TIMEOUT'>;

interface Pending {
  settle(outcome: ConsentOutcome): void;
}

const pending = new Map<string, Pending>();

/** Opens the consent window for `origin` and resolves with the user's answer (never rejects). */
export async function askConsent(origin: string, documentName: string): Promise<ConsentOutcome> {
  const requestId = crypto.randomUUID();
  const url = browser.runtime.getURL(`/consent.html?${new URLSearchParams({ request: requestId, origin, document: documentName })}`);
  let windowId: number | undefined;
  let onRemoved: ((id: number) => void) | undefined;
  const outcome = new Promise<ConsentOutcome>((resolve) => {
    const timer = setTimeout(() => settle('USER_TIMEOUT'), CONSENT_TIMEOUT_MS);
    const keepAlive = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEP_ALIVE_MS);
    function settle(result: ConsentOutcome): void {
      if (!pending.delete(requestId)) return;
      clearTimeout(timer);
      clearInterval(keepAlive);
      if (onRemoved) browser.windows.onRemoved.removeListener(onRemoved);
      if (windowId !== undefined) browser.windows.remove(windowId).catch(() => undefined);
      resolve(result);
    }
    pending.set(requestId, { settle });
    onRemoved = (id: number) => {
      if (id === windowId) settle('USER_CANCELLED');
    };
    browser.windows.onRemoved.addListener(onRemoved);
  });
  try {
    const created = await browser.windows.create({ url, type: 'popup', width: 480, height: 420, focused: true });
    windowId = created?.id;
  } catch {
    pending.get(requestId)?.settle('USER_CANCELLED');
  }
  return outcome;
}

/** Applies the consent window's answer; false when no such request is waiting (expired, or already answered). */
export function answerConsent(requestId: string, allow: boolean): boolean {
  const waiting = pending.get(requestId);
  if (!waiting) return false;
  waiting.settle(allow ? 'allowed' : 'CONSENT_DENIED');
  return true;
}
