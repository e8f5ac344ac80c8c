/**
 * The words of the public check pages (/yoxla and its trust page), Azerbaijani first. Used by the server (the HTML
 * shell and the trust page are rendered there) and by the page's script, so each text exists once. The facts of a
 * report (labels, verdicts) are report-view's; the problems' messages are core's.
 */
import { localizeFrom } from '../../core/report/messages.js';
import type { Language, MessageCatalog } from '../../core/report/message-types.js';

export const PAGE_MESSAGES = {
  PAGE_TITLE: { az: 'Sənədi yoxla', en: 'Check a document', ru: 'Проверить документ' },
  PAGE_LEAD: {
    az: 'Elektron imzalı sənədi seçin: imzaların etibarlı olub-olmadığını, kimin və nə vaxt imzaladığını, imzadan sonra nəyin dəyişdiyini görün.',
    en: 'Choose an electronically signed document: see whether its signatures are valid, who signed it and when, and what changed after signing.',
    ru: 'Выберите документ с электронной подписью: узнайте, действительны ли подписи, кто и когда подписал и что изменилось после подписания.',
  },
  DROP_HERE: { az: 'Faylı bura atın', en: 'Drop the file here', ru: 'Перетащите файл сюда' },
  OR: { az: 'və ya', en: 'or', ru: 'или' },
  CHOOSE_FILE: { az: 'Fayl seçin', en: 'Choose a file', ru: 'Выберите файл' },
  FORMATS: {
    az: 'PDF, .p7s (CAdES) və ASiC (.asice, .sce, .asics) faylları, {limit} həddinədək.',
    en: 'PDF, .p7s (CAdES) and ASiC (.asice, .sce, .asics) files, up to {limit}.',
    ru: 'Файлы PDF, .p7s (CAdES) и ASiC (.asice, .sce, .asics), до {limit}.',
  },
  DETACHED_HINT: {
    az: 'Ayrılmış imza (.p7s) üçün imzanı və imzalanmış faylı birlikdə seçin.',
    en: 'For a detached signature (.p7s), choose the signature and the signed file together.',
    ru: 'Для отделённой подписи (.p7s) выберите подпись и подписанный файл вместе.',
  },
  CONTENT_NEEDED: {
    az: 'Bu, ayrılmış imzadır: imzalanmış fayl onun içində deyil. İmzanı və imzalanmış faylı birlikdə seçin (və ya birlikdə bura atın).',
    en: 'This is a detached signature: the signed file is not inside it. Choose the signature and the signed file together (or drop both here).',
    ru: 'Это отделённая подпись: подписанного файла в ней нет. Выберите подпись и подписанный файл вместе (или перетащите оба сюда).',
  },
  PRIVATE_NOTE: {
    az: 'Sənəd kompüterinizdən çıxmır: yoxlama bu brauzerdə aparılır. Serverdən yalnız sertifikatların ləğv olunma məlumatı soruşulur.',
    en: 'The document does not leave your computer: it is checked in this browser. Only certificate revocation data is asked of the server.',
    ru: 'Документ не покидает ваш компьютер: проверка идёт в этом браузере. У сервера запрашиваются только данные об отзыве сертификатов.',
  },
  SERVER_SWITCH: {
    az: 'Serverdə yoxla (sənəd imzala serverinə göndərilir və yoxlamadan sonra silinir)',
    en: 'Check on the server (the document is sent to the imzala server and deleted after the check)',
    ru: 'Проверить на сервере (документ отправляется на сервер imzala и удаляется после проверки)',
  },
  READING: { az: 'Sənəd oxunur və yoxlanılır… {percent}%', en: 'Reading and checking the document… {percent}%', ru: 'Документ читается и проверяется… {percent}%' },
  UPLOADING: { az: 'Sənəd göndərilir… {percent}%', en: 'Sending the document… {percent}%', ru: 'Документ отправляется… {percent}%' },
  CHECKING: { az: 'Yoxlanılır…', en: 'Checking…', ru: 'Проверяется…' },
  CHECKED_IN_BROWSER: { az: 'Bu brauzerdə yoxlanıldı.', en: 'Checked in this browser.', ru: 'Проверено в этом браузере.' },
  CHECKED_ON_SERVER: { az: 'imzala serverində yoxlanıldı.', en: 'Checked on the imzala server.', ru: 'Проверено на сервере imzala.' },
  DOWNLOAD_JSON: { az: 'Hesabatı yüklə (JSON)', en: 'Download the report (JSON)', ru: 'Скачать отчёт (JSON)' },
  DOWNLOAD_PDF: { az: 'Hesabatı yüklə (PDF, çap üçün)', en: 'Download the report (PDF, printable)', ru: 'Скачать отчёт (PDF для печати)' },
  PREPARING_PDF: { az: 'PDF hesabat hazırlanır…', en: 'Preparing the PDF report…', ru: 'Готовится отчёт PDF…' },
  CHECK_ANOTHER: { az: 'Başqa sənədi yoxla', en: 'Check another document', ru: 'Проверить другой документ' },
  DOCUMENT: { az: 'Sənəd', en: 'Document', ru: 'Документ' },
  SIGNATURES: { az: 'İmzalar', en: 'Signatures', ru: 'Подписи' },
  PROBLEMS: { az: 'Aşkar olunanlar', en: 'Findings', ru: 'Замечания' },
  PREVIEW: { az: 'Sənədin görünüşü', en: 'Preview of the document', ru: 'Просмотр документа' },
  PREVIEW_CURRENT: { az: 'Hazırkı sənəd (versiya {revision})', en: 'The document now (revision {revision})', ru: 'Документ сейчас (версия {revision})' },
  PREVIEW_SIGNED: {
    az: '{heading} imzaladığı versiya ({revision})',
    en: 'As signed: {heading} (revision {revision})',
    ru: 'Подписанная версия: {heading} (версия {revision})',
  },
  PREVIEW_LATER_CHANGES: {
    az: 'Bu versiyadan sonra sənədə {count} dəyişiklik əlavə edilib. Hər imzanın imzaladığı versiyanı ayrıca görmək olar.',
    en: '{count} later revision(s) were added after this one. You can view the version each signature covers.',
    ru: 'После этой версии добавлено изменений: {count}. Можно посмотреть версию, которую покрывает каждая подпись.',
  },
  PREVIEW_SIGNATURE_FIELD: { az: 'İmza sahəsi', en: 'Signature field', ru: 'Поле подписи' },
  PREVIEW_PAGE: { az: 'Səhifə {page} / {pages}', en: 'Page {page} of {pages}', ru: 'Страница {page} из {pages}' },
  PREVIEW_MORE_PAGES: { az: 'Qalan {count} səhifəni göstər', en: 'Show the other {count} pages', ru: 'Показать остальные страницы: {count}' },
  PREVIEW_FAILED: {
    az: 'Sənədin görünüşü göstərilə bilmədi; yoxlamanın nəticəsinə təsir etmir.',
    en: 'The preview could not be shown; this does not affect the result of the check.',
    ru: 'Не удалось показать документ; на результат проверки это не влияет.',
  },
  ERROR_TITLE: { az: 'Sənəd yoxlanıla bilmədi', en: 'The document could not be checked', ru: 'Документ не удалось проверить' },
  ERROR_NETWORK: {
    az: 'Serverlə əlaqə alınmadı. İnternet bağlantısını yoxlayıb yenidən cəhd edin.',
    en: 'The server could not be reached. Check the connection and try again.',
    ru: 'Не удалось связаться с сервером. Проверьте подключение и повторите попытку.',
  },
  ERROR_TOO_LARGE: {
    az: 'Fayl çox böyükdür: ən çoxu {limit} qəbul edilir.',
    en: 'The file is too large: at most {limit} is accepted.',
    ru: 'Файл слишком большой: принимается не более {limit}.',
  },
  ERROR_INTERNAL: {
    az: 'Gözlənilməz xəta baş verdi. Zəhmət olmasa, yenidən cəhd edin və ya serverdə yoxlayın.',
    en: 'Something unexpected went wrong. Please try again, or check on the server.',
    ru: 'Произошла непредвиденная ошибка. Повторите попытку или проверьте на сервере.',
  },
  TEST_BANNER: {
    az: 'TEST etibar siyahısı: bu xidmət yalnız sınaq (TEST) sertifikatlarına etibar edir. Həqiqi imzalar burada etibarlı sayılmır.',
    en: 'TEST trust store: this service trusts only test (TEST) certificates. Real signatures are not accepted as valid here.',
    ru: 'Тестовый список доверия (TEST): сервис доверяет только тестовым сертификатам. Настоящие подписи здесь не признаются.',
  },
  NAV_CHECK: { az: 'Sənədi yoxla', en: 'Check a document', ru: 'Проверить документ' },
  NAV_SEND: { az: 'İmzaya göndər', en: 'Send for signing', ru: 'Отправить на подпись' },
  NAV_TRUST: { az: 'Etibar olunan sertifikatlar', en: 'Trusted certificates', ru: 'Доверенные сертификаты' },
  LANGUAGE: { az: 'Dil', en: 'Language', ru: 'Язык' },
  NOSCRIPT: {
    az: 'Sənədi brauzerdə yoxlamaq üçün JavaScript lazımdır. Onu açın və ya API-dən istifadə edin: POST /api/v1/verify.',
    en: 'JavaScript is needed to check a document in the browser. Turn it on, or use the API: POST /api/v1/verify.',
    ru: 'Для проверки документа в браузере нужен JavaScript. Включите его или используйте API: POST /api/v1/verify.',
  },
  TRUST_TITLE: { az: 'Etibar olunan kök sertifikatlar', en: 'Trusted root certificates', ru: 'Доверенные корневые сертификаты' },
  TRUST_LEAD: {
    az: 'İmzalar yalnız aşağıdakı sertifikatlardan birinə qədər zəncir qurulduqda etibarlı sayılır. Barmaq izini (SHA-256) sertifikatı verən mərkəzin dərc etdiyi dəyərlə müqayisə edin.',
    en: 'A signature is valid only when its chain leads to one of the certificates below. Compare each fingerprint (SHA-256) with the value the certification authority publishes.',
    ru: 'Подпись действительна, только если её цепочка ведёт к одному из сертификатов ниже. Сравните отпечаток (SHA-256) со значением, которое публикует удостоверяющий центр.',
  },
  TRUST_SUBJECT: { az: 'Sahibi', en: 'Subject', ru: 'Владелец' },
  TRUST_VALIDITY: { az: 'Etibarlılıq müddəti', en: 'Valid', ru: 'Срок действия' },
  TRUST_FINGERPRINT: { az: 'SHA-256 barmaq izi', en: 'SHA-256 fingerprint', ru: 'Отпечаток SHA-256' },
  TRUST_DOWNLOAD: { az: 'Sertifikatı yüklə (PEM)', en: 'Download the certificate (PEM)', ru: 'Скачать сертификат (PEM)' },
  TRUST_HOW_TO_CHECK: {
    az: 'Yüklənmiş faylın barmaq izini özünüz hesablaya bilərsiniz: openssl x509 -in fayl.pem -noout -fingerprint -sha256',
    en: 'You can compute the fingerprint of a downloaded file yourself: openssl x509 -in file.pem -noout -fingerprint -sha256',
    ru: 'Отпечаток скачанного файла можно вычислить самостоятельно: openssl x509 -in file.pem -noout -fingerprint -sha256',
  },
  TRUST_NONE: { az: 'Etibar olunan sertifikat yoxdur.', en: 'No certificate is trusted.', ru: 'Доверенных сертификатов нет.' },
} as const satisfies MessageCatalog;

export type PageMessage = keyof typeof PAGE_MESSAGES;

/** A page text in a language, `{name}` placeholders filled. */
export function pageText(code: PageMessage, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(PAGE_MESSAGES, code, language, details);
}
