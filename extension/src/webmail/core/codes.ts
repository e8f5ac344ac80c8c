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
  | 'WEBMAIL_CHECK_FAILED'
  | 'WEBMAIL_HANDOVER_TOO_MANY_DOCUMENTS'
  | 'WEBMAIL_HANDOVER_TOO_LARGE'
  | 'WEBMAIL_HANDOVER_FAILED'
  | 'WEBMAIL_NO_SERVICE'
  | 'WEBMAIL_HANDOVER_INVALID';

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
  WEBMAIL_HANDOVER_TOO_MANY_DOCUMENTS: {
    az: 'Məktubda {count} qoşma var; bir imzalama prosesinə ən çoxu {limit} sənəd göndərmək olar.',
    en: 'The message has {count} attachments; at most {limit} documents can go into one signing process.',
    ru: 'В письме {count} вложений; в один процесс подписания можно передать не более {limit} документов.',
  },
  WEBMAIL_HANDOVER_TOO_LARGE: {
    az: 'Qoşmalar birlikdə çox böyükdür ({size} bayt; ən çoxu {limit}).',
    en: 'The attachments are too large together ({size} bytes; at most {limit}).',
    ru: 'Вложения вместе слишком большие ({size} байт; не более {limit}).',
  },
  WEBMAIL_HANDOVER_FAILED: {
    az: 'Sənədləri imzala-ya ötürmək olmadı: {reason}',
    en: 'Could not hand the documents over to imzala: {reason}',
    ru: 'Не удалось передать документы в imzala: {reason}',
  },
  WEBMAIL_NO_SERVICE: {
    az: 'imzala xidmətinin ünvanı ayarlarda göstərilməyib; onu genişlənmənin ayarlarında əlavə edin.',
    en: 'No imzala service address is configured; add one in the extension’s options.',
    ru: 'Адрес сервиса imzala не настроен; добавьте его в настройках расширения.',
  },
  WEBMAIL_HANDOVER_INVALID: {
    az: 'Ötürülən sənədlər və ya imzalayanlar qəbul edilmədi: {reason}',
    en: 'The documents or signers handed over were refused: {reason}',
    ru: 'Переданные документы или подписанты отклонены: {reason}',
  },
};

/** The English message of `code` with `{name}` placeholders filled. */
export function webmailMessage(code: WebmailErrorCode, details: Record<string, string | number> = {}, language: 'az' | 'en' | 'ru' = 'en'): string {
  let text = WEBMAIL_MESSAGES[code]![language];
  for (const [key, value] of Object.entries(details)) text = text.replaceAll(`{${key}}`, String(value));
  return text;
}
