/**
 * The initiator's page (`/p/{id}/{token}`, linked from the copy they receive at the start): where the process stands,
 * each party with its status, the history, and cancelling it while it is in progress.
 */
import { useEffect, useState } from 'preact/hooks';
import { PROCESS_STATUS_LABELS, SIGNER_STATUS_LABELS } from '../../../core/process/codes.js';
import type { Language } from '../../../core/report/message-types.js';
import type { InitiatorView } from '../../server/services/process-service.js';
import { callApi } from '../api-client.js';
import { formatDateTime, formatSize } from '../report-view/describe-report.js';
import { processText, type ProcessPageMessage } from './process-messages.js';

export interface ProcessPageConfig {
  language: Language;
  processId: string;
  token: string;
}

export function ProcessApp(props: { config: ProcessPageConfig }) {
  const { language, processId, token } = props.config;
  const t = (code: ProcessPageMessage, details?: Record<string, unknown>) => processText(code, language, details);
  const api = `/api/v1/processes/${encodeURIComponent(processId)}`;
  const [view, setView] = useState<InitiatorView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [cancelled, setCancelled] = useState(false);

  useEffect(() => {
    callApi<InitiatorView>(`${api}?lang=${language}&token=${encodeURIComponent(token)}`).then(setView, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  async function cancel(): Promise<void> {
    try {
      setView(await callApi<InitiatorView>(`${api}/cancel?lang=${language}`, { method: 'POST', body: JSON.stringify({ token, reason }) }));
      setCancelled(true);
      setCancelling(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  if (!view) return error ? <p class="notice error" role="alert" id="page-error">{error}</p> : <p class="hint">{t('LOADING')}</p>;
  const p = view.process;
  const nameOf = (index: number | undefined) => (index === undefined ? '' : (p.signers[index]?.name ?? ''));
  return (
    <div class="process">
      <h2 id="process-name">{p.name}</h2>
      <p id="process-status">
        {t('STATUS', { status: PROCESS_STATUS_LABELS[p.status][language] })} · {t('CREATED', { time: formatDateTime(p.createdAt, language) })} ·{' '}
        {t('DEADLINE', { deadline: formatDateTime(p.deadline, language) })}
      </p>
      {cancelled && (
        <p class="notice" role="status" id="cancelled">
          {t('CANCELLED')}
        </p>
      )}
      {error && (
        <p class="notice error" role="alert" id="page-error">
          {error}
        </p>
      )}
      <h3>{t('PARTIES')}</h3>
      <ol class="parties">
        {p.signers.map((s) => (
          <li data-status={s.status}>
            {s.name} &lt;{s.email}&gt; — <strong>{SIGNER_STATUS_LABELS[s.status][language]}</strong>
            {s.signedAt ? ` · ${formatDateTime(s.signedAt, language)}` : ''}
          </li>
        ))}
      </ol>
      <h3>{t('DOCUMENTS')}</h3>
      <ul>
        {p.documents.map((d) => (
          <li>
            {d.name} · {formatSize(d.size, language)}
          </li>
        ))}
      </ul>
      {p.cc.length > 0 && (
        <p>
          {t('CC')}: {p.cc.join(', ')}
        </p>
      )}
      <h3>{t('HISTORY')}</h3>
      <ol class="history">
        {p.history.map((h) => (
          <li>
            {formatDateTime(h.at, language)} — {t(`EVENT_${h.event}`, { who: nameOf(h.signerIndex), detail: h.detail ?? '' })}
          </li>
        ))}
      </ol>
      {p.status === 'in_progress' &&
        (cancelling ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void cancel();
            }}
          >
            <div class="field">
              <label for="cancel-reason">{t('CANCEL_REASON')}</label>
              <textarea id="cancel-reason" rows={3} maxLength={1000} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
            </div>
            <button type="submit" id="cancel-confirm">
              {t('CANCEL_CONFIRM')}
            </button>
          </form>
        ) : (
          <button type="button" class="secondary" id="cancel" onClick={() => setCancelling(true)}>
            {t('CANCEL')}
          </button>
        ))}
    </div>
  );
}
