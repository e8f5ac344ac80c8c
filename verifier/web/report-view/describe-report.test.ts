/**
 * The report as people read it, from real reports: a sample PDF signed in process with the TEST hierarchy and
 * checked by core, then tampered with; labels in the three languages; no "null" anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { describeReport, formatDateTime, formatSize, type ReportView } from './describe-report.js';
import { createReportMaker, type ReportMaker } from '../../../test/support/report-maker.js';

let maker: ReportMaker;
let signed: Uint8Array;
let twice: Uint8Array;

/** Flips one byte of the sample contract's page text: inside every signature's signed range. */
function tamper(pdf: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(pdf);
  const at = text.indexOf('TEST contract');
  expect(at).toBeGreaterThan(0);
  const copy = pdf.slice();
  copy[at] = 'X'.charCodeAt(0);
  return copy;
}

function everyString(view: ReportView): string[] {
  return [
    view.verdict, view.summary, view.checkedAt,
    ...[...view.file, ...view.trustAnchors].flatMap((r) => [r.label, r.value]),
    ...view.signatures.flatMap((s) => [s.heading, s.verdict, ...s.rows.flatMap((r) => [r.label, r.value]), ...s.problems.map((p) => p.message)]),
    ...view.documentProblems.map((p) => p.message),
  ];
}

const rowValue = (view: ReportView, signature: number, key: string) => view.signatures[signature]!.rows.find((r) => r.key === key)?.value;

beforeAll(async () => {
  maker = await createReportMaker();
  signed = await maker.sign(maker.plain, 'citizen', { reason: 'Razıyam', location: 'Bakı' });
  twice = await maker.sign(signed, 'business');
});

afterAll(() => maker.cleanup());

