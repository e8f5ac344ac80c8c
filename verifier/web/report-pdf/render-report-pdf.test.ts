/**
 * The printable PDF report, read back with poppler (pdftotext, pdfinfo) as a person's viewer would: the facts of a
 * real report (a sample PDF signed with the TEST hierarchy and checked by core) in az and ru, long fingerprints
 * wrapped rather than cut, page numbers, many pages for many signatures, and the same bytes for the same report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../../test/support/cli.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { describeReport } from '../report-view/describe-report.js';
import { createReportMaker, type ReportMaker } from '../../../test/support/report-maker.js';
import { renderReportPdf, type ReportFonts } from './render-report-pdf.js';

let maker: ReportMaker;
let dir: string;
let fonts: ReportFonts;
let twice: Uint8Array;
let reportAz: ValidationReport;

/** Font file reading stays here: the renderer only takes bytes (it also runs in the browser). */
function loadFonts(): ReportFonts {
  const ttf = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: readFileSync(join(ttf, 'DejaVuSans.ttf')), bold: readFileSync(join(ttf, 'DejaVuSans-Bold.ttf')) };
}

let n = 0;
function save(pdf: Uint8Array): string {
  const path = join(dir, `report-${++n}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

const pdftotext = (path: string) => run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { check: true }).stdout;
const pdfinfo = (path: string) => run('pdfinfo', ['-isodates', path], { check: true }).stdout;
/** The text of the value column only (x from 220 pt), so the label column cannot interleave with it. */
const valueColumn = (path: string) => run('pdftotext', ['-layout', '-enc', 'UTF-8', '-x', '220', '-y', '0', '-W', '380', '-H', '842', path, '-'], { check: true }).stdout;
/** The right edge of the rightmost word on any page (pdftotext -bbox), to show nothing runs off the page. */
function rightmostWordEdge(path: string): number {
  const html = run('pdftotext', ['-bbox', path, '-'], { check: true }).stdout;
  return Math.max(...[...html.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
}
const squeeze = (s: string) => s.replace(/\s+/g, '');
const pagesOf = (info: string) => Number(/^Pages:\s+(\d+)/m.exec(info)![1]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-report-pdf-'));
  fonts = loadFonts();
  maker = await createReportMaker();
  const once = await maker.sign(maker.plain, 'citizen', { reason: 'Razıyam', location: 'Bakı' });
  twice = await maker.sign(once, 'business');
  reportAz = await maker.check(twice, 'az');
});

afterAll(() => {
  maker.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('renderReportPdf', () => {
  it('az: the title, the verdict in words, the signers with FIN and VÖEN, the file and anchor fingerprints', async () => {
    const path = save(await renderReportPdf(describeReport(reportAz, 'az'), fonts));
    const text = pdftotext(path);
    expect(text).toContain('Sənədin yoxlanılması hesabatı');
    expect(text).toContain('Etibarlıdır');
    expect(text).toContain(maker.names.citizen);
    expect(text).toContain(maker.names.business);
    expect(text).toContain('1TEST01');
    expect(text).toContain('1TEST02');
    expect(text).toContain('9900000001');
    expect(text).toContain('TEST Nümunə MMC');
    expect(text).toContain('müqavilə.pdf');
    expect(text).toContain('(Bakı, UTC+4)');
    // Long fingerprints wrap instead of running off the page: compare without the line breaks.
    expect(squeeze(text)).toContain(reportAz.file.sha256);
    expect(squeeze(text)).toContain(reportAz.trustAnchors[0]!.sha256);
    // The business signer's DN is longer than the value column: wrapped inside the column (read the column alone).
    expect(squeeze(valueColumn(path))).toContain(squeeze(`1. ${reportAz.signatures[1]!.chain[0]!.subject}`));
    const right = rightmostWordEdge(path);
    expect(right).toBeGreaterThan(400);
    expect(right).toBeLessThanOrEqual(595.28 - 48 + 0.5);
    expect(text).toMatch(/Səhifə 1 \/ \d/);
    expect(text).toContain('imzala');
    const info = pdfinfo(path);
    expect(info).toMatch(/^Title:\s+Sənədin yoxlanılması hesabatı: müqavilə\.pdf$/m);
    expect(info).toMatch(/^Producer:\s+imzala$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toMatch(new RegExp(`^CreationDate:\\s+${reportAz.checkedAt.slice(0, 19)}Z$`, 'm'));
  });

  it('ru: Cyrillic extracts correctly; the names stay as they are', async () => {
    const report = await maker.check(twice, 'ru');
    const text = pdftotext(save(await renderReportPdf(describeReport(report, 'ru'), fonts)));
    expect(text).toContain('Отчёт о проверке документа');
    expect(text).toContain('Действителен');
    expect(text).toContain(`Подпись 1: ${maker.names.citizen}`);
    expect(text).toContain('Цепочка сертификатов');
    expect(text).toContain('1TEST01');
    expect(text).toMatch(/Страница 1 \/ \d/);
  });

  it('a tampered document: "Etibarsızdır" and core\'s reason in the PDF', async () => {
    const bytes = twice.slice();
    const at = new TextDecoder('latin1').decode(bytes).indexOf('TEST contract');
    bytes[at] = 'X'.charCodeAt(0);
    const report = await maker.check(bytes, 'az');
    expect(report.status).toBe('INVALID');
    const text = pdftotext(save(await renderReportPdf(describeReport(report, 'az'), fonts)));
    expect(text).toContain('Etibarsızdır');
    expect(squeeze(text)).toContain(squeeze(report.signatures[0]!.errors[0]!.message));
  });

  it('the same report gives the same bytes (dates from checkedAt, fixed subset tags)', async () => {
    const view = describeReport(reportAz, 'az');
    const a = await renderReportPdf(view, fonts);
    const b = await renderReportPdf(view, fonts);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('12 signatures take more than one page, numbered on every page', async () => {
    let pdf = maker.plain;
    for (let i = 0; i < 12; i++) pdf = await maker.sign(pdf, i % 2 ? 'business' : 'citizen');
    const report = await maker.check(pdf, 'en');
    expect(report.signatures).toHaveLength(12);
    const path = save(await renderReportPdf(describeReport(report, 'en'), fonts));
    const pages = pagesOf(pdfinfo(path));
    expect(pages).toBeGreaterThan(1);
    const text = pdftotext(path);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} / ${pages}`);
    expect(text).toContain('Signature 12:');
  });

  it('a hostile file name (control characters, emoji, CJK, a 3000-character run) is drawn as data, wrapped', async () => {
    const name = `a\u0000b\u0007c\r\n😀漢字\ud800${'x'.repeat(3000)}.pdf`;
    const path = save(await renderReportPdf(describeReport({ ...reportAz, file: { ...reportAz.file, name } }, 'en'), fonts));
    expect(pagesOf(pdfinfo(path))).toBeGreaterThanOrEqual(1);
    expect(squeeze(pdftotext(path))).toContain('x'.repeat(200));
  });
});
