/**
 * Every word the report view puts around the report's data, in Azerbaijani (first), English and Russian.
 * The check page and the printable PDF report both read the report through these, so they say the same thing.
 */
import type { Language } from '../../../core/report/message-types.js';
import type { DocumentStatus, FileFormat, Modifications, SignatureKind } from '../../../core/report/report.js';

type Words = Readonly<Record<Language, string>>;

/** The document's verdict in words. The word carries the meaning; colour only repeats it. */
export const DOCUMENT_VERDICT = {
  VALID: { az: 'Etibarlıdır', en: 'Valid', ru: 'Действителен' },
  VALID_WITH_WARNINGS: { az: 'Xəbərdarlıqlarla etibarlıdır', en: 'Valid with warnings', ru: 'Действителен с предупреждениями' },
  INDETERMINATE: { az: 'Müəyyən edilə bilmədi', en: 'Could not be determined', ru: 'Не удалось определить' },
  INVALID: { az: 'Etibarsızdır', en: 'Invalid', ru: 'Недействителен' },
  UNSIGNED: { az: 'İmzasızdır', en: 'Not signed', ru: 'Не подписан' },
} satisfies Record<DocumentStatus, Words>;

/** One signature's verdict (Russian agrees with «подпись», feminine). */
export const SIGNATURE_VERDICT = {
  VALID: { az: 'Etibarlıdır', en: 'Valid', ru: 'Действительна' },
  VALID_WITH_WARNINGS: { az: 'Xəbərdarlıqlarla etibarlıdır', en: 'Valid with warnings', ru: 'Действительна с предупреждениями' },
  INDETERMINATE: { az: 'Müəyyən edilə bilmədi', en: 'Could not be determined', ru: 'Не удалось определить' },
  INVALID: { az: 'Etibarsızdır', en: 'Invalid', ru: 'Недействительна' },
} satisfies Record<Exclude<DocumentStatus, 'UNSIGNED'>, Words>;

/** A signature that passed, over a document that was then changed in a way its signer did not allow. */
export const VERDICT_VALID_BUT_CHANGED: Words = {
  az: 'İmza düzgündür, lakin sənəd sonra icazəsiz dəyişdirilib',
  en: 'The signature is correct, but the document was later changed in a way that is not allowed',
  ru: 'Подпись верна, но документ затем изменён недопустимым образом',
};

export const TITLE: Words = {
  az: 'Sənədin yoxlanılması hesabatı',
  en: 'Document verification report',
  ru: 'Отчёт о проверке документа',
};

export const HEADING = {
  signature: { az: 'İmza', en: 'Signature', ru: 'Подпись' },
  documentTimestamp: { az: 'Sənəd vaxt damğası', en: 'Document timestamp', ru: 'Метка времени документа' },
  file: { az: 'Fayl', en: 'File', ru: 'Файл' },
  checkedAt: { az: 'Yoxlanılıb', en: 'Checked', ru: 'Проверено' },
  signatures: { az: 'İmzalar', en: 'Signatures', ru: 'Подписи' },
  documentProblems: { az: 'Sənəd haqqında qeydlər', en: 'About the document', ru: 'Замечания по документу' },
  problems: { az: 'Problemlər', en: 'Problems', ru: 'Проблемы' },
  trustAnchors: { az: 'Etibar edilən kök sertifikatlar', en: 'Trusted root certificates', ru: 'Доверенные корневые сертификаты' },
  error: { az: 'Xəta', en: 'Error', ru: 'Ошибка' },
  warning: { az: 'Xəbərdarlıq', en: 'Warning', ru: 'Предупреждение' },
  page: { az: 'Səhifə', en: 'Page', ru: 'Страница' },
  verdict: { az: 'Nəticə', en: 'Result', ru: 'Результат' },
} satisfies Record<string, Words>;

