/**
 * The printable PDF report: draws a ReportView (the same facts the check page shows) on A4 pages with pdf-lib.
 * Runs in the browser and in Node: no Node built-ins, no DOM; the caller supplies the font bytes.
 * Deterministic for a given view: the dates come from the report's checkedAt, and pdf-lib's subset tags come
 * from a fixed-seed generator.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Language } from '../../../core/report/message-types.js';
import type { FactRow, ProblemView, ReportView, SignatureView, Tone } from '../report-view/describe-report.js';
import { HEADING, TITLE } from '../report-view/labels.js';

/** TrueType bytes of the regular and bold faces (DejaVu Sans from dejavu-fonts-ttf covers ə, Cyrillic and the rest). */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const FOOTER_HEIGHT = 28;
const CONTENT_WIDTH = A4[0] - 2 * MARGIN;
const LABEL_WIDTH = 168;
const COLUMN_GAP = 10;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP;
const SIZE = { title: 18, verdict: 16, section: 13, heading: 11.5, text: 9.5, footer: 8 } as const;
const LEADING = 1.3;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.8, 0.8, 0.83);

/** Colours repeat what the words say (green / amber / red / grey); the words alone carry the meaning. */
const TONE_COLOURS: Record<Tone, { ink: Color; fill: Color }> = {
  valid: { ink: rgb(0.09, 0.45, 0.2), fill: rgb(0.89, 0.96, 0.9) },
  warning: { ink: rgb(0.6, 0.38, 0.0), fill: rgb(1.0, 0.95, 0.82) },
  invalid: { ink: rgb(0.72, 0.11, 0.11), fill: rgb(0.99, 0.9, 0.9) },
  unsigned: { ink: rgb(0.35, 0.35, 0.38), fill: rgb(0.93, 0.93, 0.94) },
};

