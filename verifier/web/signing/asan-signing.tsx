/**
 * ASAN İmza on the signing page: phone number and user ID, then the 4-digit verification code with a countdown while
 * the service runs the mobile session (one per document), and "try again" after a failure.
 */
import { useEffect, useState } from 'preact/hooks';
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language } from '../../../core/report/message-types.js';
import { PROVIDER_MESSAGES } from '../../providers/codes.js';
import type { CompletedStep, MobileProgress } from '../../server/services/signing-service.js';
import { callApi } from '../api-client.js';
import { signingText, type SigningPageMessage } from './signing-messages.js';

export interface ToolProps {
  /** `/api/v1/signing/{token}` */
  api: string;
  language: Language;
  /** Called once the service has accepted this party's signature (the process has advanced). */
  onSigned(process: CompletedStep['process'] | undefined): Promise<void>;
  onError(message: string | null): void;
}

export function AsanSigning(props: ToolProps & { simulated: boolean }) {
  const { api, language, onSigned, onError } = props;
  const t = (code: SigningPageMessage, details?: Record<string, unknown>) => signingText(code, language, details);
  const [phone, setPhone] = useState('');
  const [userId, setUserId] = useState('');
  const [run, setRun] = useState<MobileProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [clock, setClock] = useState(Date.now());

  // While the phone is asked: poll the run every 2 s and tick the countdown.
  useEffect(() => {
    if (run?.status !== 'pending') return;
    const timer = setInterval(() => {
      setClock(Date.now());
      void callApi<MobileProgress>(`${api}/mobile/${run.id}?lang=${language}`).then(
        (next) => (next.status === 'signed' ? onSigned(next.process).then(() => setRun(next)) : setRun(next)),
        (e: unknown) => onError(e instanceof Error ? e.message : String(e)),
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [run?.id, run?.status, run?.verificationCode]);

  async function start(): Promise<void> {
    setBusy(true);
    onError(null);
    try {
      setRun(await callApi<MobileProgress>(`${api}/mobile?lang=${language}`, { method: 'POST', body: JSON.stringify({ phone, userId }) }));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const seconds = run?.expiresAt ? Math.max(0, Math.round((Date.parse(run.expiresAt) - clock) / 1000)) : null;
  return (
    <div class="mobile tool" id="tool-asan">
      {props.simulated && <p class="notice warning">{t('SIMULATOR')}</p>}
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
            void start();
          }}
        >
          {run?.status === 'failed' && (
            <p class="notice error" role="alert" id="mobile-failure">
              {run.failure && run.failure in PROVIDER_MESSAGES ? localizeFrom(PROVIDER_MESSAGES, run.failure, language) : t('SIGN_FAILED', { code: run.failure ?? '' })}
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
  );
}
