/**
 * Stable error codes of the signing bridge (page <-> extension <-> native host), in the style of Web eID's
 * (USER_CANCELLED, NATIVE_UNAVAILABLE, ...). Every side answers a failure with one of these and a message for people;
 * pages decide what to show from the code alone.
 */
import type { MessageCatalog } from '../report/message-types.js';

export type BridgeErrorCode =
  | 'EXTENSION_UNAVAILABLE'
  | 'NATIVE_UNAVAILABLE'
  | 'VERSION_MISMATCH'
  | 'CONTEXT_INSECURE'
  | 'ORIGIN_NOT_ALLOWED'
  | 'CONSENT_DENIED'
  | 'TOOL_NOT_ALLOWED'
  | 'USER_CANCELLED'
  | 'USER_TIMEOUT'
  | 'TIMEOUT'
  | 'TOKEN_LIBRARY_NOT_FOUND'
  | 'TOKEN_ABSENT'
  | 'PIN_INCORRECT'
  | 'PIN_BLOCKED'
  | 'PIN_INVALID_FORMAT'
  | 'KEY_NOT_FOUND'
  | 'TOKEN_ERROR'
  | 'INVALID_REQUEST'
  | 'UNKNOWN_COMMAND'
  | 'MESSAGE_TOO_LARGE'
  | 'BUSY'
  | 'HOST_CONFIG_INVALID'
  | 'INTERNAL_ERROR';

