/**
 * The wizard that starts a signing process: 1) documents, 2) the first party, 3) further parties in order, 4) the
 * process name, deadline, extra recipients and the initiator's e-mail, 5) review and send. Every field is checked
 * where it is typed with core/process's own rules (the server checks the same again) and the refusals use the same
 * words. It submits multipart to POST /api/v1/processes, as outside clients do.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { fromBase64 } from '../../../core/encoding/base64.js';
import { imzala } from '../extension-bridge/imzala-extension.js';
import type { PersonType, SignerSpec } from '../../../core/process/model.js';
import { PROCESS_MESSAGES } from '../../../core/process/codes.js';
import { MAX_DOCUMENTS, MAX_TOTAL_DOCUMENT_BYTES, PERSON_TYPES, validateNewProcess } from '../../../core/process/validation.js';
import { toHex } from '../../../core/encoding/hex.js';
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language } from '../../../core/report/message-types.js';
import { pageText } from '../page-messages.js';
import { formatSize } from '../report-view/describe-report.js';
import { wizardText, type WizardMessage } from './wizard-messages.js';

export interface WizardConfig {
  language: Language;
}

interface DocumentEntry {
  key: number;
  file: File;
  sha256: string | null;
}

interface SignerDraft {
  type: PersonType;
  name: string;
  fin: string;
  voen: string;
  company: string;
  position: string;
  email: string;
}

interface Created {
  id: string;
  name: string;
}

const STEPS: readonly WizardMessage[] = ['STEP_DOCUMENTS', 'STEP_FIRST_SIGNER', 'STEP_MORE_SIGNERS', 'STEP_DETAILS', 'STEP_REVIEW'];

const emptySigner = (): SignerDraft => ({ type: 'citizen', name: '', fin: '', voen: '', company: '', position: '', email: '' });

/** Which step a refused field belongs to. */
function stepOf(field: string): number {
  if (field.startsWith('documents')) return 0;
  const signer = /^signers\[(\d+)\]/.exec(field);
  if (signer) return signer[1] === '0' ? 1 : 2;
  if (field === 'signers') return 1;
  return 3;
}

async function sha256Hex(file: File): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())));
}

/** The signer as the API takes it: empty optional fields left out. */
function signerSpec(d: SignerDraft): SignerSpec {
  return {
    type: d.type,
    name: d.name.trim(),
    fin: d.fin.trim().toUpperCase(),
    email: d.email.trim(),
    ...(d.voen.trim() ? { voen: d.voen.trim() } : {}),
    ...(d.company.trim() ? { company: d.company.trim() } : {}),
    ...(d.position.trim() ? { position: d.position.trim() } : {}),
  };
}

/** A datetime-local value (the user's clock) as an ISO instant; '' when empty or unreadable. */
function deadlineIso(local: string): string {
  const t = local ? new Date(local) : null;
  return t && !Number.isNaN(t.getTime()) ? t.toISOString() : '';
}