/** Labels of the fact rows, by the row's stable key. */
export const LABEL = {
  fileName: { az: 'Fayl adı', en: 'File name', ru: 'Имя файла' },
  fileSize: { az: 'Ölçü', en: 'Size', ru: 'Размер' },
  fileFormat: { az: 'Format', en: 'Format', ru: 'Формат' },
  fileSha256: { az: 'SHA-256 (faylın barmaq izi)', en: 'SHA-256 (file fingerprint)', ru: 'SHA-256 (отпечаток файла)' },
  revisions: { az: 'Versiyaların sayı', en: 'Revisions', ru: 'Число ревизий' },
  signer: { az: 'İmzalayan', en: 'Signer', ru: 'Подписант' },
  tsa: { az: 'Vaxt damğası xidməti (TSA)', en: 'Timestamp authority (TSA)', ru: 'Служба меток времени (TSA)' },
  fin: { az: 'FİN', en: 'FIN (personal ID)', ru: 'ФИН (личный код)' },
  organization: { az: 'Təşkilat', en: 'Organisation', ru: 'Организация' },
  voen: { az: 'VÖEN', en: 'VÖEN (tax ID)', ru: 'ВОЕН (ИНН)' },
  title: { az: 'Vəzifə', en: 'Title', ru: 'Должность' },
  certificateType: { az: 'Sertifikat növü', en: 'Certificate type', ru: 'Тип сертификата' },
  email: { az: 'E-poçt', en: 'E-mail', ru: 'Эл. почта' },
  signingTime: { az: 'İmza vaxtı', en: 'Signing time', ru: 'Время подписи' },
  claimedSigningTime: { az: 'İmzalayanın saatına görə vaxt', en: 'Time by the signer’s clock', ru: 'Время по часам подписанта' },
  timestampTime: { az: 'Vaxt damğasının vaxtı', en: 'Time of the timestamp', ru: 'Время метки' },
  issuer: { az: 'Sertifikatı verən mərkəz', en: 'Certificate issued by', ru: 'Сертификат выдан' },
  chain: {
    az: 'Sertifikat zənciri (imzalayandan kökə)',
    en: 'Certificate chain (signer first, root last)',
    ru: 'Цепочка сертификатов (от подписанта к корню)',
  },
  revocation: { az: 'Ləğv yoxlaması', en: 'Revocation check', ru: 'Проверка отзыва' },
  modifications: { az: 'İmzadan sonrakı dəyişikliklər', en: 'Changes after signing', ru: 'Изменения после подписания' },
  coverage: { az: 'İmzanın əhatəsi', en: 'What the signature covers', ru: 'Что охватывает подпись' },
  certificateValidity: { az: 'Sertifikatın qüvvədə olma müddəti', en: 'Certificate valid', ru: 'Срок действия сертификата' },
  serialNumber: { az: 'Sertifikatın seriya nömrəsi', en: 'Certificate serial number', ru: 'Серийный номер сертификата' },
  certificateSha256: { az: 'Sertifikatın SHA-256 barmaq izi', en: 'Certificate SHA-256 fingerprint', ru: 'SHA-256 отпечаток сертификата' },
  algorithms: { az: 'Alqoritmlər (heş / imza)', en: 'Algorithms (hash / signature)', ru: 'Алгоритмы (хеш / подпись)' },
  kind: { az: 'İmza formatı', en: 'Signature format', ru: 'Формат подписи' },
  fieldName: { az: 'İmza sahəsi', en: 'Signature field', ru: 'Поле подписи' },
  reason: { az: 'Səbəb', en: 'Reason', ru: 'Причина' },
  location: { az: 'Yer', en: 'Location', ru: 'Место' },
  anchor: { az: 'Kök sertifikat', en: 'Root certificate', ru: 'Корневой сертификат' },
  anchorSha256: { az: 'SHA-256', en: 'SHA-256', ru: 'SHA-256' },
} satisfies Record<string, Words>;

export const CERTIFICATE_TYPE: Readonly<Record<string, Words>> = {
  citizen: { az: 'Şəxsi (vətəndaş)', en: 'Personal (citizen)', ru: 'Личный (гражданин)' },
  business: { az: 'İş (biznes)', en: 'Business', ru: 'Бизнес' },
  state: { az: 'Dövlət və bələdiyyə', en: 'State and municipal', ru: 'Государственный и муниципальный' },
  unknown: { az: 'Müəyyən edilməyib', en: 'Not determined', ru: 'Не определён' },
};

