/**
 * Refusals of the background's webmail side (extension/src/lib/webmail-jobs.ts): checking an attachment, opening it
 * in the signing view, and sending the signed file back to the mail's tab.
 */
import type { MessageCatalog } from '../../../core/report/message-types.js';
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language } from '../../../core/report/message-types.js';

export type WebmailJobErrorCode =
  | 'WEBMAIL_SENDER_NOT_ALLOWED'
  | 'WEBMAIL_BAD_REQUEST'
  | 'WEBMAIL_FILE_TOO_LARGE'
  | 'WEBMAIL_TOO_MANY_JOBS'
  | 'WEBMAIL_JOB_NOT_FOUND'
  | 'WEBMAIL_TAB_GONE'
  | 'WEBMAIL_VERIFY_FAILED';

export const WEBMAIL_JOB_MESSAGES: MessageCatalog = {
  WEBMAIL_SENDER_NOT_ALLOWED: {
    az: 'Bu sorğu poçt saytından (Gmail, Outlook) gəlmədiyi üçün qəbul edilmədi.',
    en: 'This request was refused: it did not come from a webmail page (Gmail, Outlook).',
    ru: 'Запрос отклонён: он пришёл не со страницы веб-почты (Gmail, Outlook).',
  },
  WEBMAIL_BAD_REQUEST: {
    az: 'Sorğu düzgün deyil: {reason}',
    en: 'The request is malformed: {reason}',
    ru: 'Неверный запрос: {reason}',
  },
  WEBMAIL_FILE_TOO_LARGE: {
    az: 'Fayl çox böyükdür ({size} bayt); ən çoxu {max} bayt ola bilər.',
    en: 'The file is too large ({size} bytes); at most {max} bytes can be handled.',
    ru: 'Файл слишком большой ({size} байт); допускается не более {max} байт.',
  },
  WEBMAIL_TOO_MANY_JOBS: {
    az: 'Artıq çox qoşma imzalanmaq üçün açıqdır. Açıq imzalama səhifələrindən birini bağlayıb yenidən cəhd edin.',
    en: 'Too many attachments are already open for signing. Close one of the open signing pages and try again.',
    ru: 'Для подписи уже открыто слишком много вложений. Закройте одну из открытых страниц подписи и попробуйте снова.',
  },
  WEBMAIL_JOB_NOT_FOUND: {
    az: 'Bu qoşma artıq burada deyil (30 dəqiqədən çox keçib və ya səhifə yenidən açılıb). Onu poçtdan yenidən açın.',
    en: 'This attachment is no longer here (more than 30 minutes passed, or the page was opened again). Open it again from the mail.',
    ru: 'Этого вложения здесь больше нет (прошло более 30 минут или страница открыта повторно). Откройте его снова из почты.',
  },
  WEBMAIL_TAB_GONE: {
    az: 'Məktubun açıq olduğu vərəq tapılmadı və ya cavab vermədi. Məktubu yenidən açın, ya da faylı endirib özünüz əlavə edin.',
    en: 'The tab with the mail was not found or did not answer. Open the mail again, or download the file and attach it yourself.',
    ru: 'Вкладка с письмом не найдена или не ответила. Откройте письмо снова или скачайте файл и прикрепите его сами.',
  },
  WEBMAIL_VERIFY_FAILED: {
    az: 'Faylı yoxlamaq alınmadı: {reason}',
    en: 'The file could not be checked: {reason}',
    ru: 'Не удалось проверить файл: {reason}',
  },
};

/** A refusal answered to a content script or an extension page: `{ error: { code, message, details? } }`. */
export interface WebmailJobError {
  code: WebmailJobErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The refusal `code` with its message in `language`. */
export function webmailJobError(code: WebmailJobErrorCode, language: Language, details?: Record<string, unknown>): WebmailJobError {
  return { code, message: localizeFrom(WEBMAIL_JOB_MESSAGES, code, language, details), ...(details ? { details } : {}) };
}
