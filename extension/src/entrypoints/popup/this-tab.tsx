/**
 * The popup's "Bu səhifədə" (this tab) section: asks the current tab's webmail content script which features work
 * there (`webmail:features`) and lists them on/off with the reason. Shows nothing when the tab is no webmail (no
 * content script answers). `popup.html?tab=<id>` asks that tab instead of the active one: the e2e test opens the popup
 * as a page in its own tab, where "the active tab" would be the popup itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../ui/i18n.js';
import type { FeaturesAnswer } from '../../webmail/core/feature-registry.js';
import type { FeatureId } from '../../webmail/core/types.js';

const ADAPTER_NAMES = { gmail: 'Gmail', outlook: 'Outlook' } as const;
const FEATURE_WORDS: Record<FeatureId, string> = {
  'attachment-buttons': 'popup_feature_attachment_buttons',
  'attachment-badges': 'popup_feature_attachment_badges',
  'reply-with-file': 'popup_feature_reply_with_file',
  'compose-send-for-signing': 'popup_feature_compose_send_for_signing',
};

function isFeaturesAnswer(x: unknown): x is FeaturesAnswer {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as { adapter?: unknown; features?: unknown };
  return (a.adapter === 'gmail' || a.adapter === 'outlook' || a.adapter === null) && Array.isArray(a.features);
}

async function askTab(): Promise<FeaturesAnswer | null> {
  const asked = new URLSearchParams(location.search).get('tab');
  let tabId: number | undefined;
  if (asked !== null && /^\d+$/.test(asked)) tabId = Number(asked);
  else tabId = (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return null;
  try {
    const answer: unknown = await browser.tabs.sendMessage(tabId, { type: 'webmail:features' });
    return isFeaturesAnswer(answer) && answer.adapter !== null ? answer : null;
  } catch {
    return null; // no content script in that tab: not a webmail
  }
}

export function ThisTab() {
  const [answer, setAnswer] = useState<FeaturesAnswer | null>(null);
  useEffect(() => {
    askTab().then(setAnswer, () => setAnswer(null));
  }, []);
  if (answer === null || answer.adapter === null) return null;
  return (
    <section id="this-tab" data-adapter={answer.adapter}>
      <h2>{t('popup_this_tab_heading')}</h2>
      <p class="muted">{t('popup_this_tab_adapter', ADAPTER_NAMES[answer.adapter])}</p>
      <ul class="features">
        {answer.features.map((feature) => (
          <li key={feature.id} data-feature={feature.id} data-active={String(feature.active)} class={feature.active ? 'status-line ok' : 'status-line warn'} title={feature.reason}>
            {t(FEATURE_WORDS[feature.id] ?? feature.id)}: {feature.active ? t('popup_feature_on') : t('popup_feature_off')}
          </li>
        ))}
      </ul>
    </section>
  );
}