export const FORMAT: Readonly<Record<FileFormat, Words>> = {
  pdf: { az: 'PDF', en: 'PDF', ru: 'PDF' },
  cms: { az: 'CMS imzası (.p7s)', en: 'CMS signature (.p7s)', ru: 'Подпись CMS (.p7s)' },
  asic: { az: 'ASiC konteyneri', en: 'ASiC container', ru: 'Контейнер ASiC' },
  unknown: { az: 'Naməlum', en: 'Unknown', ru: 'Неизвестный' },
};

export const KIND: Readonly<Record<SignatureKind, Words>> = {
  PAdES: { az: 'PAdES (PDF imzası)', en: 'PAdES (PDF signature)', ru: 'PAdES (подпись PDF)' },
  PKCS7: { az: 'PKCS#7 (köhnə PDF imzası)', en: 'PKCS#7 (older PDF signature)', ru: 'PKCS#7 (старая подпись PDF)' },
  CAdES: { az: 'CAdES', en: 'CAdES', ru: 'CAdES' },
  DocTimeStamp: { az: 'Sənəd vaxt damğası', en: 'Document timestamp', ru: 'Метка времени документа' },
};

export const REVOCATION = {
  good: { az: 'Ləğv edilməyib', en: 'Not revoked', ru: 'Не отозван' },
  revoked: { az: 'LƏĞV EDİLİB', en: 'REVOKED', ru: 'ОТОЗВАН' },
  unknown: {
    az: 'Yoxlanılmayıb: ləğv məlumatı yoxdur',
    en: 'Not checked: no revocation data',
    ru: 'Не проверено: нет данных об отзыве',
  },
  source: { az: 'mənbə', en: 'source', ru: 'источник' },
} satisfies Record<string, Words>;

export const MODIFICATIONS: Readonly<Record<Modifications, Words>> = {
  none: { az: 'Yoxdur: sənəd imzalandıqdan sonra dəyişdirilməyib', en: 'None: the document has not been changed since signing', ru: 'Нет: документ не изменялся после подписания' },
  permitted: {
    az: 'Yalnız icazə verilən dəyişikliklər (məsələn, sonrakı imzalar və ya forma doldurma)',
    en: 'Only permitted changes (such as later signatures or form filling)',
    ru: 'Только допустимые изменения (например, последующие подписи или заполнение форм)',
  },
  disallowed: {
    az: 'İCAZƏSİZ dəyişikliklər: sənəd imzalandıqdan sonra dəyişdirilib',
    en: 'DISALLOWED changes: the document was changed after signing',
    ru: 'НЕДОПУСТИМЫЕ изменения: документ изменён после подписания',
  },
};

export const COVERAGE = {
  wholeFile: { az: 'Faylın hamısı', en: 'The whole file', ru: 'Весь файл' },
  earlierRevision: {
    az: 'Sənədin imzalandığı andakı versiyası; sonradan əlavə olunanlar bu imzaya daxil deyil',
    en: 'The document as it was when signed; what was added later is not covered by this signature',
    ru: 'Документ в том виде, в каком он был подписан; добавленное позже этой подписью не охвачено',
  },
  partOnly: {
    az: 'Sənədin yalnız bir hissəsi',
    en: 'Only part of the document',
    ru: 'Только часть документа',
  },
  revision: { az: 'versiya', en: 'revision', ru: 'ревизия' },
  of: { az: '/', en: 'of', ru: 'из' },
} satisfies Record<string, Words>;

export const TIME_SOURCE = {
  timestamp: { az: 'etibarlı vaxt damğası', en: 'trusted timestamp', ru: 'доверенная метка времени' },
  invalidTimestamp: { az: 'vaxt damğası etibarsızdır', en: 'the timestamp is not valid', ru: 'метка времени недействительна' },
  signerClock: {
    az: 'imzalayanın öz saatı, təsdiqlənməyib',
    en: 'the signer’s own clock, not confirmed',
    ru: 'собственные часы подписанта, не подтверждено',
  },
} satisfies Record<string, Words>;

export const SIZE_UNITS = {
  bytes: { az: 'bayt', en: 'bytes', ru: 'байт' },
  KB: { az: 'KB', en: 'KB', ru: 'КБ' },
  MB: { az: 'MB', en: 'MB', ru: 'МБ' },
  GB: { az: 'GB', en: 'GB', ru: 'ГБ' },
} satisfies Record<string, Words>;

