/**
 * The signing page a party reaches from the e-mail (`/s/{token}`): the process, the parties in order with their
 * status, each document (PDFs drawn with pdf.js, every file downloadable), and, when it is this party's turn, signing
 * with one of three tools — the USB token through imzala's extension (token-signing.tsx), ASAN İmza (asan-signing.tsx) or
 * SİMA (sima-signing.tsx) — or declining with a reason.
 * Everything goes through the signer API (`/api/v1/signing/{token}/...`); refusals arrive already in words.
 */
import { useEffect, useState } from 'preact/hooks';
import { PROCESS_STATUS_LABELS, SIGNER_STATUS_LABELS } from '../../../core/process/codes.js';
import type { Language } from '../../../core/report/message-types.js';
import type { CompletedStep, SignerView } from '../../server/services/signing-service.js';
import { callApi } from '../api-client.js';
import { formatDateTime, formatSize } from '../report-view/describe-report.js';
import { PageCanvas, usePdfDocument } from '../yoxla/preview.js';
import { AsanSigning } from './asan-signing.js';
import { SimaSigning } from './sima-signing.js';
import { signingText, type SigningPageMessage } from './signing-messages.js';
import { TokenSigning } from './token-signing.js';

type Tool = 'token' | 'asan' | 'sima';

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
  const [tool, setTool] = useState<Tool>('token');
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<SigningPageMessage | null>(null);

  const load = () =>
    callApi<SignerView>(`${api}?lang=${language}`).then(setView, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => void load(), []);

  // The page shows the outcome together with the parties' new status, not before it.
  async function signed(process: CompletedStep['process'] | undefined): Promise<void> {
    await load();
    setDone(process?.status === 'completed' ? 'COMPLETED' : 'SIGNED_DONE');
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
  const tools: Tool[] = ['token', ...(view.mobile ? (['asan'] as const) : []), ...(view.sima ? (['sima'] as const) : [])];
  const toolProps = { api, language, onSigned: signed, onError: setError };

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
          <h3>{t('CHOOSE_TOOL')}</h3>
          <div class="tools" role="tablist">
            {tools.map((k) => (
              <button type="button" role="tab" id={`choose-${k}`} aria-selected={tool === k} class={tool === k ? 'tab selected' : 'tab'} onClick={() => setTool(k)}>
                {t(k === 'token' ? 'TOOL_TOKEN' : k === 'asan' ? 'TOOL_ASAN' : 'TOOL_SIMA')}
              </button>
            ))}
          </div>
          {tool === 'token' && <TokenSigning {...toolProps} />}
          {tool === 'asan' && view.mobile && <AsanSigning {...toolProps} simulated={view.mobile.simulated} />}
          {tool === 'sima' && view.sima && <SimaSigning {...toolProps} simulated={view.sima.simulated} />}
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
