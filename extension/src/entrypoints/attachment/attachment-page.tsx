/**
 * The signing view for a webmail attachment (attachment.html?job=<id>): the attachment's name, size and SHA-256, a
 * preview of a PDF, the verification report of the file as it arrived, and — in 'sign' mode — the tools the settings
 * allow: the token (core's tokenSigner through `ui:sign`, as the sign page does), ASAN İmza and SİMA (the configured
 * service's one-off session). The signed result is checked with core, then offered as a reply, a download, or the
 * start of a process for the thread's other people on the service.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { fromBase64, toBase64 } from '../../../../core/encoding/base64.js';
import type { DocumentStatus } from '../../../../core/report/report.js';
import { describeReport } from '../../../../verifier/web/report-view/describe-report.js';
import { ReportPanel } from '../../../../verifier/web/yoxla/report-panel.js';
import { saveBlob } from '../../../../verifier/web/save-blob.js';
import type { Settings, Tool } from '../../lib/settings.js';
import type { WebmailJobView } from '../../lib/webmail-jobs.js';
import { fetchWebmailJob, replyWithFile, WebmailJobFailure } from '../../ui/attachment-job-client.js';
import { handOverToWizard } from '../../ui/background-client.js';
import { AttachmentPreview } from '../../ui/attachment-preview.js';
import { checkSignedFile, type SignedFileCheck } from '../../ui/check-signed-file.js';
import { errorText } from '../../ui/error-words.js';
import { t, uiLanguageNow } from '../../ui/i18n.js';
import { primaryServiceUrl } from '../../ui/service-links.js';
import { localSigningKind, sha256Hex, type LocalSigningKind } from '../../ui/sign-local-file.js';
import { PhoneTool } from './phone-tool.js';
import { TokenTool } from './token-tool.js';

interface Loaded {
  job: WebmailJobView;
  bytes: Uint8Array;
  file: File;
  sha256: string;
  kind: LocalSigningKind;
  check: SignedFileCheck | null;
  /** Why the file as it arrived could not be checked (e.g. a format core does not read). */
  checkProblem?: string;
}

export interface SignedResult {
  blob: Blob;
  name: string;
}

type Load = { state: 'loading' } | { state: 'failed'; words: string; code?: string } | { state: 'ready'; loaded: Loaded };
type Outcome =
  | { state: 'none' }
  | { state: 'verifying'; signed: SignedResult }
  | { state: 'done'; signed: SignedResult; verdict: DocumentStatus; anchorsUsed: boolean }
  | { state: 'failed'; signed: SignedResult; words: string };
type ReplyState = { state: 'idle' } | { state: 'sending' } | { state: 'sent' } | { state: 'failed'; words: string; code: string };

const TOOL_WORDS: Record<Tool, string> = { token: 'tool_token', asan: 'tool_asan', sima: 'tool_sima' };

/** The words for a failure of this page (job, reply, session) or of the token and core. */
export function failureWords(e: unknown): string {
  if (e instanceof WebmailJobFailure) return e.message;
  if (e instanceof Error && e.name === 'SessionFailure') return t('att_session_failed', e.message);
  return errorText(e);
}

