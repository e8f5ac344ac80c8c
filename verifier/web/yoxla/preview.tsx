/**
 * The PDF's pages rendered with pdf.js, as the document is now or as a chosen signature signed it: a signature
 * covers the bytes up to the end of its revision, so that prefix of the file IS the signed version. Signature fields
 * are outlined, the chosen signature's field more strongly. pdf.js (and its worker) load only when a PDF is shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { pageText } from '../page-messages.js';
import type { ReportView } from '../report-view/describe-report.js';

type PdfJs = typeof import('pdfjs-dist');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

const PDFJS_URL = '/assets/pdfjs/build/pdf.min.mjs';
const PAGES_AT_FIRST = 5;
/** The widest a page is drawn, in CSS pixels. */
const MAX_PAGE_WIDTH = 820;

let pdfjsOnce: Promise<PdfJs> | undefined;

/** pdf.js, loaded once, with its worker from this origin. */
export function loadPdfJs(): Promise<PdfJs> {
  // A URL in a variable: the bundler leaves the import to the browser, which fetches pdf.js from this origin.
  const url = PDFJS_URL;
  pdfjsOnce ??= (import(/* @vite-ignore */ url) as Promise<PdfJs>).then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdfjs/build/pdf.worker.min.mjs';
    return pdfjs;
  });
  return pdfjsOnce;
}

export interface PreviewChoice {
  key: string;
  label: string;
  /** Bytes of the file that make this version. */
  end: number;
  revision: number | null;
  /** The signature field to emphasise. */
  fieldName: string | null;
}

/** The versions worth showing: the document now, and each signature's signed revision when it is an earlier one. */
export function previewChoices(report: ValidationReport, view: ReportView, language: Language): PreviewChoice[] {
  const now: PreviewChoice = {
    key: 'now',
    label: pageText('PREVIEW_CURRENT', language, { revision: report.revisions ?? 1 }),
    end: report.file.size,
    revision: report.revisions ?? null,
    fieldName: null,
  };
  const signed = report.signatures.flatMap((s, i): PreviewChoice[] => {
    const range = s.coverage?.byteRange;
    if (!range || range.length !== 4) return [];
    const end = range[2]! + range[3]!;
    if (end <= 0 || end > report.file.size) return [];
    return [
      {
        key: s.id,
        label: pageText('PREVIEW_SIGNED', language, { heading: view.signatures[i]?.heading ?? s.id, revision: s.coverage?.revision ?? '?' }),
        end,
        revision: s.coverage?.revision ?? null,
        fieldName: s.fieldName ?? null,
      },
    ];
  });
  return [now, ...signed];
}

interface SignatureBox {
  left: number;
  top: number;
  width: number;
  height: number;
  name: string;
}

