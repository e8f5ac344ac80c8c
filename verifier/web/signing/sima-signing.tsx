/**
 * SİMA (Web2App) on the signing page: the service makes one signed contract per document; the page shows each as a QR
 * code (and, on a phone, a `sima://` link that opens the app) and polls until the app's callback has been checked and
 * the document accepted. With the SİMA simulator (tests and demos) a button plays the phone.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Language } from '../../../core/report/message-types.js';
import { callApi } from '../api-client.js';
import type { ToolProps } from './asan-signing.js';
import { signingText, type SigningPageMessage } from './signing-messages.js';

interface SimaOperation {
  documentId: string;
  name: string;
  qrUrl: string;
  deepLink: string;
  qrImage: string;
}

interface SimaRun {
  runId: string;
  expiresAt: string;
  operations: SimaOperation[];
}

interface SimaProgress {
  status: 'waiting' | 'signed' | 'failed';
  signedDocuments: string[];
  error?: { code: string; message: string };
  process?: Parameters<ToolProps['onSigned']>[0];
}

export function SimaSigning(props: ToolProps & { simulated: boolean }) {
  const { api, language, onSigned, onError } = props;
  const t = (code: SigningPageMessage, details?: Record<string, unknown>) => signingText(code, language, details);
  const [run, setRun] = useState<SimaRun | null>(null);
  const [progress, setProgress] = useState<SimaProgress | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!run || progress?.status === 'signed' || progress?.status === 'failed') return;
    const timer = setInterval(() => {
      void callApi<SimaProgress>(`${api}/sima/${run.runId}?lang=${language}`).then(
        (next) => {
          if (next.status === 'signed') return onSigned(next.process).then(() => setProgress(next));
          if (next.status === 'failed') onError(next.error?.message ?? null);
          setProgress(next);
        },
        (e: unknown) => onError(e instanceof Error ? e.message : String(e)),
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [run?.runId, progress?.status]);

  async function start(): Promise<void> {
    setBusy(true);
    onError(null);
    try {
      setProgress(null);
      setRun(await callApi<SimaRun>(`${api}/sima?lang=${language}`, { method: 'POST', body: '{}' }));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const pending = run?.operations.filter((o) => !progress?.signedDocuments.includes(o.documentId)) ?? [];
  const current = progress?.status === 'failed' ? undefined : pending[0];
  return (
    <div class="tool" id="tool-sima">
      {props.simulated && <p class="notice warning">{t('SIMA_SIMULATOR')}</p>}
      {run && current ? (
        <div class="sima-operation" data-document={current.documentId}>
          <p>{t('SIMA_SCAN', { n: run.operations.length - pending.length + 1, total: run.operations.length, name: current.name })}</p>
          <img class="qr" id="sima-qr" src={current.qrImage} alt="QR" width={240} height={240} data-url={current.qrUrl} />
          <p>
            <a class="button secondary" id="sima-deep-link" href={current.deepLink}>
              {t('SIMA_OPEN_APP')}
            </a>
            {props.simulated && <SimulateScan url={current.qrUrl} language={language} onError={onError} />}
          </p>
        </div>
      ) : (
        <button type="button" id="sima-start" disabled={busy} onClick={() => void start()}>
          {progress?.status === 'failed' ? t('RETRY') : t('SIMA_START')}
        </button>
      )}
    </div>
  );
}

/** The simulator's "phone": asks the service's simulator to scan the QR code's URL. Shown only in simulator mode. */
function SimulateScan(props: { url: string; language: Language; onError: ToolProps['onError'] }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="secondary"
      id="sima-simulate"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void callApi(`/simulator/sima/scan?lang=${props.language}`, { method: 'POST', body: JSON.stringify({ url: props.url }) })
          .catch((e: unknown) => props.onError(e instanceof Error ? e.message : String(e)))
          .finally(() => setBusy(false));
      }}
    >
      {signingText('SIMA_SIMULATE', props.language)}
    </button>
  );
}
