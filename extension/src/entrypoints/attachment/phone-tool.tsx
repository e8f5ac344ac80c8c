/**
 * ASAN İmza and SİMA through the configured service's one-off session: ASAN asks the phone number and user id and
 * shows the 4-digit code the phone will show; SİMA shows its QR code and a link for the phone's app. Both count down
 * to the session's end and poll until it is signed or failed; the signed file is fetched once (the service then
 * deletes the document and the result).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguageNow } from '../../ui/i18n.js';
import { cancelSession, sessionResult, sessionState, startSession, type PhoneTool as Tool, type SigningSession } from '../../ui/attachment-sessions.js';
import { signedFileName } from '../../ui/sign-local-file.js';
import { failureWords, type SignedResult } from './attachment-page.js';

const POLL_MS = 2000;

type Step =
  | { step: 'form' }
  | { step: 'starting' }
  | { step: 'waiting'; session: SigningSession }
  | { step: 'fetching' }
  | { step: 'failed'; words: string; code?: string };

export function PhoneTool(props: { tool: Tool; file: File; serviceUrl: string | undefined; onSigned(result: SignedResult): void }) {
  const [phone, setPhone] = useState('');
  const [userId, setUserId] = useState('');
  const [fin, setFin] = useState('');
  const [step, setStep] = useState<Step>({ step: 'form' });
  const [now, setNow] = useState(Date.now());
  const live = useRef<SigningSession | null>(null);

  // Leaving the page (or this tool) cancels a session still waiting, so the service drops the document at once.
  useEffect(
    () => () => {
      if (live.current && props.serviceUrl) void cancelSession(props.serviceUrl, live.current);
    },
    [],
  );

  useEffect(() => {
    if (step.step !== 'waiting' || !props.serviceUrl) return;
    const serviceUrl = props.serviceUrl;
    const session = step.session;
    let stopped = false;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = async (): Promise<void> => {
      if (stopped) return;
      try {
        const state = await sessionState(serviceUrl, session);
        if (stopped) return;
        if (state.status === 'signed') {
          setStep({ step: 'fetching' });
          const result = await sessionResult(serviceUrl, session, props.file.name);
          live.current = null;
          // The service keeps a PDF's name; the result gets the same name the token path gives it.
          props.onSigned(result.name === props.file.name && /\.pdf$/i.test(result.name) ? { ...result, name: signedFileName(result.name, 'pdf') } : result);
          return;
        }
        if (state.status === 'failed') {
          live.current = null;
          const error = typeof state.error === 'string' ? { message: state.error } : state.error;
          setStep({ step: 'failed', words: t('att_session_failed', error?.message ?? error?.code ?? ''), ...(error?.code ? { code: error.code } : {}) });
          return;
        }
      } catch (e) {
        if (!stopped) setStep({ step: 'failed', words: failureWords(e) });
        return;
      }
      setTimeout(() => void poll(), POLL_MS);
    };
    setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(tick);
    };
  }, [step.step === 'waiting' ? step.session.id : null]);

  async function start() {
    if (!props.serviceUrl) return;
    setStep({ step: 'starting' });
    try {
      const session = await startSession(props.serviceUrl, props.file, props.tool, {
        ...(props.tool === 'asan' ? { phone: phone.trim(), userId: userId.trim() } : { fin: fin.trim().toUpperCase() }),
        lang: uiLanguageNow(),
      });
      live.current = session;
      setNow(Date.now());
      setStep({ step: 'waiting', session });
    } catch (e) {
      setStep({ step: 'failed', words: failureWords(e), code: (e as { code?: string }).code });
    }
  }

  function cancel() {
    if (live.current && props.serviceUrl) void cancelSession(props.serviceUrl, live.current);
    live.current = null;
    setStep({ step: 'form' });
  }

  if (!props.serviceUrl) {
    return (
      <p class="error" id="phone-no-service">
        {t('att_no_service')}
      </p>
    );
  }
  const formReady = props.tool === 'sima' ? /^[0-9A-Za-z]{7}$/.test(fin.trim()) : phone.trim() !== '' && userId.trim() !== '';
  return (
    <div class={`tool tool-${props.tool}`} id="phone-tool" data-step={step.step}>
      <p class="muted">{t('att_phone_privacy', new URL(props.serviceUrl).host)}</p>
      {(step.step === 'form' || step.step === 'failed' || step.step === 'starting') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {props.tool === 'asan' && (
            <div class="phone-fields">
              <label>
                {t('att_phone')}
                <input type="text" id="asan-phone" inputMode="tel" autoComplete="tel" placeholder="+994..." value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
              </label>
              <label>
                {t('att_user_id')}
                <input type="text" id="asan-user-id" inputMode="numeric" value={userId} onInput={(e) => setUserId((e.target as HTMLInputElement).value)} />
              </label>
            </div>
          )}
          {props.tool === 'sima' && (
            <div class="phone-fields">
              <label>
                {t('att_fin')}
                <input type="text" id="sima-fin" maxLength={7} autoComplete="off" value={fin} onInput={(e) => setFin((e.target as HTMLInputElement).value)} />
              </label>
              <p class="muted">{t('att_fin_why')}</p>
            </div>
          )}
          <div class="actions">
            <button type="submit" id="phone-start" disabled={!formReady || step.step === 'starting'}>
              {t(props.tool === 'asan' ? 'att_asan_start' : 'att_sima_start')}
            </button>
          </div>
        </form>
      )}
      {step.step === 'starting' && <p class="muted">{t('att_session_starting')}</p>}
      {step.step === 'waiting' && (
        <div class="session-waiting">
          {step.session.verificationCode && (
            <p>
              {t('att_asan_code')} <strong class="verification-code" id="verification-code">{step.session.verificationCode}</strong>
            </p>
          )}
          {step.session.operations?.[0] && (
            <div class="sima-qr">
              <p>{t('att_sima_scan')}</p>
              {step.session.operations[0].qrImage && <img id="sima-qr" src={step.session.operations[0].qrImage} data-url={step.session.operations[0].qrUrl} alt={t('att_sima_qr_alt')} width={220} height={220} />}
              <p>
                <a id="sima-deep-link" href={step.session.operations[0].deepLink}>
                  {t('att_sima_open_app')}
                </a>
              </p>
            </div>
          )}
          <p class="muted" id="countdown">
            {t('att_countdown', Math.max(0, Math.round((Date.parse(step.session.expiresAt) - now) / 1000)))}
          </p>
          <button type="button" class="secondary" id="phone-cancel" onClick={cancel}>
            {t('att_cancel')}
          </button>
        </div>
      )}
      {step.step === 'fetching' && <p class="muted">{t('att_session_fetching')}</p>}
      {step.step === 'failed' && (
        <p class="error" id="phone-error" data-code={step.code}>
          {step.words}
        </p>
      )}
    </div>
  );
}