/** One page drawn on a canvas, signature fields outlined (the one named `fieldName` strongly). */
export function PageCanvas(props: { doc: PdfDocument; pageNumber: number; pages: number; language: Language; fieldName: string | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [boxes, setBoxes] = useState<SignatureBox[]>([]);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<unknown> } | undefined;
    void (async () => {
      const page = await props.doc.getPage(props.pageNumber);
      const base = page.getViewport({ scale: 1 });
      // The column's width (the sheet itself has no size until the page is drawn).
      const column = canvasRef.current?.closest('.pages')?.clientWidth;
      const width = Math.min(MAX_PAGE_WIDTH, column || MAX_PAGE_WIDTH);
      const viewport = page.getViewport({ scale: width / base.width });
      const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
      const canvas = canvasRef.current;
      if (!canvas || cancelled) return;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      setSize({ width: viewport.width, height: viewport.height });
      task = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      await task.promise.catch(() => undefined);
      const annotations = (await page.getAnnotations({ intent: 'display' })) as { subtype?: string; fieldType?: string; rect?: number[]; fieldName?: string }[];
      if (cancelled) return;
      setBoxes(
        annotations
          .filter((a) => a.subtype === 'Widget' && a.fieldType === 'Sig' && Array.isArray(a.rect) && a.rect.length === 4)
          .map((a) => {
            const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(a.rect!) as [number, number, number, number];
            return { left: Math.min(x1, x2), top: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1), name: a.fieldName ?? '' };
          })
          // Invisible signatures have an empty rectangle: nothing to outline.
          .filter((b) => b.width >= 2 && b.height >= 2),
      );
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [props.doc, props.pageNumber]);
  const label = pageText('PREVIEW_PAGE', props.language, { page: props.pageNumber, pages: props.pages });
  return (
    <figure class="page">
      <div class="page-sheet" style={size ? { width: `${size.width}px`, height: `${size.height}px` } : undefined}>
        <canvas ref={canvasRef} aria-label={label} style={size ? { width: `${size.width}px`, height: `${size.height}px` } : undefined} />
        {boxes.map((b) => (
          <div
            class={`signature-box${props.fieldName !== null && b.name === props.fieldName ? ' chosen' : ''}`}
            style={{ left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px` }}
            title={`${pageText('PREVIEW_SIGNATURE_FIELD', props.language)}: ${b.name}`}
          >
            <span>{pageText('PREVIEW_SIGNATURE_FIELD', props.language)}</span>
          </div>
        ))}
      </div>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/** Opens `bytes()` with pdf.js (again whenever one of `deps` changes); null while loading, 'failed' when it cannot. */
/** Where pdf.js comes from: the service's own copy (its pages), or one bundled by the extension (its pages). */
export interface PdfJsSource {
  load(): Promise<PdfJs>;
  /** Extra getDocument options (font and CMap locations the source serves). */
  options: Record<string, unknown>;
}

export const SERVICE_PDFJS: PdfJsSource = {
  load: loadPdfJs,
  options: { standardFontDataUrl: '/assets/pdfjs/standard_fonts/', cMapUrl: '/assets/pdfjs/cmaps/', cMapPacked: true },
};

export function usePdfDocument(deps: readonly unknown[], bytes: () => Promise<Uint8Array>, source: PdfJsSource = SERVICE_PDFJS): PdfDocument | null | 'failed' {
  const [doc, setDoc] = useState<PdfDocument | null | 'failed'>(null);
  useEffect(() => {
    let cancelled = false;
    let loading: { destroy(): Promise<void> } | undefined;
    setDoc(null);
    void (async () => {
      try {
        const pdfjs = await source.load();
        const task = pdfjs.getDocument({ data: await bytes(), isEvalSupported: false, enableXfa: false, ...source.options });
        loading = task;
        const opened = await task.promise;
        if (!cancelled) setDoc(opened);
      } catch {
        if (!cancelled) setDoc('failed');
      }
    })();
    return () => {
      cancelled = true;
      void loading?.destroy();
    };
  }, deps);
  return doc;
}

export function Preview(props: { file: File; report: ValidationReport; view: ReportView; language: Language }) {
  const choices = previewChoices(props.report, props.view, props.language);
  const [choiceKey, setChoiceKey] = useState('now');
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0]!;
  const opened = usePdfDocument([props.file, choice.end], async () => new Uint8Array(await props.file.slice(0, choice.end).arrayBuffer()));
  const doc = opened === 'failed' ? null : opened;
  const failed = opened === 'failed';
  const [showAll, setShowAll] = useState(false);

  const later = (props.report.revisions ?? 0) - (choice.revision ?? props.report.revisions ?? 0);
  const pages = doc?.numPages ?? 0;
  const shown = showAll ? pages : Math.min(pages, PAGES_AT_FIRST);
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{pageText('PREVIEW', props.language)}</h2>
      {choices.length > 1 && (
        <div class="revision-choice" role="radiogroup">
          {choices.map((c) => (
            <label class={c.key === choice.key ? 'chosen' : ''}>
              <input type="radio" name="revision" value={c.key} checked={c.key === choice.key} onChange={() => setChoiceKey(c.key)} />
              {c.label}
            </label>
          ))}
        </div>
      )}
      {choice.key !== 'now' && later > 0 && <p class="notice warning">{pageText('PREVIEW_LATER_CHANGES', props.language, { count: later })}</p>}
      {failed && <p class="notice">{pageText('PREVIEW_FAILED', props.language)}</p>}
      <div class="pages" data-revision={choice.revision ?? ''} data-pages={pages}>
        {doc &&
          Array.from({ length: shown }, (_, i) => (
            <PageCanvas key={`${choice.key}-${i}`} doc={doc} pageNumber={i + 1} pages={pages} language={props.language} fieldName={choice.fieldName} />
          ))}
      </div>
      {doc && shown < pages && (
        <button type="button" class="secondary" onClick={() => setShowAll(true)}>
          {pageText('PREVIEW_MORE_PAGES', props.language, { count: pages - shown })}
        </button>
      )}
    </section>
  );
}
