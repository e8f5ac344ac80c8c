/** The HTML of `GET /yoxla/etibar`: the anchors in use, with validity and SHA-256 fingerprint, and how to check them. */
import type { Language } from '../../../core/report/message-types.js';
import type { Certificate } from '../../../core/pki/certificate.js';
import { pageText, type PageMessage } from '../../web/page-messages.js';
import { formatDateTime } from '../../web/report-view/describe-report.js';
import { escapeHtml, renderFrame } from './html.js';

/** AA:BB:… as openssl prints it, so people can compare character by character. */
export function colonFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

export function renderTrustPage(language: Language, anchors: readonly Certificate[], testTrust: boolean, processes: boolean): string {
  const t = (code: PageMessage) => escapeHtml(pageText(code, language));
  const items = anchors.map(
    (a) => `<li class="anchor">
  <dl>
    <dt>${t('TRUST_SUBJECT')}</dt><dd class="subject">${escapeHtml(a.subject.toString())}</dd>
    <dt>${t('TRUST_VALIDITY')}</dt><dd>${escapeHtml(formatDateTime(a.notBefore.toISOString(), language))} – ${escapeHtml(formatDateTime(a.notAfter.toISOString(), language))}</dd>
    <dt>${t('TRUST_FINGERPRINT')}</dt><dd class="mono fingerprint">${colonFingerprint(a.sha256)}</dd>
  </dl>
  <a class="button secondary" href="/api/v1/trust-anchors/${a.sha256}.pem" download>${t('TRUST_DOWNLOAD')}</a>
</li>`,
  );
  const main = `<h1>${t('TRUST_TITLE')}</h1>
<p class="lead">${t('TRUST_LEAD')}</p>
${items.length ? `<ul class="anchors">${items.join('\n')}</ul>` : `<p class="notice">${t('TRUST_NONE')}</p>`}
<p class="hint">${t('TRUST_HOW_TO_CHECK')}</p>`;
  return renderFrame({ language, path: '/yoxla/etibar', title: pageText('TRUST_TITLE', language), testTrust, processes, main });
}
