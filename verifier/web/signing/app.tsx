/**
 * The signing page a party reaches from the e-mail (`/s/{token}`): the process, the parties in order with their
 * status, each document (PDFs drawn with pdf.js, every file downloadable), and, when it is this party's turn, signing
 * with ASAN İmza (the verification code, a countdown, "try again" after a failure) or declining with a reason.
 * Everything goes through the signer API (`/api/v1/signing/{token}/...`); refusals arrive already in words.
 */
import { useEffect, useState } from 'preact/hooks';
import { PROCESS_STATUS_LABELS, SIGNER_STATUS_LABELS } from '../../../core/process/codes.js';
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language } from '../../../core/report/message-types.js';
import { PROVIDER_MESSAGES } from '../../providers/codes.js';
import type { MobileProgress, SignerView } from '../../server/services/signing-service.js';
import { callApi } from '../api-client.js';
import { formatDateTime, formatSize } from '../report-view/describe-report.js';
import { PageCanvas, usePdfDocument } from '../yoxla/preview.js';
import { signingText, type SigningPageMessage } from './signing-messages.js';

export interface SigningPageConfig {
  language: Language;
  token: string;
}

function DocumentPreview(props: { url: string; language: Language }) {
  const doc = usePdfDocument([props.url], async () => new Uint8Array(await (await fetch(props.url)).arrayBuffer()));
  if (doc === null) return <p class="hint">{signingText('LOADING', props.language)}</p>;
  if (doc === 'failed') return null;
  return (
    <div class="pages">
      {Array.from({ length: Math.min(doc.numPages, 10) }, (_, i) => (
        <PageCanvas key={i} doc={doc} pageNumber={i + 1} pages={doc.numPages} language={props.language} fieldName={null} />
      ))}
    </div>
  );
}

