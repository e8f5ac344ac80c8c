/** Signing the attachment on the USB token: the same steps as the sign page (certificate, core's tokenSigner, ui:sign). */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n.js';
import { signLocalFile, type LocalSigningKind } from '../../ui/sign-local-file.js';
import { tokenSigner } from '../../ui/token-signer.js';
import { failureWords, type SignedResult } from './attachment-page.js';
import { CertificateChoices, useTokenCertificates } from '../../ui/certificate-choices.js';

type Step = { step: 'idle' } | { step: 'preparing' } | { step: 'waiting-token' } | { step: 'failed'; words: string; code?: string };

function codeOf(e: unknown): string | undefined {
  const code = (e as { error?: { code?: unknown }; code?: unknown } | null)?.error?.code ?? (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function TokenTool(props: { file: File; kind: LocalSigningKind; onSigned(result: SignedResult): void }) {
  const list = useTokenCertificates(failureWords);
  const [step, setStep] = useState<Step>({ step: 'idle' });


  async function sign() {
    const entry = list.chosenEntry;
    if (!entry) return;
    setStep({ step: 'preparing' });
    try {
      const signer = tokenSigner(entry, { documentName: props.file.name, onAwaitingToken: () => setStep({ step: 'waiting-token' }) });
      const signed = await signLocalFile(props.file, props.kind, signer, new Date());
      setStep({ step: 'idle' });
      props.onSigned({ blob: signed.blob, name: signed.name });
    } catch (e) {
      setStep({ step: 'failed', words: failureWords(e), code: codeOf(e) });
    }
  }

  const busy = step.step === 'preparing' || step.step === 'waiting-token';
  return (
    <div class="tool tool-token" id="token-tool">
      <h3>{t('sign_choose_certificate')}</h3>
      <CertificateChoices list={list} busy={busy} />
      <div class="actions">
        <button type="button" id="sign" disabled={busy || list.chosen === null} onClick={() => void sign()}>
          {t('sign_button')}
        </button>
      </div>
      <div class="progress" id="progress" data-step={step.step}>
        {step.step === 'preparing' && t('sign_state_preparing')}
        {step.step === 'waiting-token' && t('sign_state_waiting_token')}
      </div>
      {step.step === 'failed' && (
        <p class="error" id="sign-error" data-code={step.code}>
          {step.words}
        </p>
      )}
    </div>
  );
}
