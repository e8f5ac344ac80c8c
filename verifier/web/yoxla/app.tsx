/**
 * The "Sənədi yoxla" page: choose or drop a file, see the progress, then the verdict, each signature, the preview
 * and the downloads. By default the file is checked in this browser (it never leaves the machine); a switch sends
 * it to the server instead. Switching the language keeps the file and checks it again in the new language, so the
 * findings (core's messages) follow too.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isImzalaError } from '../../../core/errors.js';
import { localize } from '../../../core/report/messages.js';
import { LANGUAGES, type Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import type { PageConfig } from '../page-config.js';
import { pageText, type PageMessage } from '../page-messages.js';
import { describeReport, formatSize } from '../report-view/describe-report.js';
import { checkInBrowser, pairFiles } from './check-in-browser.js';
import { CheckRefused, checkOnServer } from './check-on-server.js';
import { downloadJson, downloadPdf } from './downloads.js';
import { Preview } from './preview.js';
import { ReportPanel } from './report-panel.js';

type Where = 'browser' | 'server';

type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; file: File; content: File | null; label: PageMessage; percent: number | null }
  | { kind: 'done'; file: File; content: File | null; report: ValidationReport; where: Where }
  | { kind: 'failed'; file: File; content: File | null; message: string; code: string };

/** A refusal or failure as words for the user; a bug is logged to the console and shown as the generic message. */
function failureMessage(e: unknown, language: Language): { code: string; message: string } {
  if (e instanceof CheckRefused) {
    if (e.code === 'NETWORK') return { code: e.code, message: pageText('ERROR_NETWORK', language) };
    return { code: e.code, message: e.message };
  }
  // A detached signature alone: say what to do on this page (core's message names the CLI's --content).
  if (isImzalaError(e) && e.code === 'CMS_CONTENT_MISSING') return { code: e.code, message: pageText('CONTENT_NEEDED', language) };
  if (isImzalaError(e)) return { code: e.code, message: localize(e.code, language, e.details) };
  console.error('imzala: the check failed', e);
  return { code: 'INTERNAL_ERROR', message: pageText('ERROR_INTERNAL', language) };
}

/** Updates the address bar and the page's static parts (title, header links) for a language without reloading. */
function applyLanguage(language: Language): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  history.replaceState(null, '', url);
  document.documentElement.lang = language;
  document.title = `${pageText('PAGE_TITLE', language)} · imzala`;
  const set = (selector: string, text: string) => document.querySelectorAll(selector).forEach((el) => (el.textContent = text));
  set('main > h1', pageText('PAGE_TITLE', language));
  set('main > p.lead', pageText('PAGE_LEAD', language));
  document.querySelectorAll<HTMLAnchorElement>('header a[href^="/yoxla"]').forEach((a) => {
    const target = new URL(a.href);
    if (!a.dataset.lang) target.searchParams.set('lang', language);
    a.href = target.pathname + target.search;
  });
  document.querySelectorAll<HTMLAnchorElement>('nav.languages a').forEach((a) => {
    if (a.dataset.lang === language) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  });
  const navs = document.querySelectorAll<HTMLAnchorElement>('nav.nav a');
  if (navs[0]) navs[0].textContent = pageText('NAV_CHECK', language);
  if (navs[1]) navs[1].textContent = pageText('NAV_TRUST', language);
  document.getElementById('test-banner')?.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: 'TEST' }),
    ` ${pageText('TEST_BANNER', language)}`,
  );
}

