import { browser } from 'wxt/browser';
import '../webmail/core/webmail.css';
import { loadSettings } from '../lib/settings.js';
import { adapterFor } from '../webmail/core/adapters.js';
import { noAdapterAnswer, startWebmailRuntime } from '../webmail/core/runtime.js';
import { localeWords } from '../webmail/core/locale-words.js';

/** The language chosen in the settings (Azerbaijani when storage cannot be read). */
async function chosenLanguage(): Promise<'az' | 'en' | 'ru'> {
  try {
    return (await loadSettings()).settings.language;
  } catch {
    return 'az';
  }
}

// Webmail pages only (the TEST build adds http://localhost/* in wxt.config.ts). The page is ready at document_idle; the
// observer catches everything rendered later (Gmail and Outlook render messages long after load).
export default defineContentScript({
  matches: ['https://mail.google.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  runAt: 'document_idle',
  allFrames: false,
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const adapter = adapterFor(new URL(location.href));
    if (!adapter) {
      browser.runtime.onMessage.addListener((message: unknown) =>
        typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'webmail:features' ? Promise.resolve(noAdapterAnswer()) : undefined,
      );
      return;
    }
    const language = await chosenLanguage();
    const words = localeWords(language);
    const runtime = startWebmailRuntime({
      adapter,
      document,
      words,
      language,
      send: (message) => browser.runtime.sendMessage(message),
    });
    // Read by test/bench/webmail.ts through CDP in this (isolated) world.
    (globalThis as { __imzalaWebmailStats?: unknown }).__imzalaWebmailStats = runtime.stats;
    browser.runtime.onMessage.addListener((message: unknown) => runtime.handleMessage(message));
    ctx.onInvalidated(() => runtime.stop());
  },
});
