/**
 * The browser-action popup: is the helper program there (which version), is a token inserted, which signing
 * certificates it holds, and links to check a document, sign a local file and the settings.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BridgeError } from '../../../../core/protocol/codes.js';
import type { TokenCertificate } from '../../../../core/protocol/native.js';
import type { PageStatusResult } from '../../../../core/protocol/page.js';
import type { EffectiveSettings } from '../../lib/settings.js';
import { BridgeFailure, fetchStatus, listTokenCertificates } from '../../ui/background-client.js';
import { CertificateCard, ManagedMark } from '../../ui/certificate-card.js';
import { summariseTokenCertificate } from '../../../../core/protocol/certificate-summary.js';
import { bridgeErrorText, errorText } from '../../ui/error-words.js';
import { t } from '../../ui/i18n.js';
import { INSTALL_HELP_PATH, serviceLink } from '../../ui/service-links.js';
import { ThisTab } from './this-tab.js';

type Load<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; words: string; code?: string };

function failed(e: unknown): { state: 'failed'; words: string; code?: string } {
  return e instanceof BridgeFailure ? { state: 'failed', words: errorText(e), code: e.error.code } : { state: 'failed', words: errorText(e) };
}

/** Why the host or the token cannot be used, in words, with the install link when the host is missing. */
function HostProblem({ error, installUrl }: { error: BridgeError; installUrl: string | undefined }) {
  return (
    <p class="status-line error" id="host-error" data-code={error.code}>
      {bridgeErrorText(error)}
      {error.code === 'NATIVE_UNAVAILABLE' && installUrl !== undefined && (
        <>
          {' '}
          <a href={installUrl} target="_blank" rel="noopener" id="install-help">
            {t('popup_install_help')}
          </a>
        </>
      )}
    </p>
  );
}

function Certificates({ list }: { list: Load<TokenCertificate[]> }) {
  if (list.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (list.state === 'failed') {
    return (
      <p class="error" id="certificates-error" data-code={list.code}>
        {list.words}
      </p>
    );
  }
  if (list.value.length === 0) return <p class="muted" id="no-certificates">{t('popup_no_certificates')}</p>;
  const now = new Date();
  return (
    <div id="certificates">
      {list.value.map((entry) => {
        const summary = summariseTokenCertificate(entry, now);
        return summary ? (
          <CertificateCard key={entry.certificate} summary={summary} />
        ) : (
          <p class="error" key={entry.certificate}>
            {entry.label}: {t('cert_unreadable')}
          </p>
        );
      })}
    </div>
  );
}

export function Popup({ effective, extensionUrl }: { effective: EffectiveSettings; extensionUrl: (path: string) => string }) {
  const [status, setStatus] = useState<Load<PageStatusResult>>({ state: 'loading' });
  const [certificates, setCertificates] = useState<Load<TokenCertificate[]>>({ state: 'loading' });
  const { settings, managed } = effective;

  useEffect(() => {
    fetchStatus().then(
      (value) => {
        setStatus({ state: 'done', value });
        const host = value.nativeHost;
        // Only a host with a library and a token can list certificates; otherwise the status already says why.
        if (host && host.library !== null && host.tokens.length > 0) {
          listTokenCertificates().then((list) => setCertificates({ state: 'done', value: list.certificates }), (e: unknown) => setCertificates(failed(e)));
        }
      },
      (e: unknown) => setStatus(failed(e)),
    );
  }, []);

  const checkUrl = serviceLink(settings, '/yoxla');
  const installUrl = serviceLink(settings, INSTALL_HELP_PATH);

  return (
    <main>
      <h1 id="title">
        {t('extensionName')}
        {managed.length > 0 && <ManagedMark />}
      </h1>
      <section id="host">
        <h2>{t('popup_host_heading')}</h2>
        {status.state === 'loading' && <p class="muted">{t('loading')}</p>}
        {status.state === 'failed' && (
          <p class="error" id="host-error" data-code={status.code}>
            {status.words}
          </p>
        )}
        {status.state === 'done' && status.value.nativeHost === null && (
          <HostProblem error={status.value.nativeError ?? { code: 'NATIVE_UNAVAILABLE', message: '' }} installUrl={installUrl} />
        )}
        {status.state === 'done' && status.value.nativeHost !== null && (
          <p class="status-line ok" id="host-version">
            {t('popup_host_present', status.value.nativeHost.version)}
          </p>
        )}
      </section>
      {status.state === 'done' && status.value.nativeHost !== null && (
        <section id="token">
          <h2>{t('popup_token_heading')}</h2>
          {status.value.nativeHost.library === null ? (
            <HostProblem error={{ code: 'TOKEN_LIBRARY_NOT_FOUND', message: '' }} installUrl={installUrl} />
          ) : status.value.nativeHost.tokens.length === 0 ? (
            <HostProblem error={{ code: 'TOKEN_ABSENT', message: '' }} installUrl={installUrl} />
          ) : (
            status.value.nativeHost.tokens.map((token) => (
              <div key={token.slotId} class="token">
                <p class="status-line ok token-label">{t('popup_token_present', token.label)}</p>
                {token.pinLocked && <p class="status-line error">{t('popup_token_pin_locked')}</p>}
                {!token.pinLocked && token.pinCountLow && <p class="status-line warn">{t('popup_token_pin_low')}</p>}
              </div>
            ))
          )}
          {status.value.nativeHost.library !== null && status.value.nativeHost.tokens.length > 0 && (
            <>
              <h2>{t('popup_certificates_heading')}</h2>
              <Certificates list={certificates} />
            </>
          )}
        </section>
      )}
      <ThisTab />
      <nav class="links">
        {checkUrl !== undefined && (
          <a href={checkUrl} target="_blank" rel="noopener" id="link-check">
            {t('link_check')}
          </a>
        )}
        <a href={extensionUrl('/sign.html')} target="_blank" rel="noopener" id="link-sign">
          {t('link_sign_file')}
        </a>
        <a href={extensionUrl('/options.html')} target="_blank" rel="noopener" id="link-options">
          {t('link_options')}
        </a>
      </nav>
    </main>
  );
}
