/**
 * The options page: imzala service addresses, default signing tool (only the allowed ones), language, PKCS#11
 * library path. Keys the organisation manages are shown read-only with the mark. Saving goes through
 * saveUserSettings, which refuses managed keys again. The sites the user allowed can be forgotten one by one or
 * all at once (consent-store).
 */
import { useEffect, useState } from 'preact/hooks';
import { consentedOrigins, forgetConsent } from '../../lib/consent-store.js';
import { saveUserSettings, type EffectiveSettings, type Lang, type Settings, type Tool } from '../../lib/settings.js';
import { ManagedMark } from '../../ui/certificate-card.js';
import { errorText } from '../../ui/error-words.js';
import { t } from '../../ui/i18n.js';
import { parseServiceOrigin } from './service-origin.js';

const LANGS: readonly Lang[] = ['az', 'en', 'ru'];

type Notice = { kind: 'ok' | 'error'; words: string } | null;

export function OptionsPage({ initial }: { initial: EffectiveSettings }) {
  const { settings, managed } = initial;
  const isManaged = (key: keyof Settings) => managed.includes(key);
  const [serviceUrls, setServiceUrls] = useState<string[]>(settings.serviceUrls);
  const [newUrl, setNewUrl] = useState('');
  const [urlProblem, setUrlProblem] = useState<string | null>(null);
  const [defaultTool, setDefaultTool] = useState<Tool>(settings.defaultTool);
  const [language, setLanguage] = useState<Lang>(settings.language);
  const [pkcs11Library, setPkcs11Library] = useState(settings.pkcs11Library ?? '');
  const [notice, setNotice] = useState<Notice>(null);
  const [consented, setConsented] = useState<string[] | null>(null);
  const [forgotten, setForgotten] = useState(false);

  useEffect(() => {
    void consentedOrigins().then(setConsented);
  }, []);

  function addUrl(event: Event) {
    event.preventDefault();
    const parsed = parseServiceOrigin(newUrl, serviceUrls);
    if (!parsed.ok) {
      setUrlProblem(t(parsed.reason === 'duplicate' ? 'options_url_duplicate' : 'options_url_invalid'));
      return;
    }
    setServiceUrls([...serviceUrls, parsed.origin]);
    setNewUrl('');
    setUrlProblem(null);
  }

  async function save() {
    const patch: Partial<Settings> = {};
    if (!isManaged('serviceUrls')) patch.serviceUrls = serviceUrls;
    if (!isManaged('defaultTool')) patch.defaultTool = defaultTool;
    if (!isManaged('language')) patch.language = language;
    if (!isManaged('pkcs11Library')) patch.pkcs11Library = pkcs11Library.trim();
    try {
      await saveUserSettings(patch);
      setNotice({ kind: 'ok', words: t('options_saved') });
      // The page speaks the chosen language only after loading its words again.
      if (language !== settings.language) location.reload();
    } catch (e) {
      setNotice({ kind: 'error', words: t('options_save_failed', errorText(e)) });
    }
  }

  async function forgetSites(origin?: string) {
    await forgetConsent(origin);
    setConsented(await consentedOrigins());
    setForgotten(true);
  }

  const urlsManaged = isManaged('serviceUrls');
  return (
    <main>
      <h1>{t('options_title')}</h1>

      <section class="field" id="service-urls">
        <label>
          {t('options_service_urls')}
          {urlsManaged && <ManagedMark />}
        </label>
        <p class="muted">{t('options_service_urls_help')}</p>
        <ul class="service-list">
          {serviceUrls.map((url) => (
            <li key={url}>
              <code class="service-url">{url}</code>
              {!urlsManaged && (
                <button type="button" class="secondary remove-url" onClick={() => setServiceUrls(serviceUrls.filter((u) => u !== url))}>
                  {t('options_remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {!urlsManaged && (
          <form class="add-row" onSubmit={addUrl}>
            <input
              type="text"
              id="new-url"
              value={newUrl}
              placeholder={t('options_service_url_placeholder')}
              onInput={(e) => setNewUrl((e.target as HTMLInputElement).value)}
            />
            <button type="submit" id="add-url" class="secondary">
              {t('options_add')}
            </button>
          </form>
        )}
        {urlProblem !== null && (
          <p class="error" id="url-problem">
            {urlProblem}
          </p>
        )}
      </section>

      <section class="field">
        <label for="default-tool">
          {t('options_default_tool')}
          {isManaged('defaultTool') && <ManagedMark />}
        </label>
        <select id="default-tool" value={defaultTool} disabled={isManaged('defaultTool')} onChange={(e) => setDefaultTool((e.target as HTMLSelectElement).value as Tool)}>
          {settings.allowedTools.map((tool) => (
            <option key={tool} value={tool}>
              {t(`tool_${tool}`)}
            </option>
          ))}
        </select>
        {isManaged('allowedTools') && <ManagedMark />}
      </section>

      <section class="field">
        <label for="language">
          {t('options_language')}
          {isManaged('language') && <ManagedMark />}
        </label>
        <select id="language" value={language} disabled={isManaged('language')} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value as Lang)}>
          {LANGS.map((lang) => (
            <option key={lang} value={lang}>
              {t(`lang_${lang}`)}
            </option>
          ))}
        </select>
      </section>

      <section class="field">
        <label for="pkcs11">
          {t('options_pkcs11')}
          {isManaged('pkcs11Library') && <ManagedMark />}
        </label>
        <input type="text" id="pkcs11" value={pkcs11Library} disabled={isManaged('pkcs11Library')} onInput={(e) => setPkcs11Library((e.target as HTMLInputElement).value)} />
        <p class="muted">{t('options_pkcs11_help')}</p>
      </section>

      <div class="actions">
        <button type="button" id="save" onClick={() => void save()}>
          {t('options_save')}
        </button>
        {notice !== null && (
          <span id="notice" class={notice.kind === 'ok' ? 'ok' : 'error'}>
            {notice.words}
          </span>
        )}
      </div>

      <section class="field" id="consent">
        <h2>{t('options_consent_heading')}</h2>
        {consented !== null && consented.length === 0 && !forgotten && <p class="muted">{t('options_consent_none')}</p>}
        {consented !== null && consented.length > 0 && (
          <ul class="service-list">
            {consented.map((origin) => (
              <li key={origin}>
                <code class="consented-origin">{origin}</code>
                <button type="button" class="secondary forget-site" onClick={() => void forgetSites(origin)}>
                  {t('options_remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" class="secondary" id="forget-sites" disabled={consented === null || consented.length === 0} onClick={() => void forgetSites()}>
          {t('options_forget')}
        </button>
        {forgotten && (
          <p class="ok" id="forgotten">
            {t('options_forgotten')}
          </p>
        )}
      </section>
    </main>
  );
}