/**
 * Characters a PDF text run cannot carry as they are: control characters become spaces (a file name is data and
 * may hold anything), lone surrogates a replacement character.
 */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Splits text into lines no wider than `width`: at spaces where it can, inside a word where it must (a SHA-256
 * or a long DN has no spaces to break at). `\n` starts a new line.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const lines: string[] = [];
  for (const paragraph of printable(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // A word wider than the column is cut where it reaches the edge, by whole code points.
      let rest = word;
      while (measure(rest) > width) {
        const chars = Array.from(rest);
        let fit = 1;
        while (fit < chars.length && measure(chars.slice(0, fit + 1).join('')) <= width) fit++;
        lines.push(chars.slice(0, fit).join(''));
        rest = chars.slice(fit).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Pages and a cursor: everything is drawn top-down, and a new page starts when the next block would not fit. */
class Layout {
  page!: PDFPage;
  y = 0;

  constructor(readonly doc: PDFDocument, readonly regular: PDFFont, readonly bold: PDFFont) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` more points fit above the footer. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER_HEIGHT) this.newPage();
  }

  lineHeight(size: number): number {
    return size * LEADING;
  }

  /** Draws wrapped text at `x` within `width`, moving down; splits across pages line by line. */
  text(text: string, options: { x?: number; width?: number; size?: number; font?: PDFFont; color?: Color } = {}): void {
    const { x = MARGIN, width = CONTENT_WIDTH, size = SIZE.text, font = this.regular, color = INK } = options;
    for (const line of wrapText(text, font, size, width)) {
      this.ensure(this.lineHeight(size));
      this.y -= this.lineHeight(size);
      this.page.drawText(line, { x, y: this.y + (this.lineHeight(size) - size), size, font, color });
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.ensure(8);
    this.gap(4);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + CONTENT_WIDTH, y: this.y }, thickness: 0.5, color: RULE });
    this.gap(4);
  }
}

function section(layout: Layout, title: string): void {
  layout.ensure(layout.lineHeight(SIZE.section) * 3);
  layout.gap(10);
  layout.text(title, { size: SIZE.section, font: layout.bold });
  layout.rule();
}

/** A label and its value side by side; the row moves to a new page whole when it fits on one. */
function factRow(layout: Layout, row: FactRow): void {
  const size = SIZE.text;
  const labelLines = wrapText(row.label, layout.regular, size, LABEL_WIDTH);
  const valueLines = wrapText(row.value, layout.regular, size, VALUE_WIDTH);
  const lines = Math.max(labelLines.length, valueLines.length);
  const lineHeight = layout.lineHeight(size);
  if (lines * lineHeight < A4[1] / 2) layout.ensure(lines * lineHeight + 2);
  const colour = row.tone && row.tone !== 'valid' ? TONE_COLOURS[row.tone].ink : INK;
  for (let i = 0; i < lines; i++) {
    layout.ensure(lineHeight);
    layout.y -= lineHeight;
    const baseline = layout.y + (lineHeight - size);
    const label = labelLines[i];
    const value = valueLines[i];
    if (label) layout.page.drawText(label, { x: MARGIN, y: baseline, size, font: layout.regular, color: MUTED });
    if (value) layout.page.drawText(value, { x: MARGIN + LABEL_WIDTH + COLUMN_GAP, y: baseline, size, font: layout.regular, color: colour });
  }
  layout.gap(2);
}

function problems(layout: Layout, list: readonly ProblemView[], language: Language): void {
  for (const p of list) {
    const word = p.severity === 'error' ? HEADING.error[language] : HEADING.warning[language];
    const colour = TONE_COLOURS[p.severity === 'error' ? 'invalid' : 'warning'].ink;
    layout.gap(2);
    layout.text(`${word} (${p.code}): ${p.message}`, { color: colour });
  }
}

/** The verdict in words in a box tinted with its tone, and the one-sentence summary under it. */
function verdictBox(layout: Layout, view: ReportView): void {
  const padding = 10;
  const innerWidth = CONTENT_WIDTH - 2 * padding;
  const verdictLines = wrapText(view.verdict, layout.bold, SIZE.verdict, innerWidth);
  const summaryLines = wrapText(view.summary, layout.regular, SIZE.text + 0.5, innerWidth);
  const height = verdictLines.length * layout.lineHeight(SIZE.verdict) + 4 + summaryLines.length * layout.lineHeight(SIZE.text + 0.5) + 2 * padding;
  layout.ensure(height);
  const { ink, fill } = TONE_COLOURS[view.tone];
  layout.page.drawRectangle({ x: MARGIN, y: layout.y - height, width: CONTENT_WIDTH, height, color: fill, borderColor: ink, borderWidth: 1.5 });
  layout.gap(padding);
  layout.text(view.verdict, { x: MARGIN + padding, width: innerWidth, size: SIZE.verdict, font: layout.bold, color: ink });
  layout.gap(4);
  layout.text(view.summary, { x: MARGIN + padding, width: innerWidth, size: SIZE.text + 0.5 });
  layout.gap(padding);
}

function signature(layout: Layout, sig: SignatureView, language: Language): void {
  layout.ensure(layout.lineHeight(SIZE.heading) * 4);
  layout.gap(8);
  layout.text(sig.heading, { size: SIZE.heading, font: layout.bold });
  layout.text(`${HEADING.verdict[language]}: ${sig.verdict}`, { font: layout.bold, color: TONE_COLOURS[sig.tone].ink });
  layout.gap(3);
  for (const row of sig.rows) factRow(layout, row);
  problems(layout, sig.problems, language);
  layout.rule();
}

function footers(doc: PDFDocument, font: PDFFont, language: Language): void {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const left = `imzala — ${TITLE[language]}`;
    const right = `${HEADING.page[language]} ${i + 1} / ${pages.length}`;
    const y = MARGIN - 14;
    page.drawLine({ start: { x: MARGIN, y: y + 12 }, end: { x: MARGIN + CONTENT_WIDTH, y: y + 12 }, thickness: 0.5, color: RULE });
    page.drawText(left, { x: MARGIN, y, size: SIZE.footer, font, color: MUTED });
    page.drawText(right, { x: MARGIN + CONTENT_WIDTH - font.widthOfTextAtSize(right, SIZE.footer), y, size: SIZE.footer, font, color: MUTED });
  });
}

/**
 * Renders the report view as a PDF: title, the verdict in words in a coloured box, when it was checked, the file,
 * notes about the document, every signature's facts and problems, the trusted roots, and a footer with page
 * numbers on every page. Long values (fingerprints, names) wrap within the page. Creation and modification dates
 * are the report's checkedAt, so the same view always gives the same bytes.
 */
export async function renderReportPdf(view: ReportView, fonts: ReportFonts): Promise<Uint8Array> {
  const language = view.language;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });

  const fileName = view.file.find((r) => r.key === 'fileName')?.value;
  const checked = new Date(view.checkedAtIso);
  const when = Number.isNaN(checked.getTime()) ? new Date(0) : checked;
  doc.setTitle(printable(fileName ? `${TITLE[language]}: ${fileName}` : TITLE[language]), { showInWindowTitleBar: true });
  doc.setProducer('imzala');
  doc.setCreator('imzala');
  doc.setLanguage(language);
  doc.setCreationDate(when);
  doc.setModificationDate(when);

  const layout = new Layout(doc, regular, bold);
  layout.text(TITLE[language], { size: SIZE.title, font: bold });
  layout.gap(8);
  verdictBox(layout, view);
  layout.gap(6);
  factRow(layout, { key: 'checkedAt', label: HEADING.checkedAt[language], value: view.checkedAt });

  section(layout, HEADING.file[language]);
  for (const row of view.file) factRow(layout, row);

  if (view.documentProblems.length) {
    section(layout, HEADING.documentProblems[language]);
    problems(layout, view.documentProblems, language);
  }

  if (view.signatures.length) {
    section(layout, HEADING.signatures[language]);
    for (const sig of view.signatures) signature(layout, sig, language);
  }

  section(layout, HEADING.trustAnchors[language]);
  for (const row of view.trustAnchors) factRow(layout, row);

  footers(doc, regular, language);
  return doc.save();
}