export function SigningApp(props: { config: SigningPageConfig }) {
  const { language, token } = props.config;
  const t = (code: SigningPageMessage, details?: Record<string, unknown>) => signingText(code, language, details);
  const api = `/api/v1/signing/${encodeURIComponent(token)}`;
  const [view, setView] = useState<SignerView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [userId, setUserId] = useState('');
  const [run, setRun] = useState<MobileProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<SigningPageMessage | null>(null);
  const [clock, setClock] = useState(Date.now());

  const load = () =>
    callApi<SignerView>(`${api}?lang=${language}`).then(setView, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => void load(), []);

  // While the phone is asked: poll the run every 2 s and tick the countdown.
  useEffect(() => {
    if (run?.status !== 'pending') return;
    const timer = setInterval(() => {
      setClock(Date.now());
      void callApi<MobileProgress>(`${api}/mobile/${run.id}?lang=${language}`).then(
        (next) => {
          if (next.status !== 'signed') return setRun(next);
          // The page shows the outcome together with the parties' new status, not before it.
          void load().then(() => {
            setRun(next);
            setDone(next.process?.status === 'completed' ? 'COMPLETED' : 'SIGNED_DONE');
          });
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [run?.id, run?.status, run?.verificationCode]);

  async function startMobile(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setRun(await callApi<MobileProgress>(`${api}/mobile?lang=${language}`, { method: 'POST', body: JSON.stringify({ phone, userId }) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function decline(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await callApi(`${api}/decline?lang=${language}`, { method: 'POST', body: JSON.stringify({ reason }) });
      await load();
      setDone('DECLINED_DONE');
      setDeclining(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (!view) return error ? <p class="notice error" role="alert" id="page-error">{error}</p> : <p class="hint">{t('LOADING')}</p>;
  const { process } = view;
  const me = process.signers[view.you]!;
  const initiator = process.initiator.name ? `${process.initiator.name} (${process.initiator.email})` : process.initiator.email;
  const seconds = run?.expiresAt ? Math.max(0, Math.round((Date.parse(run.expiresAt) - clock) / 1000)) : null;

  let state: string | null = null;
  if (done) state = t(done);
  else if (me.status === 'signed') state = t('YOU_SIGNED');
  else if (me.status === 'declined') state = t('YOU_DECLINED');
  else if (process.status !== 'in_progress') state = t('PROCESS_OVER', { status: PROCESS_STATUS_LABELS[process.status][language] });
  else if (!view.yourTurn) state = t('NOT_YOUR_TURN');

  return (
    <div class="signing">
      <h2 id="process-name">{process.name}</h2>
      <p>{t('FROM', { who: initiator })}</p>
      <p>
        {t('DEADLINE', { deadline: formatDateTime(process.deadline, language) })} ·{' '}
        {t('STATUS', { status: PROCESS_STATUS_LABELS[process.status][language] })}
      </p>
      {state && (
        <div class={`verdict ${me.status === 'signed' || done === 'SIGNED_DONE' || done === 'COMPLETED' ? 'tone-valid' : 'tone-unsigned'}`} role="status" id="signing-state">
          <span class="verdict-symbol" aria-hidden="true">{me.status === 'signed' || done === 'SIGNED_DONE' || done === 'COMPLETED' ? '✓' : 'i'}</span>
          <p>{state}</p>
        </div>
      )}
      {error && (
        <p class="notice error" role="alert" id="page-error">
          {error}
        </p>
      )}

      <h3>{t('PARTIES')}</h3>
      <ol class="parties">
        {process.signers.map((s) => (
          <li data-status={s.status} class={s.index === view.you ? 'you' : ''}>
            {s.name}
            {s.index === view.you ? ` (${t('YOU')})` : ''} — <strong>{SIGNER_STATUS_LABELS[s.status][language]}</strong>
          </li>
        ))}
      </ol>

      <h3>{t('DOCUMENTS')}</h3>
      <ul class="documents">
        {process.documents.map((d) => (
          <li class="document" data-name={d.name}>
            <span class="file-name">{d.name}</span>
            <span class="file-meta">{formatSize(d.size, language)}</span>
            {d.kind === 'pdf' && (
              <button type="button" class="secondary" onClick={() => setOpen(open === d.id ? null : d.id)}>
                {open === d.id ? t('HIDE') : t('SHOW')}
              </button>
            )}
            <a class="button secondary" href={`${api}/documents/${d.id}?download=1`} download>
              {t('DOWNLOAD')}
            </a>
            {open === d.id && <DocumentPreview url={`${api}/documents/${d.id}`} language={language} />}
          </li>
        ))}
      </ul>

      {view.yourTurn && !done && (
        <section class="sign-actions">
          {view.mobile && (
            <div class="mobile">
              <h3>{t('SIGN_WITH_ASAN')}</h3>
              {view.mobile.simulated && <p class="notice warning">{t('SIMULATOR')}</p>}
              {run?.status === 'pending' ? (
                <div class="code" aria-live="polite">
                  <p class="label">{t('CODE')}</p>
                  <p class="verification-code" id="verification-code">
                    {run.verificationCode}
                  </p>
                  <p>{t('CODE_HINT', { n: run.done + 1, total: run.documents, name: run.documentName ?? '' })}</p>
                  {seconds !== null && <p class="hint">{t('SECONDS_LEFT', { seconds })}</p>}
                </div>
              ) : (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void startMobile();
                  }}
                >
                  {run?.status === 'failed' && (
                    <p class="notice error" role="alert" id="mobile-failure">
                      {run.failure && run.failure in PROVIDER_MESSAGES
                        ? localizeFrom(PROVIDER_MESSAGES, run.failure, language)
                        : t('SIGN_FAILED', { code: run.failure ?? '' })}
                    </p>
                  )}
                  <div class="field">
                    <label for="phone">{t('PHONE')}</label>
                    <input id="phone" type="tel" autocomplete="tel" placeholder="+994 50 123 45 67" value={phone} onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)} />
                  </div>
                  <div class="field">
                    <label for="user-id">{t('USER_ID')}</label>
                    <input id="user-id" inputMode="numeric" maxLength={6} value={userId} onInput={(e) => setUserId((e.currentTarget as HTMLInputElement).value)} />
                  </div>
                  <button type="submit" id="mobile-start" disabled={busy}>
                    {run?.status === 'failed' ? t('RETRY') : t('START')}
                  </button>
                </form>
              )}
            </div>
          )}
          <div class="decline">
            {declining ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void decline();
                }}
              >
                <div class="field">
                  <label for="reason">{t('DECLINE_REASON')}</label>
                  <textarea id="reason" rows={3} maxLength={1000} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
                </div>
                <button type="submit" id="decline-confirm" class="secondary" disabled={busy}>
                  {t('DECLINE_CONFIRM')}
                </button>
              </form>
            ) : (
              <button type="button" id="decline" class="secondary" onClick={() => setDeclining(true)}>
                {t('DECLINE')}
              </button>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