export function AttachmentPage({ settings, jobId }: { settings: Settings; jobId: string | null }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tool, setTool] = useState<Tool | null>(settings.allowedTools.includes(settings.defaultTool) ? settings.defaultTool : (settings.allowedTools[0] ?? null));
  const [outcome, setOutcome] = useState<Outcome>({ state: 'none' });
  const [reply, setReply] = useState<ReplyState>({ state: 'idle' });
  const [handover, setHandover] = useState<{ state: 'idle' | 'sending' | 'sent' } | { state: 'failed'; words: string }>({ state: 'idle' });
  const language = uiLanguageNow();
  const serviceUrl = primaryServiceUrl(settings);

  useEffect(() => {
    if (!jobId) {
      setLoad({ state: 'failed', words: t('att_no_job') });
      return;
    }
    void (async () => {
      try {
        const job = await fetchWebmailJob(jobId);
        const bytes = fromBase64(job.data);
        const file = new File([bytes as Uint8Array<ArrayBuffer>], job.name, job.mimeType ? { type: job.mimeType } : {});
        const [sha256, kind] = await Promise.all([sha256Hex(file), localSigningKind(file)]);
        setLoad({ state: 'ready', loaded: { job, bytes, file, sha256, kind, check: null } });
        try {
          const check = await checkSignedFile(job.name, file, serviceUrl, language);
          setLoad({ state: 'ready', loaded: { job, bytes, file, sha256, kind, check } });
        } catch (e) {
          setLoad({ state: 'ready', loaded: { job, bytes, file, sha256, kind, check: null, checkProblem: failureWords(e) } });
        }
      } catch (e) {
        setLoad({ state: 'failed', words: failureWords(e), ...(e instanceof WebmailJobFailure ? { code: e.code } : {}) });
      }
    })();
  }, [jobId]);

  const view = useMemo(() => (load.state === 'ready' && load.loaded.check ? describeReport(load.loaded.check.report, language) : null), [load, language]);

  async function signed(result: SignedResult) {
    setOutcome({ state: 'verifying', signed: result });
    try {
      const check = await checkSignedFile(result.name, result.blob, serviceUrl, language);
      setOutcome({ state: 'done', signed: result, verdict: check.report.status, anchorsUsed: check.anchorsUsed });
    } catch (e) {
      setOutcome({ state: 'failed', signed: result, words: failureWords(e) });
    }
  }

  async function sendReply(result: SignedResult) {
    if (!jobId) return;
    setReply({ state: 'sending' });
    try {
      const data = toBase64(new Uint8Array(await result.blob.arrayBuffer()));
      await replyWithFile(jobId, { name: result.name, mimeType: result.blob.type || 'application/octet-stream', data });
      setReply({ state: 'sent' });
    } catch (e) {
      setReply({ state: 'failed', words: failureWords(e), code: e instanceof WebmailJobFailure ? e.code : 'INTERNAL_ERROR' });
    }
  }

  if (load.state === 'loading') {
    return (
      <main>
        <h1>{t('att_title')}</h1>
        <p class="muted">{t('loading')}</p>
      </main>
    );
  }
  if (load.state === 'failed') {
    return (
      <main>
        <h1>{t('att_title')}</h1>
        <p class="error" id="job-error" data-code={load.code}>
          {load.words}
        </p>
      </main>
    );
  }
  const { job, bytes, file, sha256, kind, check, checkProblem } = load.loaded;
  const signing = job.mode === 'sign';
  const participants = job.participants;
  const canHandOver = serviceUrl !== undefined;

  /** "Send for further signatures": the signed file and the thread's people go to the service's wizard. */
  async function handOver(signed: SignedResult): Promise<void> {
    setHandover({ state: 'sending' });
    try {
      const data = toBase64(new Uint8Array(await signed.blob.arrayBuffer()));
      await handOverToWizard(serviceUrl!, { source: job.adapter, documents: [{ name: signed.name, mimeType: signed.blob.type || 'application/octet-stream', data }], signers: [...participants] });
      setHandover({ state: 'sent' });
    } catch (e) {
      setHandover({ state: 'failed', words: failureWords(e) });
    }
  }

  return (
    <main class="attachment-page" data-mode={job.mode}>
      <h1>{t(signing ? 'att_title' : 'att_title_report')}</h1>
      <dl class="file-facts" id="file-facts">
        <dt>{t('sign_file_name')}</dt>
        <dd id="file-name">{job.name}</dd>
        <dt>{t('sign_file_size')}</dt>
        <dd id="file-size">{t('sign_file_bytes', file.size.toLocaleString(language))}</dd>
        <dt>{t('sign_file_sha256')}</dt>
        <dd id="file-sha256" class="mono">
          {sha256}
        </dd>
        <dt>{t('att_from_mail')}</dt>
        <dd id="file-adapter">{job.adapter === 'gmail' ? 'Gmail' : 'Outlook'}</dd>
      </dl>

      {outcome.state === 'verifying' && (
        <p class="progress" id="progress">
          {t('sign_state_verifying')}
        </p>
      )}

      {outcome.state === 'failed' && (
        <p class="error" id="result-error">
          {outcome.words}
        </p>
      )}

      {outcome.state === 'done' && (
        <section id="result" data-name={outcome.signed.name}>
          <h2>{t('att_signed_title', outcome.signed.name)}</h2>
          <p class={`verdict verdict-${outcome.verdict}`} id="result-verdict" data-status={outcome.verdict}>
            {t(`verdict_${outcome.verdict}`)}
          </p>
          {!outcome.anchorsUsed && <p class="muted">{t('sign_no_anchors')}</p>}
          <div class="actions">
            <button type="button" id="reply" disabled={reply.state === 'sending' || reply.state === 'sent'} onClick={() => void sendReply(outcome.signed)}>
              {t('att_reply')}
            </button>
            <button type="button" class="secondary" id="download" onClick={() => saveBlob(outcome.signed.blob, outcome.signed.name)}>
              {t('att_download')}
            </button>
            {canHandOver && (
              <button type="button" class="secondary" id="next-signers" disabled={handover.state === 'sending'} onClick={() => void handOver(outcome.signed)}>
                {t('att_next_signers')}
              </button>
            )}
          </div>
          {reply.state === 'sending' && <p class="muted" id="reply-state">{t('att_reply_sending')}</p>}
          {reply.state === 'sent' && (
            <p class="ok" id="reply-done">
              {t('att_reply_done', outcome.signed.name)}
            </p>
          )}
          {reply.state === 'failed' && (
            <p class="error" id="reply-error" data-code={reply.code}>
              {reply.words}
            </p>
          )}
          {handover.state === 'failed' && (
            <p class="error" id="next-signers-error">
              {handover.words}
            </p>
          )}
          {canHandOver && participants.length > 0 && (
            <p class="muted" id="next-signers-note">
              {t('att_next_signers_note', participants.map((p) => p.name || p.email).join(', '))}
            </p>
          )}
        </section>
      )}
      <section id="report-section" data-status={check?.report.status ?? ''}>
        {check === null && checkProblem === undefined && <p class="muted">{t('att_checking')}</p>}
        {checkProblem !== undefined && (
          <p class="muted" id="report-problem">
            {t('att_check_failed', checkProblem)}
          </p>
        )}
        {view && <ReportPanel view={view} where="browser" />}
        {check && !check.anchorsUsed && (
          <p class="muted" id="report-no-anchors">
            {t('sign_no_anchors')}
          </p>
        )}
      </section>

      {kind === 'pdf' && <AttachmentPreview bytes={bytes} language={language} />}

      {signing && outcome.state === 'none' && (
        <section id="tools">
          <h2>{t('att_sign_with')}</h2>
          {settings.allowedTools.length === 0 && <p class="muted">{t('att_no_tools')}</p>}
          <div class="tool-choice" role="radiogroup">
            {settings.allowedTools.map((candidate) => (
              <label class="choice">
                <input type="radio" name="tool" id={`tool-${candidate}`} value={candidate} checked={tool === candidate} onChange={() => setTool(candidate)} />
                {t(TOOL_WORDS[candidate])}
              </label>
            ))}
          </div>
          {tool === 'token' && <TokenTool file={file} kind={kind} onSigned={(r) => void signed(r)} />}
          {(tool === 'asan' || tool === 'sima') && <PhoneTool key={tool} tool={tool} file={file} serviceUrl={serviceUrl} onSigned={(r) => void signed(r)} />}
        </section>
      )}

    </main>
  );
}
