/**
 * Signing with the USB token (SİMA Token / e-imza card) on the signing page: the page asks imzala's browser extension
 * (page library -> content script -> background -> native host -> PKCS#11), which asks the PIN in its own window.
 * When a piece is missing the page says which one to install. The service prepares the digests and accepts the
 * values only after its own verifier has checked them (the hash-signing API).
 */
import { useEffect, useState } from 'preact/hooks';
import { PROTOCOL_MESSAGES } from '../../../core/protocol/codes.js';
import type { TokenCertificate } from '../../../core/protocol/native.js';
import type { PageStatusResult } from '../../../core/protocol/page.js';
import { summariseTokenCertificate } from '../../../core/protocol/certificate-summary.js';
import { localizeFrom } from '../../../core/report/messages.js';
import type { CompletedStep, PreparedDigests } from '../../server/services/signing-service.js';
import { callApi } from '../api-client.js';
import { formatDateTime } from '../report-view/describe-report.js';
import { imzala, ImzalaBridgeError } from '../extension-bridge/imzala-extension.js';
import type { ToolProps } from './asan-signing.js';
import { signingText, type SigningPageMessage } from './signing-messages.js';

/** How often, and how long apart, the page asks again when the extension did not answer (about half a minute). */
const QUIET_RETRIES = 8;
const QUIET_RETRY_MS = 1000;

type Phase =
  | { name: 'checking' }
  | { name: 'missing'; what: 'EXTENSION' | 'HOST' | 'TOKEN'; detail?: string }
  | { name: 'ready'; certificates: TokenCertificate[] }
  | { name: 'signing'; step: number; total: number };

