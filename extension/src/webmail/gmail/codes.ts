/**
 * Refusals of the Gmail adapter. They are thrown as ImzalaError (English message); the runtime passes the message on
 * as the reason of its own WEBMAIL_FETCH_FAILED / WEBMAIL_REPLY_FAILED, and this catalog has all three languages.
 */
import type { MessageCatalog } from '../../../../core/report/message-types.js';

export type GmailErrorCode =
  | 'GMAIL_ATTACHMENT_FOREIGN_ORIGIN'
  | 'GMAIL_ATTACHMENT_HTTP_STATUS'
  | 'GMAIL_ATTACHMENT_TOO_LARGE'
  | 'GMAIL_REPLY_COMPOSE_TIMEOUT'
  | 'GMAIL_REPLY_ATTACH_TIMEOUT'
  | 'GMAIL_MESSAGE_GONE';

export const GMAIL_MESSAGES: MessageCatalog = {
  GMAIL_ATTACHMENT_FOREIGN_ORIGIN: {
    az: '“{name}” qoşmasının ünvanı Gmail-in özündə deyil ({origin}); imzala oradan heç nə yükləmir.',
    en: 'The attachment “{name}” points outside Gmail itself ({origin}); imzala downloads nothing from there.',
    ru: 'Адрес вложения «{name}» ведёт за пределы самого Gmail ({origin}); imzala ничего оттуда не загружает.',
  },
  GMAIL_ATTACHMENT_HTTP_STATUS: {
    az: 'Gmail “{name}” qoşmasını vermədi (HTTP {status}).',
    en: 'Gmail did not return the attachment “{name}” (HTTP {status}).',
    ru: 'Gmail не отдал вложение «{name}» (HTTP {status}).',
  },
  GMAIL_ATTACHMENT_TOO_LARGE: {
    az: '“{name}” qoşması {limit} baytdan böyükdür.',
    en: 'The attachment “{name}” is larger than {limit} bytes.',
    ru: 'Вложение «{name}» больше {limit} байт.',
  },
  GMAIL_REPLY_COMPOSE_TIMEOUT: {
    az: '“Cavab ver” düyməsi basıldı, amma {seconds} saniyədə cavab pəncərəsi açılmadı.',
    en: 'Reply was clicked but no reply window opened within {seconds} seconds.',
    ru: 'Кнопка «Ответить» нажата, но окно ответа не открылось за {seconds} с.',
  },
  GMAIL_REPLY_ATTACH_TIMEOUT: {
    az: '“{name}” faylı {seconds} saniyədə cavab məktubunda görünmədi.',
    en: 'The file “{name}” did not show in the reply within {seconds} seconds.',
    ru: 'Файл «{name}» не появился в ответе за {seconds} с.',
  },
  GMAIL_MESSAGE_GONE: {
    az: 'Qoşmanın məktubu artıq səhifədə açıq deyil; məktubu yenidən açın.',
    en: "The attachment's message is no longer open on the page; open the message again.",
    ru: 'Письмо с этим вложением больше не открыто на странице; откройте его снова.',
  },
};

/** The English text of `code` with its `{placeholders}` filled from `details`. */
export function gmailMessage(code: GmailErrorCode, details: Record<string, string | number>): string {
  let text = GMAIL_MESSAGES[code]!.en;
  for (const [key, value] of Object.entries(details)) text = text.replaceAll(`{${key}}`, String(value));
  return text;
}