export function App(props: { config: PageConfig }) {
  const { config } = props;
  const [language, setLanguage] = useState<Language>(config.language);
  const [onServer, setOnServer] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [pdfBusy, setPdfBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const run = useRef(0);
  const t = (code: PageMessage, details?: Record<string, unknown>) => pageText(code, language, details);

  async function check(file: File, content: File | null, where: Where, lang: Language): Promise<void> {
    const id = ++run.current;
    const update = (next: Phase) => {
      if (run.current === id) setPhase(next);
    };
    const total = file.size + (content?.size ?? 0);
    if (where === 'server' && Math.max(file.size, content?.size ?? 0) > config.maxUploadBytes) {
      const limit = formatSize(config.maxUploadBytes, lang);
      return update({ kind: 'failed', file, content, code: 'FILE_TOO_LARGE', message: pageText('ERROR_TOO_LARGE', lang, { limit }) });
    }
    try {
      let report: ValidationReport;
      if (where === 'browser') {
        update({ kind: 'working', file, content, label: 'READING', percent: 0 });
        report = await checkInBrowser(file, content, {
          language: lang,
          offline: config.offline,
          // Some bytes are read twice (structure, then the signed ranges), so stop short of 100 until done.
          onProgress: (read) => update({ kind: 'working', file, content, label: 'READING', percent: Math.min(99, Math.floor((read / Math.max(1, total)) * 100)) }),
        });
      } else {
        update({ kind: 'working', file, content, label: 'UPLOADING', percent: 0 });
        report = await checkOnServer(file, content, {
          language: lang,
          onUpload: (fraction) =>
            update(
              fraction >= 1
                ? { kind: 'working', file, content, label: 'CHECKING', percent: null }
                : { kind: 'working', file, content, label: 'UPLOADING', percent: Math.floor(fraction * 100) },
            ),
        });
      }
      update({ kind: 'done', file, content, report, where });
    } catch (e) {
      update({ kind: 'failed', file, content, ...failureMessage(e, lang) });
    }
  }

  /** One document, or a detached signature with its signed file (in either order). */
  function choose(files: FileList | null | undefined): void {
    const chosen = [...(files ?? [])].slice(0, 2);
    if (chosen.length === 0) return;
    void pairFiles(chosen).then(({ file, content }) => check(file, content, onServer ? 'server' : 'browser', language));
  }

  function switchLanguage(next: Language): void {
    if (next === language) return;
    setLanguage(next);
    applyLanguage(next);
    if (phase.kind === 'done') void check(phase.file, phase.content, phase.where, next);
    else if (phase.kind === 'failed') void check(phase.file, phase.content, onServer ? 'server' : 'browser', next);
  }

  // The language links in the header switch in place (they still work as plain links without the script).
  useEffect(() => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('nav.languages a[data-lang]')];
    const onClick = (e: MouseEvent) => {
      const lang = (e.currentTarget as HTMLAnchorElement).dataset.lang as Language;
      if (!LANGUAGES.includes(lang) || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      switchLanguage(lang);
    };
    links.forEach((a) => a.addEventListener('click', onClick));
    return () => links.forEach((a) => a.removeEventListener('click', onClick));
  });

  const view = useMemo(() => (phase.kind === 'done' ? describeReport(phase.report, language) : null), [phase, language]);
  const busy = phase.kind === 'working';

  return (
    <div class="checker">
      <div
        class={`dropzone${dragging ? ' dragging' : ''}${busy ? ' busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!busy) choose(e.dataTransfer?.files);
        }}
      >
        <p class="drop-title">{t('DROP_HERE')}</p>
        <p>
          {t('OR')}{' '}
          <label class="button" for="file">
            {t('CHOOSE_FILE')}
          </label>
        </p>
        <input
          ref={inputRef}
          id="file"
          class="visually-hidden"
          type="file"
          multiple
          disabled={busy}
          accept=".pdf,.p7s,.p7m,.asice,.sce,.asics,.scs,application/pdf,application/pkcs7-signature,application/vnd.etsi.asic-e+zip,application/vnd.etsi.asic-s+zip"
          onChange={(e) => {
            choose((e.currentTarget as HTMLInputElement).files);
            (e.currentTarget as HTMLInputElement).value = '';
          }}
        />
        <p class="formats">{t('FORMATS', { limit: formatSize(config.maxUploadBytes, language) })}</p>
        <p class="formats">{t('DETACHED_HINT')}</p>
      </div>
      <div class="where">
        <label class="switch">
          <input id="server-check" type="checkbox" checked={onServer} disabled={busy} onChange={(e) => setOnServer((e.currentTarget as HTMLInputElement).checked)} />
          {t('SERVER_SWITCH')}
        </label>
        {!onServer && <p class="private-note">{t('PRIVATE_NOTE')}</p>}
      </div>

      {phase.kind === 'working' && (
        <div class="progress" aria-live="polite">
          <p class="file-name">{phase.file.name}{phase.content ? ` + ${phase.content.name}` : ''}</p>
          <label for="progress">{t(phase.label, { percent: phase.percent ?? 0 })}</label>
          {phase.percent === null ? <progress id="progress" /> : <progress id="progress" max={100} value={phase.percent} />}
        </div>
      )}

      {phase.kind === 'failed' && (
        <div class="verdict tone-invalid failure" role="alert" data-code={phase.code}>
          <span class="verdict-symbol" aria-hidden="true">✗</span>
          <div>
            <h2>{t('ERROR_TITLE')}</h2>
            <p class="file-name">{phase.file.name}</p>
            <p class="error-message">{phase.message}</p>
          </div>
        </div>
      )}

      {phase.kind === 'done' && view && (
        <>
          <ReportPanel view={view} where={phase.where} />
          <div class="actions">
            <button type="button" id="download-json" onClick={() => downloadJson(phase.report)}>
              {t('DOWNLOAD_JSON')}
            </button>
            <button
              type="button"
              id="download-pdf"
              disabled={pdfBusy}
              onClick={() => {
                setPdfBusy(true);
                downloadPdf(phase.report, view)
                  .catch((e: unknown) => console.error('imzala: the PDF report failed', e))
                  .finally(() => setPdfBusy(false));
              }}
            >
              {pdfBusy ? t('PREPARING_PDF') : t('DOWNLOAD_PDF')}
            </button>
            <button type="button" class="secondary" id="check-another" onClick={() => (setPhase({ kind: 'idle' }), inputRef.current?.click())}>
              {t('CHECK_ANOTHER')}
            </button>
          </div>
          {phase.report.file.format === 'pdf' && <Preview file={phase.file} report={phase.report} view={view} language={language} />}
        </>
      )}
    </div>
  );
}
