/**
 * Choosing the token's certificate, as the sign page and the attachment view both do: the list from the background
 * (`ui:list-certificates`), each summarised with core (name, FIN, validity), one usable certificate chosen for the
 * person, and a retry when listing failed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TokenCertificate } from '../../../core/protocol/native.js';
import { listTokenCertificates } from './background-client.js';
import { CertificateCard } from './certificate-card.js';
import { summariseTokenCertificate, type CertificateSummary } from '../../../core/protocol/certificate-summary.js';
import { t } from './i18n.js';

export type CertificateList =
  | { state: 'loading' }
  | { state: 'done'; entries: { entry: TokenCertificate; summary: CertificateSummary | null }[] }
  | { state: 'failed'; words: string };

/** The token's certificates and the chosen one; `words` turns a failure into the page's words. */
export function useTokenCertificates(words: (e: unknown) => string) {
  const [certificates, setCertificates] = useState<CertificateList>({ state: 'loading' });
  const [chosen, setChosen] = useState<string | null>(null);
  function reload() {
    setCertificates({ state: 'loading' });
    listTokenCertificates().then(
      (list) => {
        const now = new Date();
        const entries = list.certificates.map((entry) => ({ entry, summary: summariseTokenCertificate(entry, now) }));
        setCertificates({ state: 'done', entries });
        // One usable certificate is the usual case: choose it for the person.
        const usable = entries.filter((e) => e.summary?.validity === 'valid');
        if (usable.length === 1) setChosen(usable[0]!.entry.certificate);
      },
      (e: unknown) => setCertificates({ state: 'failed', words: words(e) }),
    );
  }
  useEffect(reload, []);
  const chosenEntry = certificates.state === 'done' ? (certificates.entries.find((e) => e.entry.certificate === chosen)?.entry ?? null) : null;
  return { certificates, chosen, setChosen, chosenEntry, reload };
}

export function CertificateChoices(props: { list: ReturnType<typeof useTokenCertificates>; busy: boolean }) {
  const { certificates, chosen, setChosen, reload } = props.list;
  return (
    <>
      {certificates.state === 'loading' && <p class="muted">{t('sign_state_listing')}</p>}
      {certificates.state === 'failed' && (
        <p class="error" id="certificates-error">
          {certificates.words}{' '}
          <button type="button" class="secondary" id="retry-certificates" onClick={reload}>
            {t('sign_retry')}
          </button>
        </p>
      )}
      {certificates.state === 'done' && certificates.entries.length === 0 && <p class="muted">{t('popup_no_certificates')}</p>}
      {certificates.state === 'done' &&
        certificates.entries.map(({ entry, summary }) => (
          <label class="choice" key={entry.certificate}>
            <input
              type="radio"
              name="certificate"
              class="certificate-choice"
              value={entry.certificate}
              checked={chosen === entry.certificate}
              disabled={props.busy || summary?.validity !== 'valid'}
              onChange={() => setChosen(entry.certificate)}
            />
            {summary ? (
              <CertificateCard summary={summary} />
            ) : (
              <span class="error">
                {entry.label}: {t('cert_unreadable')}
              </span>
            )}
          </label>
        ))}
    </>
  );
}