export const BAKU: Words = { az: 'Bakı', en: 'Baku', ru: 'Баку' };

export const VALIDATED_AS_OF: Words = {
  az: 'imzalar bu ana görə yoxlanılıb',
  en: 'signatures validated as of',
  ru: 'подписи проверены на момент',
};

export const UNKNOWN_SIGNER: Words = { az: 'naməlum imzalayan', en: 'an unknown signer', ru: 'неизвестный подписант' };

export const AND_MORE: Words = { az: 'və daha {n} nəfər', en: 'and {n} more', ru: 'и ещё {n}' };

/** The one-sentence summary: who signed, and what the verdict means for the reader. */
export const SUMMARY = {
  signedBy: { az: 'Sənədi imzalayıb: {names} (imza sayı: {count}).', en: 'Signed by {names} ({count} {signatures}).', ru: 'Документ подписали: {names} (подписей: {count}).' },
  timestampsOnly: {
    az: 'Sənəddə imza yoxdur, yalnız vaxt damğası var (sayı: {count}).',
    en: 'The document carries no signature, only {count} document timestamp(s).',
    ru: 'В документе нет подписей, только метки времени (число: {count}).',
  },
  VALID: {
    az: 'İmzalar etibarlıdır və sənəd imzalandıqdan sonra dəyişdirilməyib.',
    en: 'The signatures are valid and the document has not been changed since signing.',
    ru: 'Подписи действительны, документ не изменялся после подписания.',
  },
  VALID_WITH_WARNINGS: {
    az: 'İmzalar etibarlıdır, lakin sənədə güvənməzdən əvvəl aşağıdakı xəbərdarlıqları oxuyun.',
    en: 'The signatures are valid, but read the warnings below before relying on the document.',
    ru: 'Подписи действительны, но прочтите предупреждения ниже, прежде чем полагаться на документ.',
  },
  INDETERMINATE: {
    az: 'Ən azı bir imzanı təsdiqləmək mümkün olmadı, ona görə sənədə hələ imzalanmış kimi güvənmək olmaz.',
    en: 'At least one signature could not be confirmed, so the document cannot yet be relied on as signed.',
    ru: 'Хотя бы одну подпись не удалось подтвердить, поэтому на документ пока нельзя полагаться как на подписанный.',
  },
  INVALID: {
    az: 'Ən azı bir imza etibarsızdır və ya sənəd imzalandıqdan sonra dəyişdirilib: bu sənədə güvənməyin.',
    en: 'At least one signature is invalid or the document was changed after signing: do not rely on this document.',
    ru: 'Хотя бы одна подпись недействительна или документ изменён после подписания: не полагайтесь на этот документ.',
  },
  UNSIGNED: {
    az: 'Sənəddə elektron imza yoxdur.',
    en: 'The document carries no electronic signature.',
    ru: 'В документе нет электронной подписи.',
  },
} satisfies Record<string, Words>;

/** Findings the view adds about the trust it was checked against (not from core: core does not judge its anchors). */
export const TRUST_NOTICE = {
  TEST_TRUST_ANCHORS_ONLY: {
    az: 'DİQQƏT: yalnız TEST kök sertifikatlarına etibar edilir; bu nəticə real imzalar haqqında heç nə demir.',
    en: 'NOTE: only TEST root certificates are trusted; this result says nothing about real signatures.',
    ru: 'ВНИМАНИЕ: доверие только ТЕСТОВЫМ корневым сертификатам; результат ничего не говорит о реальных подписях.',
  },
  NO_TRUST_ANCHORS: {
    az: 'Heç bir kök sertifikata etibar edilmir, ona görə heç bir imza təsdiqlənə bilməz.',
    en: 'No root certificate is trusted, so no signature can be confirmed.',
    ru: 'Ни одному корневому сертификату нет доверия, поэтому ни одна подпись не может быть подтверждена.',
  },
} satisfies Record<string, Words>;

export const NONE_CONFIGURED: Words = { az: 'Yoxdur', en: 'None', ru: 'Нет' };

/** Fills `{name}` placeholders; the values are data and are inserted as they are. */
export function fillWords(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
