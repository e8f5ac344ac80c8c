/**
 * Codes of the one-off signing sessions (services/signing-sessions.ts, routes/signing-sessions.ts) with their HTTP
 * status and their messages in Azerbaijani, English and Russian. Codes of other areas a session passes on (ASAN İmza's
 * PROVIDER_* and MOBILE_SIGNATURE_*, SİMA's SIMA_*, SERVER_BUSY, CERTIFICATE_UNTRUSTED) keep their own catalogs.
 */
import type { MessageCatalog } from '../../../core/report/message-types.js';

export const SESSION_NOT_FOUND = 'SESSION_NOT_FOUND';
export const SESSION_REQUEST_INVALID = 'SESSION_REQUEST_INVALID';
export const SESSION_TOOL_UNAVAILABLE = 'SESSION_TOOL_UNAVAILABLE';
export const SESSION_FIN_INVALID = 'SESSION_FIN_INVALID';
export const SESSION_NOT_SIGNED = 'SESSION_NOT_SIGNED';
export const SESSION_SIGNED_DOCUMENT_INVALID = 'SESSION_SIGNED_DOCUMENT_INVALID';
export const SESSION_EXPIRED = 'SESSION_EXPIRED';

/** HTTP status of each refusal of these routes. */
export const SESSION_ERROR_STATUS: Readonly<Record<string, number>> = {
  [SESSION_NOT_FOUND]: 404,
  [SESSION_REQUEST_INVALID]: 400,
  [SESSION_TOOL_UNAVAILABLE]: 503,
  [SESSION_FIN_INVALID]: 400,
  [SESSION_NOT_SIGNED]: 409,
  [SESSION_SIGNED_DOCUMENT_INVALID]: 422,
  [SESSION_EXPIRED]: 410,
};

export const SESSION_MESSAGES: MessageCatalog = {
  [SESSION_NOT_FOUND]: {
    az: 'Belə imzalama sessiyası yoxdur: müddəti bitib, ləğv edilib, nəticə artıq götürülüb və ya açar səhvdir.',
    en: 'No such signing session: it expired, was cancelled, its result was already collected, or the key is wrong.',
    ru: 'Такой сессии подписания нет: срок истёк, она отменена, результат уже получен или ключ неверен.',
  },
  [SESSION_REQUEST_INVALID]: {
    az: 'Sorğu düzgün deyil: {detail}.',
    en: 'The request is not valid: {detail}.',
    ru: 'Неверный запрос: {detail}.',
  },
  [SESSION_TOOL_UNAVAILABLE]: {
    az: '{tool} bu imzala xidmətində qoşulmayıb. Başqa imzalama üsulu seçin.',
    en: '{tool} is not set up on this imzala service. Choose another way to sign.',
    ru: '{tool} не подключён на этом сервисе imzala. Выберите другой способ подписи.',
  },
  [SESSION_FIN_INVALID]: {
    az: 'SİMA ilə imzalamaq üçün FİN kodunuzu yazın: 7 simvol, rəqəm və latın hərfləri.',
    en: 'To sign with SİMA, enter your FIN: 7 characters, digits and Latin letters.',
    ru: 'Для подписи через SİMA введите ваш FIN: 7 символов, цифры и латинские буквы.',
  },
  [SESSION_NOT_SIGNED]: {
    az: 'Sənəd hələ imzalanmayıb (vəziyyət: {status}).',
    en: 'The document is not signed (status: {status}).',
    ru: 'Документ не подписан (состояние: {status}).',
  },
  [SESSION_SIGNED_DOCUMENT_INVALID]: {
    az: 'İmzalanmış sənəd imzala yoxlamasından keçmədi ({codes}). Sənəd saxlanmadı.',
    en: 'The signed document did not pass imzala\'s check ({codes}). Nothing was kept.',
    ru: 'Подписанный документ не прошёл проверку imzala ({codes}). Ничего не сохранено.',
  },
  [SESSION_EXPIRED]: {
    az: 'İmzalama sessiyasının müddəti bitdi; sənəd silindi. Yenidən başlayın.',
    en: 'The signing session expired; the document was deleted. Start again.',
    ru: 'Срок сессии подписания истёк; документ удалён. Начните заново.',
  },
};
