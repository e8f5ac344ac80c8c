/**
 * The short report `imzala verify` prints for people, in their language. The facts' names and words are the
 * check page's (report-view/labels.ts), so a clerk reads the same terms in both; the layout is the terminal's own.
 */
import type { Language } from '../../core/report/message-types.js';
import type { DocumentStatus, SignatureReport, ValidationReport } from '../../core/report/report.js';
import { CERTIFICATE_TYPE, LABEL as FACT, REVOCATION } from '../web/report-view/labels.js';

const STATUS: Record<DocumentStatus, Record<Language, string>> = {
  VALID: { az: 'İMZA ETİBARLIDIR', en: 'SIGNATURE VALID', ru: 'ПОДПИСЬ ДЕЙСТВИТЕЛЬНА' },
  VALID_WITH_WARNINGS: {
    az: 'İMZA ETİBARLIDIR (xəbərdarlıqlarla)',
    en: 'SIGNATURE VALID (with warnings)',
    ru: 'ПОДПИСЬ ДЕЙСТВИТЕЛЬНА (с предупреждениями)',
  },
  INDETERMINATE: { az: 'QƏRAR VERİLƏ BİLMİR', en: 'CANNOT BE DECIDED', ru: 'НЕВОЗМОЖНО ОПРЕДЕЛИТЬ' },
  INVALID: { az: 'İMZA ETİBARSIZDIR', en: 'SIGNATURE INVALID', ru: 'ПОДПИСЬ НЕДЕЙСТВИТЕЛЬНА' },
  UNSIGNED: { az: 'SƏNƏD İMZALANMAYIB', en: 'DOCUMENT NOT SIGNED', ru: 'ДОКУМЕНТ НЕ ПОДПИСАН' },
};

const LABEL = {
  signature: { az: 'İmza', en: 'Signature', ru: 'Подпись' },
  time: { az: 'İmza vaxtı (imzalayanın saatı)', en: 'Signing time (signer’s clock)', ru: 'Время подписи (часы подписанта)' },
  testTrust: {
    az: 'DİQQƏT: yalnız TEST etibar anbarı istifadə olunur (imzala pki demo); bu nəticə real imzalar üçün deyil.',
    en: 'NOTE: only the TEST trust store is in use (imzala pki demo); this result says nothing about real signatures.',
    ru: 'ВНИМАНИЕ: используется только ТЕСТОВОЕ хранилище доверия (imzala pki demo); результат не относится к реальным подписям.',
  },
  coverage: { az: 'Əhatə', en: 'Covers', ru: 'Охват' },
  revision: { az: 'versiya', en: 'revision', ru: 'ревизия' },
  whole: { az: 'sənədin hamısı', en: 'the whole document', ru: 'весь документ' },
  earlier: { az: 'sənədin əvvəlki versiyası', en: 'an earlier revision of the document', ru: 'более раннюю ревизию документа' },
  error: { az: 'Xəta', en: 'Error', ru: 'Ошибка' },
  warning: { az: 'Xəbərdarlıq', en: 'Warning', ru: 'Предупреждение' },
  noAnchors: {
    az: 'Etibar edilən kök sertifikat yoxdur (--trust QOVLUQ).',
    en: 'No trust anchors are configured (--trust DIR).',
    ru: 'Не задано ни одного доверенного корневого сертификата (--trust КАТАЛОГ).',
  },
} satisfies Record<string, Record<Language, string>>;

function signatureLines(sig: SignatureReport, n: number, lang: Language): string[] {
  const lines = [`  ${LABEL.signature[lang]} ${n} (${sig.kind}): ${sig.indication}${sig.subIndication ? ` / ${sig.subIndication}` : ''}`];
  const s = sig.signer;
  if (s) {
    const ids = [s.fin ? `FIN ${s.fin}` : null, s.voen ? `VÖEN ${s.voen}` : null].filter(Boolean).join(', ');
    lines.push(`    ${FACT.signer[lang]}: ${s.commonName ?? '?'}${ids ? ` (${ids})` : ''}`);
    if (s.organization) lines.push(`    ${FACT.organization[lang]}: ${s.organization}`);
    if (s.title) lines.push(`    ${FACT.title[lang]}: ${s.title}`);
    const type = s.certificateType ? CERTIFICATE_TYPE[s.certificateType]?.[lang] : undefined;
    if (type) lines.push(`    ${FACT.certificateType[lang]}: ${type}`);
    if (s.issuer) lines.push(`    ${FACT.issuer[lang]}: ${s.issuer}`);
    const source = sig.revocation.source ? ` (${sig.revocation.source.toUpperCase()})` : '';
    lines.push(`    ${FACT.revocation[lang]}: ${REVOCATION[sig.revocation.status][lang]}${source}`);
  }
  if (sig.claimedSigningTime) lines.push(`    ${LABEL.time[lang]}: ${sig.claimedSigningTime}`);
  if (sig.coverage) {
    const what = sig.coverage.coversWholeFile ? LABEL.whole[lang] : LABEL.earlier[lang];
    lines.push(`    ${LABEL.coverage[lang]}: ${what}${sig.coverage.revision ? ` (${LABEL.revision[lang]} ${sig.coverage.revision})` : ''}`);
  }
  for (const e of sig.errors) lines.push(`    ${LABEL.error[lang]}: ${e.message}`);
  for (const w of sig.warnings) lines.push(`    ${LABEL.warning[lang]}: ${w.message}`);
  return lines;
}

export function humanReport(report: ValidationReport, lang: Language): string {
  const lines = [`${report.file.name}: ${STATUS[report.status][lang]} (${report.status})`, `  SHA-256: ${report.file.sha256}`];
  if (report.trustAnchors.length === 0) lines.push(`  ${LABEL.noAnchors[lang]}`);
  // Every name in the demo hierarchy says TEST: a report made with only such anchors must not pass for a real one.
  else if (report.trustAnchors.every((a) => /\bTEST\b/.test(a.subject))) lines.push(`  ${LABEL.testTrust[lang]}`);
  report.signatures.forEach((sig, i) => lines.push(...signatureLines(sig, i + 1, lang)));
  for (const w of report.warnings ?? []) lines.push(`  ${LABEL.warning[lang]}: ${w.message}`);
  return lines.join('\n');
}

export function humanError(fileName: string, message: string, lang: Language): string {
  return `${fileName}: ${LABEL.error[lang]}: ${message}`;
}
