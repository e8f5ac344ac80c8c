/**
 * The two downloads of a result: the report JSON exactly as checked (imzala.report/1), and the printable PDF report
 * made in the browser from the same view the page shows (the PDF code and its fonts load only on demand).
 */
import type { ValidationReport } from '../../../core/report/report.js';
import type { ReportView } from '../report-view/describe-report.js';
import { saveBlob } from '../save-blob.js';

/** A name for a download from the checked file's name: letters, digits, dot, dash and underscore only. */
export function downloadName(fileName: string, suffix: string): string {
  const base = fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '').normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80);
  return `${base || 'document'}-${suffix}`;
}

function save(bytes: BlobPart, type: string, name: string): void {
  saveBlob(new Blob([bytes], { type }), name);
}

export function downloadJson(report: ValidationReport): void {
  save(`${JSON.stringify(report, null, 2)}\n`, 'application/json', downloadName(report.file.name, 'yoxlama.json'));
}

async function fontBytes(name: string): Promise<Uint8Array> {
  const res = await fetch(`/assets/fonts/${name}`);
  if (!res.ok) throw new Error(`font ${name}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function downloadPdf(report: ValidationReport, view: ReportView): Promise<void> {
  const [{ renderReportPdf }, regular, bold] = await Promise.all([
    import('../report-pdf/render-report-pdf.js'),
    fontBytes('DejaVuSans.ttf'),
    fontBytes('DejaVuSans-Bold.ttf'),
  ]);
  const pdf = await renderReportPdf(view, { regular, bold });
  save(pdf as Uint8Array<ArrayBuffer>, 'application/pdf', downloadName(report.file.name, 'yoxlama.pdf'));
}
