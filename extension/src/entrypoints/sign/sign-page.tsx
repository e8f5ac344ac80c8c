/**
 * Signing a local file with the token: pick or drop a file, see its name, size and SHA-256, choose a certificate,
 * sign (PDF -> PAdES, .asice -> one more signature, anything else -> ASiC-E), check the result with core's
 * validator and save it. The PIN is asked by the helper program, never here.
 */
import { useState } from 'preact/hooks';
import type { DocumentStatus } from '../../../../core/report/report.js';
import type { Settings } from '../../lib/settings.js';
import { checkSignedFile } from '../../ui/check-signed-file.js';
import { errorText } from '../../ui/error-words.js';
import { t, uiLanguageNow } from '../../ui/i18n.js';
import { saveBlob } from '../../../../verifier/web/save-blob.js';
import { primaryServiceUrl } from '../../ui/service-links.js';
import { localSigningKind, MAX_LOCAL_FILE_BYTES, sha256Hex, signLocalFile, type LocalSigningKind, type SignedLocalFile } from '../../ui/sign-local-file.js';
import { tokenSigner } from '../../ui/token-signer.js';
import { CertificateChoices, useTokenCertificates } from '../../ui/certificate-choices.js';

interface PickedFile {
  file: File;
  kind: LocalSigningKind;
  sha256: string | null;
}

type Step =
  | { step: 'idle' }
  | { step: 'hashing' }
  | { step: 'preparing' }
  | { step: 'waiting-token' }
  | { step: 'verifying' }
  | { step: 'done'; signed: SignedLocalFile; verdict: DocumentStatus; anchorsUsed: boolean }
  | { step: 'failed'; words: string; code?: string };


const KIND_WORDS: Record<LocalSigningKind, string> = { pdf: 'sign_kind_pdf', 'asic-new': 'sign_kind_asic', 'asic-cosign': 'sign_kind_cosign' };

function codeOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null) {
    const bridge = (e as { error?: { code?: unknown } }).error?.code;
    if (typeof bridge === 'string') return bridge;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function SignPage({ settings }: { settings: Settings }) {
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const list = useTokenCertificates(errorText);
  const [step, setStep] = useState<Step>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);


  async function pick(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_LOCAL_FILE_BYTES) {
      setPicked(null);
      setStep({ step: 'failed', words: t('sign_file_too_large', MAX_LOCAL_FILE_BYTES / (1024 * 1024)) });
      return;
    }
    setStep({ step: 'hashing' });
    try {
      const kind = await localSigningKind(file);
      setPicked({ file, kind, sha256: null });
      const sha256 = await sha256Hex(file);
      setPicked({ file, kind, sha256 });
      setStep({ step: 'idle' });
    } catch (e) {
      setStep({ step: 'failed', words: errorText(e), code: codeOf(e) });
    }
  }

  async function sign() {
    const entry = list.chosenEntry;
    if (!picked || !entry) return;
    setStep({ step: 'preparing' });
    try {
      const signer = tokenSigner(entry, { documentName: picked.file.name, onAwaitingToken: () => setStep({ step: 'waiting-token' }) });
      const signed = await signLocalFile(picked.file, picked.kind, signer, new Date());
      setStep({ step: 'verifying' });
      const check = await checkSignedFile(signed.name, signed.blob, primaryServiceUrl(settings), uiLanguageNow());
      saveBlob(signed.blob, signed.name);
      setStep({ step: 'done', signed, verdict: check.report.status, anchorsUsed: check.anchorsUsed });
    } catch (e) {
      setStep({ step: 'failed', words: errorText(e), code: codeOf(e) });
    }
  }

  const busy = step.step === 'hashing' || step.step === 'preparing' || step.step === 'waiting-token' || step.step === 'verifying';
  const canSign = !busy && picked !== null && picked.sha256 !== null && list.chosen !== null && step.step !== 'done';

  return (
    <main>
      <h1>{t('sign_title')}</h1>
      <label
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void pick(e.dataTransfer?.files[0]);
        }}
      >
        {t('sign_pick')}
        <input type="file" id="file" disabled={busy} onChange={(e) => void pick((e.target as HTMLInputElement).files?.[0])} />
      </label>

      {picked !== null && (
        <dl class="file-facts" id="file-facts">
          <dt>{t('sign_file_name')}</dt>
          <dd id="file-name">{picked.file.name}</dd>
          <dt>{t('sign_file_size')}</dt>
          <dd id="file-size">{t('sign_file_bytes', picked.file.size.toLocaleString(uiLanguageNow()))}</dd>
          <dt>{t('sign_file_sha256')}</dt>
          <dd id="file-sha256">{picked.sha256 ?? t('loading')}</dd>
          <dt />
          <dd id="file-kind" data-kind={picked.kind}>
            {t(KIND_WORDS[picked.kind])}
          </dd>
        </dl>
      )}

      <h2>{t('sign_choose_certificate')}</h2>
      <CertificateChoices list={list} busy={busy} />

      <div class="actions">
        <button type="button" id="sign" disabled={!canSign} onClick={() => void sign()}>
          {t('sign_button')}
        </button>
      </div>

      <div class="progress" id="progress" data-step={step.step}>
        {step.step === 'hashing' && t('sign_state_hashing')}
        {step.step === 'preparing' && t('sign_state_preparing')}
        {step.step === 'waiting-token' && t('sign_state_waiting_token')}
        {step.step === 'verifying' && t('sign_state_verifying')}
      </div>

      {step.step === 'failed' && (
        <p class="error" id="sign-error" data-code={step.code}>
          {step.words}
        </p>
      )}

      {step.step === 'done' && (
        <section id="result">
          <p class="ok" id="saved">
            {t('sign_state_done', step.signed.name)}
          </p>
          <p class={`verdict verdict-${step.verdict}`} id="verdict" data-status={step.verdict}>
            {t(`verdict_${step.verdict}`)}
          </p>
          {!step.anchorsUsed && (
            <p class="muted" id="no-anchors">
              {t('sign_no_anchors')}
            </p>
          )}
          <div class="actions">
            <button type="button" class="secondary" id="save-again" onClick={() => saveBlob(step.signed.blob, step.signed.name)}>
              {t('sign_save_again')}
            </button>
            <button type="button" class="secondary" id="sign-another" onClick={() => (setPicked(null), setStep({ step: 'idle' }))}>
              {t('sign_another')}
            </button>
          </div>
        </section>
      )}
    </main>
  );
}
