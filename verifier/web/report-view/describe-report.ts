/**
 * The report as people read it: one pure function turns an `imzala.report/1` into labelled, localised facts,
 * and both the check page (/yoxla) and the printable PDF report draw exactly these, so they cannot disagree.
 * Runs in the browser and in Node: no Node built-ins, no DOM. Every string taken from the report stays data
 * (no markup is built here; the page escapes through Preact, the PDF draws text).
 */
import type { Language } from '../../../core/report/message-types.js';
import type { DocumentStatus, ReportMessage, SignatureReport, ValidationReport } from '../../../core/report/report.js';
import {
  AND_MORE, BAKU, CERTIFICATE_TYPE, COVERAGE, DOCUMENT_VERDICT, FORMAT, HEADING, KIND, LABEL, MODIFICATIONS, NONE_CONFIGURED,
  REVOCATION, SIGNATURE_VERDICT, SIZE_UNITS, SUMMARY, TIME_SOURCE, TRUST_NOTICE, UNKNOWN_SIGNER, VALIDATED_AS_OF,
  VERDICT_VALID_BUT_CHANGED, fillWords,
} from './labels.js';

/** green / amber / red / grey */
export type Tone = 'valid' | 'warning' | 'invalid' | 'unsigned';

export interface FactRow {
  /** Stable key of the fact (e.g. 'fin', 'certificateSha256'); the label is its localised name. */
  key: string;
  label: string;
  /** May hold line breaks (`\n`) between list items, e.g. the chain: show them (CSS `white-space: pre-line`). */
  value: string;
  /** A fingerprint, serial or hash: show in a monospaced font. */
  mono?: boolean;
  tone?: Tone;
}