export interface BridgeError {
  code: BridgeErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const PROTOCOL_MESSAGES: MessageCatalog = {
  EXTENSION_UNAVAILABLE: {
    az: 'imzala brauzer əlavəsi cavab vermir: quraşdırılmayıb, söndürülüb və ya bu sayt onun ayarlarında yoxdur.',
    en: 'The imzala browser extension does not answer: it is not installed, it is disabled, or this site is not in its settings.',
    ru: 'Расширение imzala не отвечает: оно не установлено, отключено или этого сайта нет в его настройках.',
  },
  NATIVE_UNAVAILABLE: {
    az: 'imzala köməkçi proqramı (token üçün) bu kompüterdə quraşdırılmayıb və ya başlamır.',
    en: 'The imzala helper program (for the token) is not installed on this computer or does not start.',
    ru: 'Вспомогательная программа imzala (для токена) не установлена на этом компьютере или не запускается.',
  },
  VERSION_MISMATCH: {
    az: 'imzala hissələrinin versiyaları uyğun gəlmir (səhifə, əlavə, köməkçi proqram); əlavəni və köməkçi proqramı yeniləyin.',
    en: 'The versions of imzala’s parts do not match (page, extension, helper program); update the extension and the helper.',
    ru: 'Версии частей imzala не совпадают (страница, расширение, вспомогательная программа); обновите расширение и программу.',
  },
  CONTEXT_INSECURE: {
    az: 'İmzalama yalnız təhlükəsiz (https) səhifədən mümkündür.',
    en: 'Signing is possible only from a secure (https) page.',
    ru: 'Подписывать можно только с защищённой (https) страницы.',
  },
  ORIGIN_NOT_ALLOWED: {
    az: 'Bu sayt imzala əlavəsinin ayarlarında imzala xidməti kimi göstərilməyib.',
    en: 'This site is not configured as an imzala service in the extension’s settings.',
    ru: 'Этот сайт не указан как сервис imzala в настройках расширения.',
  },
  CONSENT_DENIED: {
    az: 'Bu sayta imza üçün icazə verilmədi.',
    en: 'Permission to sign for this site was refused.',
    ru: 'Разрешение на подпись для этого сайта не дано.',
  },
  TOOL_NOT_ALLOWED: {
    az: 'Təşkilatınızın siyasəti bu imza vasitəsinə icazə vermir.',
    en: 'Your organisation’s policy does not allow this signing tool.',
    ru: 'Политика вашей организации не разрешает это средство подписи.',
  },
  USER_CANCELLED: {
    az: 'İmzalama ləğv edildi.',
    en: 'Signing was cancelled.',
    ru: 'Подписание отменено.',
  },
  USER_TIMEOUT: {
    az: 'Vaxtında cavab verilmədi; imzalamanı yenidən başladın.',
    en: 'There was no answer in time; start signing again.',
    ru: 'Ответа не было вовремя; начните подписание заново.',
  },
  TIMEOUT: {
    az: 'Əməliyyat vaxtında başa çatmadı.',
    en: 'The operation did not finish in time.',
    ru: 'Операция не завершилась вовремя.',
  },
  TOKEN_LIBRARY_NOT_FOUND: {
    az: 'Tokenin drayveri (PKCS#11 kitabxanası) bu kompüterdə tapılmadı; tokenin proqram təminatını quraşdırın.',
    en: 'The token’s driver (PKCS#11 library) was not found on this computer; install the token’s software.',
    ru: 'Драйвер токена (библиотека PKCS#11) не найден на этом компьютере; установите программное обеспечение токена.',
  },
  TOKEN_ABSENT: {
    az: 'Token taxılmayıb: USB tokeni (SİMA Token / e-imza kartı) taxın və yenidən cəhd edin.',
    en: 'No token is inserted: insert the USB token (SİMA Token / e-imza card) and try again.',
    ru: 'Токен не вставлен: вставьте USB-токен (SİMA Token / карту e-imza) и повторите.',
  },
  PIN_INCORRECT: {
    az: 'PIN səhvdir. Bir neçə səhv cəhddən sonra token bloklanır.',
    en: 'The PIN is wrong. After a few wrong tries the token is blocked.',
    ru: 'Неверный PIN. После нескольких неверных попыток токен блокируется.',
  },
  PIN_BLOCKED: {
    az: 'PIN bloklanıb; tokeni PUK ilə və ya sertifikatı verən mərkəzdə açdırın.',
    en: 'The PIN is blocked; unblock the token with its PUK or at the certificate centre.',
    ru: 'PIN заблокирован; разблокируйте токен PUK-кодом или в удостоверяющем центре.',
  },
  PIN_INVALID_FORMAT: {
    az: 'PIN-in uzunluğu və ya formatı bu token üçün yanlışdır.',
    en: 'The PIN’s length or format is wrong for this token.',
    ru: 'Длина или формат PIN неверны для этого токена.',
  },
  KEY_NOT_FOUND: {
    az: 'Seçilmiş sertifikatın açarı taxılmış tokendə yoxdur.',
    en: 'The key of the chosen certificate is not on the inserted token.',
    ru: 'Ключа выбранного сертификата нет на вставленном токене.',
  },
  TOKEN_ERROR: {
    az: 'Token xəta ilə cavab verdi ({ckr}).',
    en: 'The token answered with an error ({ckr}).',
    ru: 'Токен ответил ошибкой ({ckr}).',
  },
  INVALID_REQUEST: {
    az: 'Sorğu yanlışdır: {reason}',
    en: 'The request is malformed: {reason}',
    ru: 'Неверный запрос: {reason}',
  },
  UNKNOWN_COMMAND: {
    az: 'Naməlum əmr.',
    en: 'Unknown command.',
    ru: 'Неизвестная команда.',
  },
  MESSAGE_TOO_LARGE: {
    az: 'Mesaj çox böyükdür.',
    en: 'The message is too large.',
    ru: 'Сообщение слишком большое.',
  },
  BUSY: {
    az: 'Başqa imzalama sizin cavabınızı gözləyir; əvvəlcə onu bitirin.',
    en: 'Another signing is waiting for your answer; finish it first.',
    ru: 'Другое подписание ждёт вашего ответа; сначала завершите его.',
  },
  HOST_CONFIG_INVALID: {
    az: 'imzala köməkçi proqramının ayar faylı ({path}) oxuna bilmir: {reason}. Faylı düzəldin və ya silin.',
    en: 'The imzala helper program’s configuration file ({path}) cannot be used: {reason}. Fix or remove the file.',
    ru: 'Файл настроек вспомогательной программы imzala ({path}) не может быть использован: {reason}. Исправьте или удалите файл.',
  },
  INTERNAL_ERROR: {
    az: 'Daxili xəta.',
    en: 'Internal error.',
    ru: 'Внутренняя ошибка.',
  },
};

/** A BridgeError with the catalog's English message (sides that know the user's language put theirs in). */
export function bridgeError(code: BridgeErrorCode, details?: Record<string, unknown>, language: 'az' | 'en' | 'ru' = 'en'): BridgeError {
  let message = PROTOCOL_MESSAGES[code]?.[language] ?? code;
  for (const [k, v] of Object.entries(details ?? {})) message = message.replaceAll(`{${k}}`, String(v));
  return details ? { code, message, details } : { code, message };
}

const CODES = new Set(Object.keys(PROTOCOL_MESSAGES));

/** Whether `x` is a well-formed BridgeError with one of the known codes. */
export function isBridgeError(x: unknown): x is BridgeError {
  if (!isRecord(x)) return false;
  return typeof x.code === 'string' && CODES.has(x.code) && typeof x.message === 'string' && (x.details === undefined || isRecord(x.details));
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
