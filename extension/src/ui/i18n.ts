/**
 * The extension pages' words. Chrome picks a locale folder by the browser's UI language, but the user (or the
 * organisation) chooses the language in the settings: so the chosen `_locales/<lang>/messages.json` is fetched once
 * from the extension itself, and browser.i18n is only the fallback. Messages use Chrome's `$1`…`$9` substitutions.
 */
import { browser } from 'wxt/browser';
import { substitute } from './message-format.js';

export type UiLanguage = 'az' | 'en' | 'ru';

interface ChromeMessage {
  message: string;
  description?: string;
}

let messages: Readonly<Record<string, ChromeMessage>> = {};
let language: UiLanguage = 'az';

/** Loads the words of `lang`; a missing or broken file leaves browser.i18n to answer. Call before the first render. */
export async function initI18n(lang: UiLanguage): Promise<void> {
  language = lang;
  document.documentElement.lang = lang;
  try {
    const url = browser.runtime.getURL(`/_locales/${lang}/messages.json` as '/');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    messages = (await response.json()) as Record<string, ChromeMessage>;
  } catch {
    messages = {};
  }
}

/** The language the pages speak now. */
export function uiLanguageNow(): UiLanguage {
  return language;
}

/** The message `key` in the chosen language; the key itself when no locale has it (a bug the key test catches). */
export function t(key: string, ...substitutions: (string | number)[]): string {
  const own = messages[key]?.message;
  if (own !== undefined) return substitute(own, substitutions);
  let fallback = '';
  try {
    // WXT types getMessage with the generated key union; keys here are checked by i18n.test.ts instead.
    fallback = (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(key, substitutions.map(String));
  } catch {
    // No i18n in this context: show the key rather than nothing.
  }
  return fallback || key;
}