export interface ProblemView {
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface SignatureView {
  id: string;
  tone: Tone;
  /** "İmza 1: <signer's name>"; document timestamps "Sənəd vaxt damğası 1". */
  heading: string;
  /** The signature's verdict in words. */
  verdict: string;
  rows: FactRow[];
  problems: ProblemView[];
  /** The PDF revision the signature covers (the page marks it in the preview). */
  revision: number | null;
}

export interface ReportView {
  language: Language;
  tone: Tone;
  /** The document verdict in words. */
  verdict: string;
  /** One sentence: how many signatures, by whom, what it means for the reader. */
  summary: string;
  file: FactRow[];
  /** When it was checked (Baku time); also the validation time when that was different. */
  checkedAt: string;
  /** The report's checkedAt as it is (ISO-8601): the PDF report's creation date, so its output is deterministic. */
  checkedAtIso: string;
  signatures: SignatureView[];
  /** Findings about the document as a whole (from the report), then notes about the trust used (TEST only, none). */
  documentProblems: ProblemView[];
  /** Subject and SHA-256 of each trusted root, two rows per anchor. */
  trustAnchors: FactRow[];
}

/** At most this many names in the summary sentence; the rest are counted. */
const SUMMARY_NAMES = 5;

const DOCUMENT_TONE: Record<DocumentStatus, Tone> = {
  VALID: 'valid',
  VALID_WITH_WARNINGS: 'warning',
  INDETERMINATE: 'warning',
  INVALID: 'invalid',
  UNSIGNED: 'unsigned',
};

/** Every name in the demo hierarchy says TEST: a report made with only such anchors must not pass for a real one. */
const TEST_NAME = /\bTEST\b/;

let bakuFormat: Intl.DateTimeFormat | null | undefined;

function bakuFormatter(): Intl.DateTimeFormat | null {
  if (bakuFormat === undefined) {
    try {
      bakuFormat = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Baku', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset',
      });
    } catch {
      bakuFormat = null; // an engine without time zone data: fall back to Baku's fixed offset below
    }
  }
  return bakuFormat;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A report time as people in Azerbaijan read it: Baku time with the zone shown, e.g.
 * "23.11.2026 19:34:00 (Bakı, UTC+4)". The offset comes from the time zone database (Baku kept summer time
 * until 2016); without one, UTC+4. A string that is not a time is returned as it is.
 */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const formatter = bakuFormatter();
  let text: string;
  let offset: string;
  if (formatter) {
    const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
    for (const p of formatter.formatToParts(date)) parts[p.type] = p.value;
    text = `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
    const zone = (parts.timeZoneName ?? '').replace(/^GMT/, '');
    offset = `UTC${zone === '' ? '+0' : zone}`;
  } else {
    const baku = new Date(date.getTime() + 4 * 3600_000);
    text = `${pad(baku.getUTCDate())}.${pad(baku.getUTCMonth() + 1)}.${baku.getUTCFullYear()} `
      + `${pad(baku.getUTCHours())}:${pad(baku.getUTCMinutes())}:${pad(baku.getUTCSeconds())}`;
    offset = 'UTC+4';
  }
  return `${text} (${BAKU[language]}, ${offset})`;
}

function groupDigits(n: number, language: Language): string {
  const separator = language === 'en' ? ',' : '\u00a0';
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "27,0 KB (27 621 bayt)": the rounded size people judge by, and the exact count. */
export function formatSize(bytes: number, language: Language): string {
  const exact = `${groupDigits(bytes, language)} ${SIZE_UNITS.bytes[language]}`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit: (typeof units)[number] | null = null;
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  if (unit === null) return exact;
  const rounded = value.toFixed(1);
  return `${language === 'en' ? rounded : rounded.replace('.', ',')} ${SIZE_UNITS[unit][language]} (${exact})`;
}

/** A row, or nothing when the report has no value for it: a missing fact is left out, never shown as "null". */
function row(key: keyof typeof LABEL, language: Language, value: string | null | undefined, extra: Partial<FactRow> = {}): FactRow[] {
  if (value === null || value === undefined || value.trim() === '') return [];
  return [{ key, label: LABEL[key][language], value, ...extra }];
}

function problemsOf(errors: readonly ReportMessage[] | undefined, warnings: readonly ReportMessage[] | undefined): ProblemView[] {
  return [
    ...(errors ?? []).map((e) => ({ severity: 'error' as const, code: e.code, message: e.message })),
    ...(warnings ?? []).map((w) => ({ severity: 'warning' as const, code: w.code, message: w.message })),
  ];
}

/** The signature's own verdict, by the same rules as the document's (report.ts documentStatus). */
function signatureVerdict(sig: SignatureReport, language: Language): { tone: Tone; verdict: string } {
  if (sig.indication === 'TOTAL_FAILED') return { tone: 'invalid', verdict: SIGNATURE_VERDICT.INVALID[language] };
  if (sig.modificationsAfter === 'disallowed') {
    return { tone: 'invalid', verdict: sig.indication === 'TOTAL_PASSED' ? VERDICT_VALID_BUT_CHANGED[language] : SIGNATURE_VERDICT.INVALID[language] };
  }
  if (sig.indication === 'INDETERMINATE') return { tone: 'warning', verdict: SIGNATURE_VERDICT.INDETERMINATE[language] };
  if (sig.warnings.length > 0 || sig.modificationsAfter === 'permitted') {
    return { tone: 'warning', verdict: SIGNATURE_VERDICT.VALID_WITH_WARNINGS[language] };
  }
  return { tone: 'valid', verdict: SIGNATURE_VERDICT.VALID[language] };
}

function signingTimeRows(sig: SignatureReport, language: Language): FactRow[] {
  const stamp = sig.timestamp;
  if (sig.kind === 'DocTimeStamp') {
    return stamp ? row('timestampTime', language, formatDateTime(stamp.time, language), stamp.valid ? {} : { tone: 'invalid' }) : [];
  }
  const rows: FactRow[] = [];
  if (stamp) {
    const source = stamp.valid ? TIME_SOURCE.timestamp[language] : TIME_SOURCE.invalidTimestamp[language];
    const tsa = stamp.tsa ? `, TSA: ${stamp.tsa}` : '';
    rows.push(...row('signingTime', language, `${formatDateTime(stamp.time, language)} (${source}${tsa})`, stamp.valid ? {} : { tone: 'invalid' }));
    rows.push(...row('claimedSigningTime', language, sig.claimedSigningTime && formatDateTime(sig.claimedSigningTime, language)));
  } else if (sig.claimedSigningTime) {
    rows.push(...row('signingTime', language, `${formatDateTime(sig.claimedSigningTime, language)} (${TIME_SOURCE.signerClock[language]})`));
  }
  return rows;
}

function revocationRow(sig: SignatureReport, language: Language): FactRow[] {
  const { status, source } = sig.revocation;
  const words = REVOCATION[status][language];
  const value = source && status !== 'unknown' ? `${words} (${REVOCATION.source[language]}: ${source.toUpperCase()})` : words;
  const tone: Tone | undefined = status === 'revoked' ? 'invalid' : status === 'unknown' ? 'warning' : undefined;
  return row('revocation', language, value, tone ? { tone } : {});
}

function coverageRow(sig: SignatureReport, revisions: number | undefined, language: Language): FactRow[] {
  const coverage = sig.coverage;
  if (!coverage) return [];
  let words: string;
  let tone: Tone | undefined;
  if (!coverage.wholeDocumentAtSigning) {
    words = COVERAGE.partOnly[language];
    tone = 'invalid';
  } else if (coverage.coversWholeFile) words = COVERAGE.wholeFile[language];
  else words = COVERAGE.earlierRevision[language];
  if (coverage.revision !== null) {
    const of = revisions !== undefined ? ` ${COVERAGE.of[language]} ${revisions}` : '';
    words += ` (${COVERAGE.revision[language]} ${coverage.revision}${of})`;
  }
  return row('coverage', language, words, tone ? { tone } : {});
}

function validityOf(notBefore: string | null, notAfter: string | null, language: Language): string | null {
  if (!notBefore && !notAfter) return null;
  return `${notBefore ? formatDateTime(notBefore, language) : '—'} – ${notAfter ? formatDateTime(notAfter, language) : '—'}`;
}

function algorithmsOf(sig: SignatureReport): string | null {
  const parts = [sig.digestAlgorithm, sig.signatureAlgorithm].filter((a): a is string => !!a);
  return parts.length ? parts.join(' / ') : null;
}

function describeSignature(sig: SignatureReport, ordinal: number, report: ValidationReport, language: Language): SignatureView {
  const { tone, verdict } = signatureVerdict(sig, language);
  const signer = sig.signer;
  const isTimestamp = sig.kind === 'DocTimeStamp';
  const name = signer?.commonName || null;
  const heading = isTimestamp
    ? `${HEADING.documentTimestamp[language]} ${ordinal}`
    : `${HEADING.signature[language]} ${ordinal}${name ? `: ${name}` : ''}`;
  const type = signer?.certificateType ? CERTIFICATE_TYPE[signer.certificateType]?.[language] ?? signer.certificateType : null;
  const rows: FactRow[] = [
    ...row(isTimestamp ? 'tsa' : 'signer', language, isTimestamp ? sig.timestamp?.tsa || name : name),
    ...row('fin', language, signer?.fin, { mono: true }),
    ...row('organization', language, signer?.organization),
    ...row('voen', language, signer?.voen, { mono: true }),
    ...row('title', language, signer?.title),
    ...(isTimestamp ? [] : row('certificateType', language, type)),
    ...row('email', language, signer?.email),
    ...signingTimeRows(sig, language),
    ...row('issuer', language, signer?.issuer),
    ...row('chain', language, sig.chain.map((c, i) => `${i + 1}. ${c.subject}`).join('\n')),
    ...revocationRow(sig, language),
    ...row('modifications', language, MODIFICATIONS[sig.modificationsAfter][language], sig.modificationsAfter === 'disallowed' ? { tone: 'invalid' } : {}),
    ...coverageRow(sig, report.revisions, language),
    ...row('certificateValidity', language, signer ? validityOf(signer.notBefore, signer.notAfter, language) : null),
    ...row('serialNumber', language, signer?.serialNumber, { mono: true }),
    ...row('certificateSha256', language, signer?.sha256, { mono: true }),
    ...row('algorithms', language, algorithmsOf(sig)),
    ...row('kind', language, KIND[sig.kind]?.[language] ?? sig.kind),
    ...row('fieldName', language, sig.fieldName),
    ...row('reason', language, sig.reason),
    ...row('location', language, sig.location),
  ];
  return { id: sig.id, tone, heading, verdict, rows, problems: problemsOf(sig.errors, sig.warnings), revision: sig.coverage?.revision ?? null };
}

function summaryOf(report: ValidationReport, language: Language): string {
  if (report.status === 'UNSIGNED') return SUMMARY.UNSIGNED[language];
  const signatures = report.signatures.filter((s) => s.kind !== 'DocTimeStamp');
  const meaning = SUMMARY[report.status][language];
  if (signatures.length === 0) {
    return `${fillWords(SUMMARY.timestampsOnly[language], { count: report.signatures.length })} ${meaning}`;
  }
  const names = [...new Set(signatures.map((s) => s.signer?.commonName || UNKNOWN_SIGNER[language]))];
  const shown = names.slice(0, SUMMARY_NAMES).join(', ');
  const more = names.length > SUMMARY_NAMES ? ` ${fillWords(AND_MORE[language], { n: names.length - SUMMARY_NAMES })}` : '';
  const who = fillWords(SUMMARY.signedBy[language], {
    names: shown + more,
    count: signatures.length,
    signatures: signatures.length === 1 ? 'signature' : 'signatures',
  });
  return `${who} ${meaning}`;
}

function trustNotices(report: ValidationReport, language: Language): ProblemView[] {
  if (report.trustAnchors.length === 0) {
    return [{ severity: 'warning', code: 'NO_TRUST_ANCHORS', message: TRUST_NOTICE.NO_TRUST_ANCHORS[language] }];
  }
  if (report.trustAnchors.every((a) => TEST_NAME.test(a.subject))) {
    return [{ severity: 'warning', code: 'TEST_TRUST_ANCHORS_ONLY', message: TRUST_NOTICE.TEST_TRUST_ANCHORS_ONLY[language] }];
  }
  return [];
}

/**
 * Turns a report into the facts people read, in `language`: the verdict in words, a one-sentence summary,
 * the file, each signature's facts and problems (messages as core localised them), and the trusted roots.
 */
export function describeReport(report: ValidationReport, language: Language): ReportView {
  const counters = { signature: 0, timestamp: 0 };
  const signatures = report.signatures.map((sig) =>
    describeSignature(sig, sig.kind === 'DocTimeStamp' ? ++counters.timestamp : ++counters.signature, report, language));
  let checkedAt = formatDateTime(report.checkedAt, language);
  if (report.validationTime && report.validationTime !== report.checkedAt) {
    checkedAt += `; ${VALIDATED_AS_OF[language]} ${formatDateTime(report.validationTime, language)}`;
  }
  const file: FactRow[] = [
    ...row('fileName', language, report.file.name),
    { key: 'fileSize', label: LABEL.fileSize[language], value: formatSize(report.file.size, language) },
    ...row('fileFormat', language, FORMAT[report.file.format]?.[language] ?? report.file.format),
    ...row('fileSha256', language, report.file.sha256, { mono: true }),
    ...row('revisions', language, report.revisions === undefined ? null : String(report.revisions)),
  ];
  const trustAnchors: FactRow[] = report.trustAnchors.length
    ? report.trustAnchors.flatMap((anchor, i) => [
      { key: `anchor-${i + 1}`, label: `${LABEL.anchor[language]} ${i + 1}`, value: anchor.subject },
      { key: `anchor-${i + 1}-sha256`, label: LABEL.anchorSha256[language], value: anchor.sha256, mono: true },
    ])
    : [{ key: 'anchor-none', label: LABEL.anchor[language], value: NONE_CONFIGURED[language], tone: 'warning' }];
  return {
    language,
    tone: DOCUMENT_TONE[report.status],
    verdict: DOCUMENT_VERDICT[report.status][language],
    summary: summaryOf(report, language),
    file,
    checkedAt,
    checkedAtIso: report.checkedAt,
    signatures,
    documentProblems: [...problemsOf(report.errors, report.warnings), ...trustNotices(report, language)],
    trustAnchors,
  };
}
