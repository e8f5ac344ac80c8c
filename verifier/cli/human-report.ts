/** The short report `imzala verify` prints for people, in their language. */
import type { Language } from '../../core/report/message-types.js';
import type { DocumentStatus, SignatureReport, ValidationReport } from '../../core/report/report.js';

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

const CERTIFICATE_TYPE: Record<string, Record<Language, string>> = {
  citizen: { az: 'şəxsi (vətəndaş)', en: 'personal (citizen)', ru: 'личный (гражданин)' },
  business: { az: 'iş (biznes)', en: 'business', ru: 'бизнес' },
  state: { az: 'dövlət və bələdiyyə', en: 'state and municipal', ru: 'государственный и муниципальный' },
};

const REVOCATION: Record<'good' | 'revoked' | 'unknown', Record<Language, string>> = {
  good: { az: 'ləğv edilməyib (CRL)', en: 'not revoked (CRL)', ru: 'не отозван (CRL)' },
  revoked: { az: 'LƏĞV EDİLİB', en: 'REVOKED', ru: 'ОТОЗВАН' },
  unknown: { az: 'yoxlanılmayıb (ləğv məlumatı yoxdur)', en: 'not checked (no revocation data)', ru: 'не проверено (нет данных об отзыве)' },
};

const LABEL = {
  signature: { az: 'İmza', en: 'Signature', ru: 'Подпись' },
  signer: { az: 'İmzalayan', en: 'Signer', ru: 'Подписант' },
  organization: { az: 'Təşkilat', en: 'Organisation', ru: 'Организация' },
  title: { az: 'Vəzifə', en: 'Title', ru: 'Должность' },
  time: { az: 'İmza vaxtı (imzalayanın saatı)', en: 'Signing time (signer’s clock)', ru: 'Время подписи (часы подписанта)' },
  issuer: { az: 'Verən mərkəz', en: 'Issued by', ru: 'Выдан' },
  certificateType: { az: 'Sertifikat növü', en: 'Certificate type', ru: 'Тип сертификата' },
  revocation: { az: 'Ləğv yoxlaması', en: 'Revocation', ru: 'Проверка отзыва' },
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
    lines.push(`    ${LABEL.signer[lang]}: ${s.commonName ?? '?'}${ids ? ` (${ids})` : ''}`);
    if (s.organization) lines.push(`    ${LABEL.organization[lang]}: ${s.organization}`);
    if (s.title) lines.push(`    ${LABEL.title[lang]}: ${s.title}`);
    const type = s.certificateType ? CERTIFICATE_TYPE[s.certificateType]?.[lang] : undefined;
    if (type) lines.push(`    ${LABEL.certificateType[lang]}: ${type}`);
    if (s.issuer) lines.push(`    ${LABEL.issuer[lang]}: ${s.issuer}`);
    lines.push(`    ${LABEL.revocation[lang]}: ${REVOCATION[sig.revocation.status][lang]}`);
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