export function TokenSigning(props: ToolProps) {
  const { api, language, onSigned, onError } = props;
  const t = (code: SigningPageMessage, details?: Record<string, unknown>) => signingText(code, language, details);
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [chosen, setChosen] = useState(0);
  const words = (e: unknown) =>
    e instanceof ImzalaBridgeError && e.code in PROTOCOL_MESSAGES
      ? localizeFrom(PROTOCOL_MESSAGES, e.code, language, e.details ?? {}) + (e.code === 'PIN_INCORRECT' && e.details?.finalTry ? ` ${t('PIN_FINAL_TRY')}` : '')
      : e instanceof Error
        ? e.message
        : String(e);

  async function check(quietRetries = 0): Promise<void> {
    if (quietRetries === 0) setPhase({ name: 'checking' });
    onError(null);
    let status: PageStatusResult;
    try {
      status = await imzala.status();
    } catch (e) {
      if (e instanceof ImzalaBridgeError && e.code === 'EXTENSION_UNAVAILABLE') {
        setPhase({ name: 'missing', what: 'EXTENSION' });
        // A busy computer can take longer than the ack time to wake the extension: keep asking quietly for a while,
        // so the tool appears by itself when the extension answers late.
        if (quietRetries < QUIET_RETRIES) setTimeout(() => void check(quietRetries + 1), QUIET_RETRY_MS);
        return;
      }
      return setPhase({ name: 'missing', what: 'EXTENSION', detail: words(e) });
    }
    if (!status.nativeHost) {
      const code = status.nativeError?.code ?? 'NATIVE_UNAVAILABLE';
      return setPhase({ name: 'missing', what: 'HOST', ...(code === 'NATIVE_UNAVAILABLE' ? {} : { detail: localizeFrom(PROTOCOL_MESSAGES, code, language) }) });
    }
    if (!status.tools.includes('token')) return setPhase({ name: 'missing', what: 'TOKEN', detail: localizeFrom(PROTOCOL_MESSAGES, 'TOOL_NOT_ALLOWED', language) });
    try {
      const { certificates } = await imzala.listCertificates();
      if (!certificates.length) return setPhase({ name: 'missing', what: 'TOKEN' });
      setChosen(0);
      setPhase({ name: 'ready', certificates });
    } catch (e) {
      setPhase({ name: 'missing', what: 'TOKEN', detail: words(e) });
    }
  }
  useEffect(() => void check(), []);

  async function sign(certificate: TokenCertificate): Promise<void> {
    onError(null);
    try {
      setPhase({ name: 'signing', step: 0, total: 0 });
      const prepared = await callApi<PreparedDigests>(`${api}/prepare?lang=${language}`, {
        method: 'POST',
        body: JSON.stringify({ certificate: certificate.certificate, chain: certificate.chain }),
      });
      const signatures: { documentId: string; signature: string }[] = [];
      for (const [i, d] of prepared.digests.entries()) {
        setPhase({ name: 'signing', step: i + 1, total: prepared.digests.length });
        const signed = await imzala.sign({ certificate: certificate.certificate, digest: d.digest, algorithm: d.digestAlgorithm as 'SHA-256', documentName: d.name });
        signatures.push({ documentId: d.documentId, signature: signed.signature });
      }
      const done = await callApi<CompletedStep>(`${api}/complete?lang=${language}`, { method: 'POST', body: JSON.stringify({ sessionId: prepared.sessionId, signatures }) });
      await onSigned(done.process);
    } catch (e) {
      onError(words(e));
      setPhase({ name: 'ready', certificates: phase.name === 'ready' ? phase.certificates : [certificate] });
    }
  }

  if (phase.name === 'checking') return <p class="hint tool" id="tool-token">{t('TOKEN_CHECKING')}</p>;
  if (phase.name === 'signing')
    return (
      <p class="hint tool" id="tool-token" aria-live="polite">
        {phase.total ? t('TOKEN_SIGNING', { n: phase.step, total: phase.total }) : t('TOKEN_PREPARING')}
      </p>
    );
  if (phase.name === 'missing')
    return (
      <div class="tool" id="tool-token">
        <p class="notice warning" id="token-missing" data-missing={phase.what}>
          {t(phase.what === 'EXTENSION' ? 'INSTALL_EXTENSION' : phase.what === 'HOST' ? 'INSTALL_HOST' : 'INSERT_TOKEN', { origin: location.origin })}
        </p>
        {phase.detail && <p class="hint">{phase.detail}</p>}
        {phase.what !== 'TOKEN' && (
          <p>
            <a href={`/qurasdirma?lang=${language}`} id="install-help" target="_blank" rel="noopener">
              {t('INSTALL_HELP')}
            </a>
          </p>
        )}
        <button type="button" class="secondary" id="token-recheck" onClick={() => void check()}>
          {t('RECHECK')}
        </button>
      </div>
    );
  const { certificates } = phase;
  return (
    <div class="tool" id="tool-token">
      <fieldset class="certificates">
        <legend>{t('CHOOSE_CERTIFICATE')}</legend>
        {certificates.map((c, i) => {
          const d = summariseTokenCertificate(c, new Date());
          return (
            <label class="certificate" data-fin={d?.fin ?? ''}>
              <input type="radio" name="certificate" checked={chosen === i} onChange={() => setChosen(i)} />
              <span>
                <strong>{d?.name ?? c.label}</strong>
                {d?.fin && ` · FIN ${d.fin}`}
                {d?.organization && ` · ${d.organization}`}
                {d?.voen && ` · VÖEN ${d.voen}`}
                {d && ` · ${t(d.validity === 'expired' ? 'CERTIFICATE_EXPIRED' : 'CERTIFICATE_VALID_UNTIL', { date: formatDateTime(d.notAfter.toISOString(), language) })}`}
                {` · ${c.token.label}`}
              </span>
            </label>
          );
        })}
      </fieldset>
      <p class="hint">{t('TOKEN_PIN_HINT')}</p>
      <button type="button" id="token-sign" onClick={() => void sign(certificates[chosen]!)}>
        {t('START')}
      </button>
    </div>
  );
}
