/**
 * The origins a person allowed to ask for signatures (storage.local `consentedOrigins`, never managed).
 * The options page lists and forgets them.
 */
import { browser } from 'wxt/browser';

const KEY = 'consentedOrigins';
const MAX_ORIGINS = 200;

/** The origins the user allowed, oldest first. */
export async function consentedOrigins(): Promise<string[]> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return Array.isArray(stored) ? stored.filter((o): o is string => typeof o === 'string') : [];
}

export async function hasConsent(origin: string): Promise<boolean> {
  return (await consentedOrigins()).includes(origin);
}

/** Remembers that the user allowed `origin`. */
export async function rememberConsent(origin: string): Promise<void> {
  const origins = (await consentedOrigins()).filter((o) => o !== origin);
  origins.push(origin);
  await browser.storage.local.set({ [KEY]: origins.slice(-MAX_ORIGINS) });
}

/** Forgets one origin, or every origin when none is given: the next signature for it asks again. */
export async function forgetConsent(origin?: string): Promise<void> {
  if (origin === undefined) {
    await browser.storage.local.remove(KEY);
    return;
  }
  await browser.storage.local.set({ [KEY]: (await consentedOrigins()).filter((o) => o !== origin) });
}
