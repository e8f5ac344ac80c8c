/**
 * A PDF attachment's first pages, drawn with pdf.js and the /yoxla page's PageCanvas. pdf.js is bundled into this
 * page's chunk and its worker is an extension file (Vite's `?url` emits it), so nothing is fetched from elsewhere.
 */
import { useState } from 'preact/hooks';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { Language } from '../../../core/report/message-types.js';
import { PageCanvas, usePdfDocument, type PdfJsSource } from '../../../verifier/web/yoxla/preview.js';
import { t } from './i18n.js';

const PAGES_AT_FIRST = 3;

/** pdf.js bundled into this page's chunk, its worker an extension file. */
const EXTENSION_PDFJS: PdfJsSource = {
  load: async () => {
    const pdfjs = await import('pdfjs-dist');
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  },
  options: {},
};

export function AttachmentPreview(props: { bytes: Uint8Array; language: Language }) {
  // pdf.js takes the buffer over: give it a copy so the page keeps its own bytes.
  const opened = usePdfDocument([props.bytes], async () => props.bytes.slice(), EXTENSION_PDFJS);
  const [showAll, setShowAll] = useState(false);
  const doc = opened === 'failed' ? null : opened;
  const pages = doc?.numPages ?? 0;
  const shown = showAll ? pages : Math.min(pages, PAGES_AT_FIRST);
  return (
    <section class="preview" id="preview" data-pages={pages}>
      <h2>{t('att_preview')}</h2>
      {opened === null && <p class="muted">{t('loading')}</p>}
      {opened === 'failed' && <p class="muted">{t('att_preview_failed')}</p>}
      <div class="pages">
        {doc && Array.from({ length: shown }, (_, i) => <PageCanvas key={i} doc={doc} pageNumber={i + 1} pages={pages} language={props.language} fieldName={null} />)}
      </div>
      {doc && shown < pages && (
        <button type="button" class="secondary" onClick={() => setShowAll(true)}>
          {t('att_preview_more', pages - shown)}
        </button>
      )}
    </section>
  );
}
