/**
 * Refusals of the webmail runtime (content script side). Sent back to the background as `{ ok: false, code, message }`
 * and shown in badges/buttons' titles; `message` is the English text, the catalog has all three languages.
 */
import type { MessageCatalog } from '../../../../core/report/message-types.js';

export type WebmailErrorCode =
  | 'WEBMAIL_FEATURE_OFF'
  | 'WEBMAIL_ATTACHMENT_NOT_FOUND'
  | 'WEBMAIL_ATTACHMENT_TOO_LARGE'
  | 'WEBMAIL_FETCH_FAILED'
  | 'WEBMAIL_REPLY_FAILED'
  | 'WEBMAIL_BAD_MESSAGE'
  | 'WEBMAIL_CHECK_FAILED';

export const WEBMAIL_MESSAGES: MessageCatalog = {
  WEBMAIL_FEATURE_OFF: {
    az: '“{feature}” bu səhifədə söndürülüb: poçt səhifəsinin quruluşu gözlənildiyi kimi deyil ({selector}).',
    en: '“{feature}” is off on this page: the mail page is not structured as expected ({selector}).',
    ru: '«{feature}» отключено на этой странице: структура почтовой страницы не такая, как ожидалось ({selector}).',
  },
  WEBMAIL_ATTACHMENT_NOT_FOUND: {
    az: '“{name}” qoşması açıq məktubda artıq tapılmır; məktubu yenidən açın.',
    en: 'The attachment “{name}” is no longer in an open message; open the message again.',
    ru: 'Вложение «{name}» больше не найдено в открытом письме; откройте письмо снова.',
  },
  WEBMAIL_ATTACHMENT_TOO_LARGE: {
    az: '“{name}” qoşması çox böyükdür ({size} bayt; ən çoxu {limit}).',
    en: 'The attachment “{name}” is too large ({size} bytes; at most {limit}).',
    ru: 'Вложение «{name}» слишком большое ({size} байт; не более {limit}).',
  },
  WEBMAIL_FETCH_FAILED: {
    az: '“{name}” qoşmasını poçtdan yükləmək olmadı: {reason}',
    en: 'Could not download the attachment “{name}” from the mail: {reason}',
    ru: 'Не удалось загрузить вложение «{name}» из почты: {reason}',
  },
  WEBMAIL_REPLY_FAILED: {
    az: 'Cavab məktubuna faylı əlavə etmək olmadı: {reason}',
    en: 'Could not attach the file to a reply: {reason}',
    ru: 'Не удалось приложить файл к ответу: {reason}',
  },
  WEBMAIL_BAD_MESSAGE: {
    az: 'Genişlənmədən gələn sorğu yanlışdır.',
    en: 'The request from the extension is malformed.',
    ru: 'Запрос от расширения имеет неверный формат.',
  },
  WEBMAIL_CHECK_FAILED: {
    az: 'Faylı yoxlamaq olmadı: {reason}',
    en: 'Could not check the file: {reason}',
    ru: 'Не удалось проверить файл: {reason}',
  },
};

/** The English message of `code` with `{name}` placeholders filled. */
export function webmailMessage(code: WebmailErrorCode, details: Record<string, string | number> = {}, language: 'az' | 'en' | 'ru' = 'en'): string {
  let text = WEBMAIL_MESSAGES[code]![language];
  for (const [key, value] of Object.entries(details)) text = text.replaceAll(`{${key}}`, String(value));
  return text;
}
