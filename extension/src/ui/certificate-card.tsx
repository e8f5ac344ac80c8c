/** One token certificate as a person recognises it: name, FIN, VÖEN, organisation, position, validity. */
import type { ComponentChildren } from 'preact';
import type { CertificateSummary } from '../../../core/protocol/certificate-summary.js';
import { t, uiLanguageNow } from './i18n.js';

function day(date: Date): string {
  return new Intl.DateTimeFormat(uiLanguageNow(), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(date);
}

export function CertificateCard({ summary, children }: { summary: CertificateSummary; children?: ComponentChildren }) {
  return (
    <div class={`certificate certificate-${summary.validity}`} data-validity={summary.validity}>
      <div class="certificate-name">{summary.name}</div>
      <dl class="certificate-fields">
        {summary.fin !== undefined && (
          <>
            <dt>{t('cert_fin')}</dt>
            <dd class="certificate-fin">{summary.fin}</dd>
          </>
        )}
        {summary.voen !== undefined && (
          <>
            <dt>{t('cert_voen')}</dt>
            <dd class="certificate-voen">{summary.voen}</dd>
          </>
        )}
        {summary.organization !== undefined && (
          <>
            <dt>{t('cert_organization')}</dt>
            <dd>{summary.organization}</dd>
          </>
        )}
        {summary.title !== undefined && (
          <>
            <dt>{t('cert_title')}</dt>
            <dd>{summary.title}</dd>
          </>
        )}
      </dl>
      <div class="certificate-validity">
        {t('cert_validity', day(summary.notBefore), day(summary.notAfter))}
        {summary.validity === 'expired' && <span class="badge badge-bad">{t('cert_expired')}</span>}
        {summary.validity === 'not-yet-valid' && <span class="badge badge-bad">{t('cert_not_yet_valid')}</span>}
      </div>
      <div class="certificate-token">{t('cert_token', summary.tokenLabel)}</div>
      {children}
    </div>
  );
}

/** The "managed by your organisation" mark next to a setting or on a page. */
export function ManagedMark() {
  return <span class="managed-mark">{t('managed_mark')}</span>;
}