describe('describeReport on a real signed PDF', () => {
  it('a valid signature: green, the signer\'s name and FIN, the words "Etibarlıdır"', async () => {
    const view = describeReport(await maker.check(signed, 'az'), 'az');
    expect(view.tone).toBe('valid');
    expect(view.verdict).toBe('Etibarlıdır');
    expect(view.signatures).toHaveLength(1);
    const sig = view.signatures[0]!;
    expect(sig.tone).toBe('valid');
    expect(sig.verdict).toBe('Etibarlıdır');
    expect(sig.heading).toBe(`İmza 1: ${maker.names.citizen}`);
    expect(rowValue(view, 0, 'signer')).toBe(maker.names.citizen);
    expect(rowValue(view, 0, 'fin')).toBe('1TEST01');
    expect(sig.rows.find((r) => r.key === 'fin')!.label).toBe('FİN');
    expect(rowValue(view, 0, 'certificateType')).toBe('Şəxsi (vətəndaş)');
    expect(rowValue(view, 0, 'reason')).toBe('Razıyam');
    expect(rowValue(view, 0, 'location')).toBe('Bakı');
    expect(rowValue(view, 0, 'signingTime')).toMatch(/\(Bakı, UTC\+4\) \(imzalayanın öz saatı, təsdiqlənməyib\)$/);
    expect(rowValue(view, 0, 'modifications')).toMatch(/^Yoxdur/);
    expect(rowValue(view, 0, 'coverage')).toBe('Faylın hamısı (versiya 2 / 2)');
    expect(rowValue(view, 0, 'chain')!.split('\n')).toHaveLength(4);
    expect(rowValue(view, 0, 'chain')!.split('\n')[3]).toMatch(/^4\. CN=TEST AZ Root Authority/);
    expect(sig.revision).toBe(2);
    expect(sig.problems).toEqual([]);
    expect(view.summary).toContain(maker.names.citizen);
    expect(view.summary).toContain('dəyişdirilməyib');
    // The TEST hierarchy's root is the only anchor: the view says so, in words.
    expect(view.documentProblems.map((p) => p.code)).toEqual(['TEST_TRUST_ANCHORS_ONLY']);
    expect(view.trustAnchors[0]!.value).toMatch(/TEST AZ Root Authority/);
    expect(view.trustAnchors[1]).toMatchObject({ value: expect.stringMatching(/^[0-9a-f]{64}$/), mono: true });
  });

  it('the file facts: name as given, human size, SHA-256 in mono, revisions', async () => {
    const report = await maker.check(signed, 'az');
    const view = describeReport(report, 'az');
    const file = Object.fromEntries(view.file.map((r) => [r.key, r]));
    expect(file.fileName!.value).toBe('müqavilə.pdf');
    expect(file.fileSize!.value).toMatch(/^\d+,\d KB \(\d+\u00a0\d{3} bayt\)$/);
    expect(file.fileSha256).toMatchObject({ value: report.file.sha256, mono: true });
    expect(file.revisions!.value).toBe('2');
    expect(file.fileFormat!.value).toBe('PDF');
  });

  it('two signers: the business signer\'s organisation, VÖEN and title; the first covers an earlier revision', async () => {
    const view = describeReport(await maker.check(twice, 'az'), 'az');
    expect(view.tone).toBe('valid');
    expect(view.signatures.map((s) => s.revision)).toEqual([2, 3]);
    expect(rowValue(view, 1, 'voen')).toBe('9900000001');
    expect(rowValue(view, 1, 'organization')).toBe('TEST Nümunə MMC');
    expect(rowValue(view, 1, 'title')).toBe('TEST Hüquqi Təmsilçi');
    expect(rowValue(view, 1, 'certificateType')).toBe('İş (biznes)');
    expect(rowValue(view, 0, 'coverage')).toMatch(/^Sənədin imzalandığı andakı versiyası.*\(versiya 2 \/ 3\)$/);
    expect(rowValue(view, 1, 'coverage')).toBe('Faylın hamısı (versiya 3 / 3)');
    expect(view.summary).toContain(maker.names.citizen);
    expect(view.summary).toContain(maker.names.business);
    expect(view.summary).toContain('imza sayı: 2');
  });

  it('a byte flipped inside the signed range: red, "Etibarsızdır", and the reason from core', async () => {
    const report = await maker.check(tamper(signed), 'az');
    const view = describeReport(report, 'az');
    expect(view.tone).toBe('invalid');
    expect(view.verdict).toBe('Etibarsızdır');
    const sig = view.signatures[0]!;
    expect(sig.tone).toBe('invalid');
    expect(sig.verdict).toBe('Etibarsızdır');
    expect(sig.problems.length).toBeGreaterThan(0);
    expect(sig.problems[0]).toEqual({ severity: 'error', code: report.signatures[0]!.errors[0]!.code, message: report.signatures[0]!.errors[0]!.message });
    expect(sig.problems[0]!.message).toMatch(/dəyişdirilib/);
    expect(view.summary).toMatch(/güvənməyin/);
  });

  it('an unsigned PDF: grey, "İmzasızdır"', async () => {
    const view = describeReport(await maker.check(maker.plain, 'az'), 'az');
    expect(view.tone).toBe('unsigned');
    expect(view.verdict).toBe('İmzasızdır');
    expect(view.signatures).toEqual([]);
    expect(view.summary).toBe('Sənəddə elektron imza yoxdur.');
  });

  it('en and ru labels and verdicts differ from az; Russian agrees in gender', async () => {
    const views = Object.fromEntries(await Promise.all((['az', 'en', 'ru'] as Language[]).map(async (l) =>
      [l, describeReport(await maker.check(signed, l), l)] as const))) as Record<Language, ReportView>;
    expect(views.en.verdict).toBe('Valid');
    expect(views.ru.verdict).toBe('Действителен');
    expect(views.ru.signatures[0]!.verdict).toBe('Действительна');
    expect(views.en.signatures[0]!.heading).toBe(`Signature 1: ${maker.names.citizen}`);
    expect(views.ru.signatures[0]!.heading).toBe(`Подпись 1: ${maker.names.citizen}`);
    const labels = (l: Language) => views[l].signatures[0]!.rows.map((r) => r.label);
    expect(labels('en')).toHaveLength(labels('az').length);
    labels('az').forEach((az, i) => {
      if (az === 'SHA-256') return;
      expect(labels('en')[i]).not.toBe(az);
      expect(labels('ru')[i]).not.toBe(az);
    });
    expect(views.en.checkedAt).toMatch(/\(Baku, UTC\+4\)$/);
    expect(views.ru.checkedAt).toMatch(/\(Баку, UTC\+4\)$/);
    expect(views.ru.summary).toMatch(/Документ подписали: .*\(подписей: 1\)\./);
  });

  it('no value is ever "null" or "undefined", in any language, valid or tampered', async () => {
    for (const language of ['az', 'en', 'ru'] as Language[]) {
      for (const pdf of [signed, twice, tamper(twice), maker.plain]) {
        for (const s of everyString(describeReport(await maker.check(pdf, language), language))) {
          expect(s).not.toMatch(/\b(null|undefined|NaN)\b|\[object/);
          expect(s.trim()).not.toBe('');
        }
      }
    }
  });
});

describe('describeReport on reports core can produce but the sample cannot', () => {
  let base: ValidationReport;
  beforeAll(async () => {
    base = await maker.check(signed, 'en');
  });

  it('a timestamped signature says the time is from a TSA, and a document timestamp is headed as one', () => {
    const sig = base.signatures[0]!;
    const report: ValidationReport = {
      ...base,
      signatures: [
        { ...sig, timestamp: { time: '2026-11-23T15:34:00Z', tsa: 'CN=TEST TSA', valid: true } },
        { ...sig, id: 'ts-1', kind: 'DocTimeStamp', signer: null, chain: [], timestamp: { time: '2026-11-23T16:00:00Z', tsa: 'CN=TEST TSA', valid: true } },
      ],
    };
    const view = describeReport(report, 'en');
    expect(view.signatures[0]!.rows.find((r) => r.key === 'signingTime')!.value).toBe('23.11.2026 19:34:00 (Baku, UTC+4) (trusted timestamp, TSA: CN=TEST TSA)');
    expect(view.signatures[0]!.rows.some((r) => r.key === 'claimedSigningTime')).toBe(true);
    expect(view.signatures[1]!.heading).toBe('Document timestamp 1');
    expect(view.signatures[1]!.rows.find((r) => r.key === 'tsa')!.value).toBe('CN=TEST TSA');
  });

  it('revoked: red row with the source; changed afterwards: the signature verdict says so', () => {
    const sig = base.signatures[0]!;
    const view = describeReport({
      ...base,
      status: 'INVALID',
      signatures: [
        { ...sig, revocation: { status: 'revoked', source: 'ocsp' }, indication: 'TOTAL_FAILED', subIndication: 'REVOKED' },
        { ...sig, modificationsAfter: 'disallowed' },
      ],
    }, 'en');
    expect(view.signatures[0]!.rows.find((r) => r.key === 'revocation')).toMatchObject({ value: 'REVOKED (source: OCSP)', tone: 'invalid' });
    expect(view.signatures[1]!.verdict).toMatch(/later changed/);
    expect(view.signatures[1]!.tone).toBe('invalid');
    expect(view.signatures[1]!.rows.find((r) => r.key === 'modifications')!.tone).toBe('invalid');
  });

  it('no trust anchors: a warning row and a document note; validation time shown when different', () => {
    const view = describeReport({ ...base, trustAnchors: [], validationTime: '2025-01-01T00:00:00Z' }, 'az');
    expect(view.trustAnchors).toEqual([{ key: 'anchor-none', label: 'Kök sertifikat', value: 'Yoxdur', tone: 'warning' }]);
    expect(view.documentProblems.map((p) => p.code)).toEqual(['NO_TRUST_ANCHORS']);
    expect(view.checkedAt).toMatch(/; imzalar bu ana görə yoxlanılıb 01\.01\.2025 04:00:00 \(Bakı, UTC\+4\)$/);
  });

  it('missing signer facts are left out, not shown as "null"', () => {
    const sig = base.signatures[0]!;
    const view = describeReport({ ...base, signatures: [{ ...sig, signer: null, claimedSigningTime: null, chain: [], fieldName: null }] }, 'en');
    const keys = view.signatures[0]!.rows.map((r) => r.key);
    expect(keys).not.toContain('signer');
    expect(keys).not.toContain('fin');
    expect(keys).not.toContain('chain');
    expect(keys).not.toContain('signingTime');
    expect(view.signatures[0]!.heading).toBe('Signature 1');
    expect(view.summary).toContain('an unknown signer');
  });
});

describe('formatDateTime and formatSize', () => {
  it('Baku time with the zone shown; Baku kept summer time until 2016', () => {
    expect(formatDateTime('2026-11-23T15:34:00.000Z', 'az')).toBe('23.11.2026 19:34:00 (Bakı, UTC+4)');
    expect(formatDateTime('2010-07-01T12:00:00Z', 'en')).toBe('01.07.2010 17:00:00 (Baku, UTC+5)');
    expect(formatDateTime('not a time', 'ru')).toBe('not a time');
  });

  it('sizes people judge by, with the exact count', () => {
    expect(formatSize(512, 'en')).toBe('512 bytes');
    expect(formatSize(27621, 'en')).toBe('27.0 KB (27,621 bytes)');
    expect(formatSize(5 * 1024 * 1024, 'ru')).toBe('5,0 МБ (5\u00a0242\u00a0880 байт)');
  });
});
