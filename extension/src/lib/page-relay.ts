/**
 * The content script's relay between a configured imzala service page and the background. On a page whose origin is
 * not configured (or not a secure context) it answers nothing at all, not even a refusal, and stops listening as soon
 * as the background has said so.
 */
import { browser } from 'wxt/browser';
import { bridgeError } from '../../../core/protocol/codes.js';
import { isPageRequest, type PageRequest } from '../../../core/protocol/page.js';
import type { PageHelloAnswer, RelayAnswer } from './runtime-messages.js';

/** Requests a page may post before the background has answered whether its origin is configured. */
const MAX_EARLY_REQUESTS = 8;

/**
 * Listens for the page's requests at once (a page may post before the background answers), holds them until the
 * background says whether this origin is a configured service origin, then relays them — or drops them silently and
 * removes the listener. Resolves with whether the relay stays installed.
 */
export function installPageRelay(signal: AbortSignal): Promise<boolean> {
  if (!isSecureContextPage()) return Promise.resolve(false);
  const origin = location.origin;
  const listening = new AbortController();
  signal.addEventListener('abort', () => listening.abort(), { once: true });
  let allowed: boolean | undefined;
  const early: PageRequest[] = [];

  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      // Only the page itself, from its own origin (not a frame, not another window), and only our requests.
      if (event.source !== window || event.origin !== origin || !isPageRequest(event.data)) return;
      if (allowed === undefined) {
        if (early.length < MAX_EARLY_REQUESTS) early.push(event.data);
        return;
      }
      relay(event.data, origin, signal);
    },
    { signal: listening.signal },
  );

  return browser.runtime
    .sendMessage({ type: 'page:hello' })
    .then((answer) => (answer as PageHelloAnswer | undefined)?.serviceOrigin === true)
    .catch(() => false)
    .then((ok) => {
      allowed = ok && !signal.aborted;
      const waiting = early.splice(0);
      if (!allowed) {
        listening.abort();
        return false;
      }
      for (const request of waiting) relay(request, origin, signal);
      return true;
    });
}

/** Acks at once, asks the background, and posts its answer back to the page's own origin only. */
function relay(request: PageRequest, origin: string, signal: AbortSignal): void {
  window.postMessage({ type: `${request.type}-ack`, id: request.id }, origin);
  browser.runtime
    .sendMessage({ type: 'page:request', request })
    .then((reply) => reply as RelayAnswer | undefined)
    .catch(() => undefined)
    .then((reply) => {
      if (signal.aborted) return;
      const message =
        reply?.ok === true
          ? { type: `${request.type}-success`, id: request.id, result: reply.result }
          : { type: `${request.type}-failure`, id: request.id, error: reply?.ok === false ? reply.error : bridgeError('EXTENSION_UNAVAILABLE') };
      window.postMessage(message, origin);
    });
}

/** https, or http on localhost / 127.0.0.1 (what the browser itself calls a secure context). */
function isSecureContextPage(): boolean {
  if (!window.isSecureContext) return false;
  if (location.protocol === 'https:') return true;
  return location.protocol === 'http:' && (location.hostname === 'localhost' || location.hostname === '127.0.0.1');
}
