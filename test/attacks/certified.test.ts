/**
 * Certified documents end to end (DocMDP): what the certification level allows after signing keeps the signature
 * valid (a form fill on /P 2, a further signature), and what it forbids makes the document INVALID (an annotation
 * on /P 2: Evil Annotation; a form fill on /P 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesSource } from '../../core/io/byte-source.js';
import { PdfDocument } from '../../core/pdf/document.js';
import { PdfDict, PdfRef } from '../../core/pdf/objects.js';
import { serializePdfObject } from '../../core/pdf/serialize.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { appendSection, lastStartxref } from '../fixtures/pdf/raw-pdf.js';
import { imzala, tempDir, verifyJson } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let form: string;

const FIELD = 10;
const PAGE = 3;

/** The sample contract with a text field "amount" (object 10) on its page. */
function withFormField(pdf: Uint8Array): Uint8Array {
  return appendSection(
    pdf,
    [
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> >>' },
      { num: PAGE, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [10 0 R] >>' },
      { num: FIELD, body: '<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /V (100) /Rect [72 600 200 620] /P 3 0 R >>' },
    ],
    { trailer: '/Size 11 /Root 1 0 R', prev: lastStartxref(pdf) },
  );
}

/** An update that fills the field with a new value. */
function fill(pdf: Uint8Array, value: string): Uint8Array {
  return appendSection(
    pdf,
    [{ num: FIELD, body: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /V (${value}) /Rect [72 600 200 620] /P 3 0 R >>` }],
    { trailer: `/Size 40 /Root 1 0 R`, prev: lastStartxref(pdf) },
  );
}

/** An update that puts a free-text annotation over the page (Evil Annotation). */
async function annotate(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PdfDocument.open(bytesSource(pdf));
  const page = (await doc.fetch(new PdfRef(PAGE, 0))) as PdfDict;
  const copy = page.clone();
  const annots = (await doc.resolve(page.get('Annots'))) as PdfRef[];
  copy.set('Annots', [...annots, new PdfRef(39, 0)]);
  return appendSection(
    pdf,
    [
      { num: 39, body: '<< /Type /Annot /Subtype /FreeText /Rect [72 700 400 760] /Contents (TEST contract: 9000 AZN) /DA (/Helv 18 Tf 0 g) >>' },
      { num: PAGE, body: serializePdfObject(copy) },
    ],
    { trailer: '/Size 40 /Root 1 0 R', prev: lastStartxref(pdf) },
  );
}

function certify(level: 1 | 2 | 3): Uint8Array {
  const out = join(tmp.dir, `certified-${level}.pdf`);
  const r = imzala(['sign', form, '--out', out, '--p12', pki.p12('citizen'), '--pass-env', 'P', '--certify', String(level)], { P: pki.password });
  expect(r.status, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(out));
}

function check(bytes: Uint8Array, name: string) {
  const file = join(tmp.dir, name);
  writeFileSync(file, bytes);
  return verifyJson(file, ['--trust', pki.trust]).report;
}

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  form = join(tmp.dir, 'form.pdf');
  writeFileSync(form, withFormField(samplePdf(['TEST contract', 'Amount: see the field'])));
});

afterAll(() => tmp?.cleanup());

describe('certified documents', () => {
  it('a certified document is VALID', () => {
    expect(check(certify(2), 'c2.pdf').status).toBe('VALID');
  });

  it('/P 2: a form fill is permitted (VALID_WITH_WARNINGS, the change named), the signature stays TOTAL_PASSED', () => {
    const report = check(fill(certify(2), '900'), 'c2-filled.pdf');
    expect(report.status).toBe('VALID_WITH_WARNINGS');
    expect(report.signatures[0].indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0].modificationsAfter).toBe('permitted');
    expect(report.signatures[0].warnings.map((w: any) => w.code)).toContain('FORM_FIELD_CHANGED');
  });

  it('/P 2: an annotation over the content (Evil Annotation) is disallowed: INVALID', async () => {
    const report = check(await annotate(certify(2)), 'c2-annotated.pdf');
    expect(report.status).toBe('INVALID');
    expect(report.signatures[0].modificationsAfter).toBe('disallowed');
  });

  it('/P 3: the same annotation is permitted', async () => {
    const report = check(await annotate(certify(3)), 'c3-annotated.pdf');
    expect(report.status).toBe('VALID_WITH_WARNINGS');
    expect(report.signatures[0].modificationsAfter).toBe('permitted');
  });

  it('/P 1: a form fill is disallowed, and imzala refuses to add a signature', () => {
    const c1 = certify(1);
    expect(check(fill(c1, '900'), 'c1-filled.pdf').status).toBe('INVALID');
    const c1File = join(tmp.dir, 'c1.pdf');
    writeFileSync(c1File, c1);
    const r = imzala(['sign', c1File, '--out', join(tmp.dir, 'c1-2.pdf'), '--p12', pki.p12('business'), '--pass-env', 'P'], { P: pki.password });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('PDF_CERTIFIED_NO_CHANGES');
  });

  it('only the first signature may certify', () => {
    const c2 = join(tmp.dir, 'c2-again.pdf');
    writeFileSync(c2, certify(2));
    const r = imzala(['sign', c2, '--out', join(tmp.dir, 'c2-twice.pdf'), '--p12', pki.p12('business'), '--pass-env', 'P', '--certify', '2'], { P: pki.password });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('PDF_CERTIFICATION_NOT_FIRST');
  });
});