export function Wizard(props: { config: WizardConfig }) {
  const language = props.config.language;
  const t = (code: WizardMessage, details?: Record<string, unknown>) => wizardText(code, language, details);
  const [step, setStep] = useState(0);
  const [documents, setDocuments] = useState<DocumentEntry[]>([]);
  const [signers, setSigners] = useState<SignerDraft[]>([emptySigner()]);
  const [processName, setProcessName] = useState('');
  const [deadline, setDeadline] = useState('');
  const [cc, setCc] = useState('');
  const [initiatorEmail, setInitiatorEmail] = useState('');
  const [initiatorName, setInitiatorName] = useState('');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [shownSteps, setShownSteps] = useState<Set<number>>(new Set());
  const [sending, setSending] = useState<number | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<Map<string, string>>(new Map());
  const [created, setCreated] = useState<Created | null>(null);
  const [nextKey, setNextKey] = useState(1);
  const [handedOver, setHandedOver] = useState<{ documents: number; signers: number } | null>(null);

  // Opened by imzala's extension ("send for further signatures"): take the documents and people it left for this
  // site. The parties' FINs are not in an e-mail thread: the person types them.
  useEffect(() => {
    if (location.hash !== '#imzala-handover') return;
    history.replaceState(null, '', location.pathname + location.search);
    // The extension itself opened this page: it is there, so wait for it longer than the library's default (a busy
    // computer can be slow to wake its service worker) rather than lose the handover.
    imzala.takeHandover({ language, ackTimeoutMs: 15_000 }).then(
      (handover) => {
        if (!handover) return;
        addFiles(handover.documents.map((d) => new File([fromBase64(d.data) as Uint8Array<ArrayBuffer>], d.name, { type: d.mimeType })));
        if (handover.signers.length) setSigners(handover.signers.map((s) => ({ ...emptySigner(), name: s.name ?? '', email: s.email })));
        setHandedOver({ documents: handover.documents.length, signers: handover.signers.length });
      },
      () => undefined,
    );
  }, []);

  const input = useMemo(
    () => ({
      name: processName.trim(),
      deadline: deadlineIso(deadline),
      lang: language,
      initiator: { email: initiatorEmail.trim(), ...(initiatorName.trim() ? { name: initiatorName.trim() } : {}) },
      signers: signers.map(signerSpec),
      cc: cc.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean),
      documents: documents.map((d) => ({ name: d.file.name, size: d.file.size, sha256: d.sha256 ?? '0'.repeat(64), mediaType: d.file.type || 'application/octet-stream' })),
    }),
    [processName, deadline, language, initiatorEmail, initiatorName, signers, cc, documents],
  );
  const errors = useMemo(() => {
    const result = validateNewProcess(input, new Date());
    const map = new Map<string, string>();
    if (!result.ok) for (const e of result.errors) if (!map.has(e.field)) map.set(e.field, e.code);
    for (const [field, code] of serverFields) if (!map.has(field)) map.set(field, code);
    return map;
  }, [input, serverFields]);

  /** The refusal to show at a field: once it was left or its step was submitted. */
  const errorAt = (field: string): string | null => {
    const code = errors.get(field);
    if (!code || !(touched.has(field) || shownSteps.has(stepOf(field)))) return null;
    return localizeFrom(PROCESS_MESSAGES, code, language);
  };
  const touch = (field: string) => setTouched((s) => new Set(s).add(field));

  function addFiles(files: FileList | readonly File[] | null | undefined): void {
    const chosen = [...(files ?? [])];
    if (chosen.length === 0) return;
    let key = nextKey;
    const entries = chosen.map((file) => ({ key: key++, file, sha256: null as string | null }));
    setNextKey(key);
    setDocuments((ds) => [...ds, ...entries]);
    touch('documents');
    for (const entry of entries) {
      void sha256Hex(entry.file).then((sha256) => setDocuments((ds) => ds.map((d) => (d.key === entry.key ? { ...d, sha256 } : d))));
    }
  }

  function updateSigner(index: number, patch: Partial<SignerDraft>): void {
    setSigners((ss) => ss.map((s, i) => (i === index ? { ...s, ...patch } : s)));
    setServerFields(new Map());
  }

  function moveSigner(index: number, by: -1 | 1): void {
    setSigners((ss) => {
      const to = index + by;
      if (to < 1 || to >= ss.length) return ss; // the first party has its own step
      const next = [...ss];
      [next[index], next[to]] = [next[to]!, next[index]!];
      return next;
    });
  }

  const stepHasErrors = (s: number) => [...errors.keys()].some((field) => stepOf(field) === s);
  const hashing = documents.some((d) => d.sha256 === null);

  function next(): void {
    setShownSteps((s) => new Set(s).add(step));
    if (stepHasErrors(step) || (step === 0 && hashing)) return;
    setStep((s) => Math.min(s + 1, STEPS.length - 1));
  }

  function send(): void {
    for (let s = 0; s < STEPS.length - 1; s++) {
      if (stepHasErrors(s)) {
        setShownSteps(new Set([0, 1, 2, 3]));
        setStep(s);
        return;
      }
    }
    const form = new FormData();
    const { documents: _documents, ...process } = input;
    form.append('process', JSON.stringify(process));
    for (const d of documents) form.append('documents', d.file, d.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/processes?lang=${language}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => setSending(e.lengthComputable && e.total > 0 ? Math.floor((e.loaded / e.total) * 100) : 0);
    xhr.onerror = () => {
      setSending(null);
      setServerError(pageText('ERROR_NETWORK', language));
    };
    xhr.onload = () => {
      setSending(null);
      const body = xhr.response as { id?: string; error?: { code: string; message: string; fields?: { field: string; code: string }[] } } | null;
      if (xhr.status === 201 && body?.id) return setCreated({ id: body.id, name: input.name });
      setServerError(body?.error?.message ?? `HTTP ${xhr.status}`);
      const fields = new Map((body?.error?.fields ?? []).map((f) => [f.field, f.code] as const));
      setServerFields(fields);
      if (fields.size) {
        setShownSteps(new Set([0, 1, 2, 3]));
        setStep(Math.min(...[...fields.keys()].map(stepOf)));
      }
    };
    setServerError(null);
    setSending(0);
    xhr.send(form);
  }

  if (created) {
    return (
      <section class="sent" role="status">
        <div class="verdict tone-valid">
          <span class="verdict-symbol" aria-hidden="true">✓</span>
          <div>
            <h2 id="sent-title">{t('SENT_TITLE')}</h2>
            <p>{t('SENT_TEXT', { name: created.name })}</p>
          </div>
        </div>
        <a class="button" href={`/yeni?lang=${language}`}>
          {t('SEND_ANOTHER')}
        </a>
      </section>
    );
  }

  const field = (id: string, name: string, label: string, value: string, set: (v: string) => void, attrs: Record<string, unknown> = {}) => {
    const error = errorAt(name);
    return (
      <div class={`field${error ? ' invalid' : ''}`}>
        <label for={id}>{label}</label>
        <input
          id={id}
          name={name}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
          onBlur={() => touch(name)}
          {...attrs}
        />
        {error && (
          <p class="field-error" id={`${id}-error`} data-field={name}>
            {error}
          </p>
        )}
      </div>
    );
  };

  const signerForm = (index: number) => {
    const s = signers[index]!;
    const at = `signers[${index}]`;
    return (
      <fieldset class="signer" data-index={index}>
        <legend>{t('SIGNER_N', { n: index + 1 })}</legend>
        <div class="field">
          <span class="label">{t('PERSON_TYPE')}</span>
          <div class="choices" role="radiogroup">
            {PERSON_TYPES.map((type) => (
              <label>
                <input type="radio" name={`signer-${index}-type`} value={type} checked={s.type === type} onChange={() => updateSigner(index, { type })} />
                {t(`TYPE_${type}`)}
              </label>
            ))}
          </div>
        </div>
        {field(`signer-${index}-name`, `${at}.name`, t('FULL_NAME'), s.name, (name) => updateSigner(index, { name }), { autocomplete: 'off' })}
        {field(`signer-${index}-fin`, `${at}.fin`, t('FIN'), s.fin, (fin) => updateSigner(index, { fin: fin.toUpperCase() }), {
          maxLength: 7,
          autocapitalize: 'characters',
          spellcheck: false,
          class: 'mono',
        })}
        {s.type !== 'citizen' &&
          field(`signer-${index}-voen`, `${at}.voen`, t('VOEN'), s.voen, (voen) => updateSigner(index, { voen }), { inputMode: 'numeric', maxLength: 10, class: 'mono' })}
        {s.type === 'legal' && field(`signer-${index}-company`, `${at}.company`, t('COMPANY'), s.company, (company) => updateSigner(index, { company }))}
        {s.type === 'legal' && field(`signer-${index}-position`, `${at}.position`, t('POSITION'), s.position, (position) => updateSigner(index, { position }))}
        {field(`signer-${index}-email`, `${at}.email`, t('EMAIL'), s.email, (email) => updateSigner(index, { email }), { type: 'email', autocomplete: 'off' })}
        {index > 0 && (
          <div class="row-actions">
            <button type="button" class="secondary" disabled={index === 1} onClick={() => moveSigner(index, -1)}>
              {t('MOVE_UP')}
            </button>
            <button type="button" class="secondary" disabled={index === signers.length - 1} onClick={() => moveSigner(index, 1)}>
              {t('MOVE_DOWN')}
            </button>
            <button type="button" class="secondary" onClick={() => setSigners((ss) => ss.filter((_, i) => i !== index))}>
              {t('REMOVE')}
            </button>
          </div>
        )}
      </fieldset>
    );
  };

  const totalBytes = documents.reduce((n, d) => n + d.file.size, 0);
  const documentsError = errorAt('documents');
  return (
    <form class="wizard" onSubmit={(e) => e.preventDefault()} noValidate>
      <ol class="steps">
        {STEPS.map((code, i) => (
          <li class={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
            {t(code)}
          </li>
        ))}
      </ol>
      <h2 id="step-title">
        {t(STEPS[step]!)} <span class="step-of">{t('STEP_OF', { step: step + 1, steps: STEPS.length })}</span>
      </h2>
      {handedOver && step === 0 && (
        <p class="notice" id="handover-notice">
          {t('HANDED_OVER', { documents: handedOver.documents, signers: handedOver.signers })}
        </p>
      )}
      {serverError && (
        <p class="notice error" role="alert" id="server-error">
          {serverError}
        </p>
      )}

      {step === 0 && (
        <section>
          <div
            class="dropzone"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              addFiles(e.dataTransfer?.files);
            }}
          >
            <p>{t('DROP_DOCUMENTS', { count: MAX_DOCUMENTS, size: formatSize(MAX_TOTAL_DOCUMENT_BYTES, language) })}</p>
            <label class="button" for="documents">
              {t('CHOOSE_DOCUMENTS')}
            </label>
            <input
              id="documents"
              class="visually-hidden"
              type="file"
              multiple
              onChange={(e) => {
                addFiles((e.currentTarget as HTMLInputElement).files);
                (e.currentTarget as HTMLInputElement).value = '';
              }}
            />
          </div>
          <ul class="documents">
            {documents.map((d, i) => (
              <li class="document" data-name={d.file.name}>
                <span class="file-name">{d.file.name}</span>
                <span class="file-meta">
                  {d.file.type || '—'} · {formatSize(d.file.size, language)}
                </span>
                <span class="mono file-hash">{d.sha256 ? `SHA-256 ${d.sha256.slice(0, 16)}…` : t('HASHING')}</span>
                {errorAt(`documents[${i}].name`) && <span class="field-error">{errorAt(`documents[${i}].name`)}</span>}
                <button type="button" class="secondary" onClick={() => setDocuments((ds) => ds.filter((x) => x.key !== d.key))}>
                  {t('REMOVE')}
                </button>
              </li>
            ))}
          </ul>
          {documents.length > 0 && <p class="hint">{t('TOTAL', { count: documents.length, size: formatSize(totalBytes, language) })}</p>}
          {documentsError && (
            <p class="field-error" data-field="documents">
              {documentsError}
            </p>
          )}
        </section>
      )}

      {step === 1 && signerForm(0)}

      {step === 2 && (
        <section>
          {signers.length === 1 && <p class="hint">{t('NO_MORE_SIGNERS')}</p>}
          {signers.slice(1).map((_, i) => signerForm(i + 1))}
          <button type="button" class="secondary" id="add-signer" onClick={() => setSigners((ss) => [...ss, emptySigner()])}>
            {t('ADD_SIGNER')}
          </button>
        </section>
      )}

      {step === 3 && (
        <section>
          {field('process-name', 'name', t('PROCESS_NAME'), processName, setProcessName)}
          {field('deadline', 'deadline', t('DEADLINE'), deadline, setDeadline, { type: 'datetime-local' })}
          <div class={`field${errorAt('cc') ? ' invalid' : ''}`}>
            <label for="cc">{t('CC')}</label>
            <textarea id="cc" name="cc" rows={3} value={cc} onInput={(e) => setCc((e.currentTarget as HTMLTextAreaElement).value)} onBlur={() => touch('cc')} />
            {[...errors.keys()]
              .filter((f) => f.startsWith('cc') && errorAt(f))
              .map((f) => (
                <p class="field-error" data-field={f}>
                  {errorAt(f)}
                </p>
              ))}
          </div>
          {field('initiator-email', 'initiator.email', t('INITIATOR_EMAIL'), initiatorEmail, setInitiatorEmail, { type: 'email' })}
          {field('initiator-name', 'initiator.name', t('INITIATOR_NAME'), initiatorName, setInitiatorName)}
        </section>
      )}

      {step === 4 && (
        <section class="review">
          <h3>{t('STEP_DOCUMENTS')}</h3>
          <ul>
            {documents.map((d) => (
              <li>
                {d.file.name} · {formatSize(d.file.size, language)}
              </li>
            ))}
          </ul>
          <h3>{t('STEP_FIRST_SIGNER')} / {t('STEP_MORE_SIGNERS')}</h3>
          <ol>
            {signers.map((s) => (
              <li>
                {s.name} · {t(`TYPE_${s.type}`)} · FİN {s.fin}
                {s.voen ? ` · VÖEN ${s.voen}` : ''} · {s.email}
              </li>
            ))}
          </ol>
          <h3>{t('STEP_DETAILS')}</h3>
          <p>
            {processName} · {deadline.replace('T', ' ')}
          </p>
        </section>
      )}

      {sending !== null && <progress max={100} value={sending} aria-label={t('SENDING', { percent: sending })} />}
      {shownSteps.has(step) && stepHasErrors(step) && <p class="notice error">{t('FIX_ERRORS')}</p>}
      <div class="actions">
        {step > 0 && (
          <button type="button" class="secondary" id="back" onClick={() => setStep((s) => s - 1)}>
            {t('BACK')}
          </button>
        )}
        {step < STEPS.length - 1 ? (
          <button type="button" id="next" onClick={next}>
            {t('NEXT')}
          </button>
        ) : (
          <button type="button" id="send" disabled={sending !== null} onClick={send}>
            {sending !== null ? t('SENDING', { percent: sending }) : t('SEND')}
          </button>
        )}
      </div>
    </form>
  );
}
