/**
 * Codes of the mobile-signature providers (ASAN İmza: the simulator and the real-provider configuration) and their
 * messages in Azerbaijani, English and Russian. The page shows these for every way a mobile signature can fail.
 */
import type { MessageCatalog } from '../../core/report/message-types.js';

/** The ways a mobile-signature session ends without a signature (the status words of the provider model). */
export const MOBILE_SIGNATURE_FAILURES = [
  'USER_CANCEL',
  'TIMEOUT',
  'CERT_SUSPENDED',
  'CERT_EXPIRED',
  'SERVICE_UNAVAILABLE',
  'CERT_NOT_FOUND',
] as const;
export type MobileSignatureFailure = (typeof MOBILE_SIGNATURE_FAILURES)[number];

/**
 * The message code of a failure status. The statuses are short words ('TIMEOUT') that other areas may use for other
 * things, so their messages live under a prefixed code ('MOBILE_SIGNATURE_TIMEOUT'); thrown errors carry that code.
 */
export function mobileSignatureFailureCode(status: MobileSignatureFailure): string {
  return `MOBILE_SIGNATURE_${status}`;
}

export const PROVIDER_PHONE_INVALID = 'PROVIDER_PHONE_INVALID';
export const PROVIDER_USER_ID_INVALID = 'PROVIDER_USER_ID_INVALID';
export const PROVIDER_DIGEST_INVALID = 'PROVIDER_DIGEST_INVALID';
export const PROVIDER_REQUEST_INVALID = 'PROVIDER_REQUEST_INVALID';
export const PROVIDER_SESSION_UNKNOWN = 'PROVIDER_SESSION_UNKNOWN';
export const PROVIDER_NOT_CONFIGURED = 'PROVIDER_NOT_CONFIGURED';
export const PROVIDER_CONFIG_INVALID = 'PROVIDER_CONFIG_INVALID';
export const SIMULATOR_SESSION_NOT_PENDING = 'SIMULATOR_SESSION_NOT_PENDING';
export const SIMULATOR_USER_INVALID = 'SIMULATOR_USER_INVALID';
export const SIMULATOR_CONTROL_REFUSED = 'SIMULATOR_CONTROL_REFUSED';
export const SIMULATOR_CONTROL_UNREACHABLE = 'SIMULATOR_CONTROL_UNREACHABLE';

export const PROVIDER_MESSAGES: MessageCatalog = {
  MOBILE_SIGNATURE_USER_CANCEL: {
    az: 'İmza telefonda rədd edildi. Yenidən cəhd edə bilərsiniz.',
    en: 'The signature was declined on the phone. You can try again.',
    ru: 'Подпись отклонена на телефоне. Можно попробовать снова.',
  },
  MOBILE_SIGNATURE_TIMEOUT: {
    az: 'Telefonda vaxtında təsdiq edilmədi (sorğunun müddəti bitdi). Yenidən cəhd edin.',
    en: 'The request was not confirmed on the phone in time. Try again.',
    ru: 'Запрос не был подтверждён на телефоне вовремя. Попробуйте снова.',
  },
  MOBILE_SIGNATURE_CERT_SUSPENDED: {
    az: 'ASAN İmza sertifikatınızın fəaliyyəti dayandırılıb. ASAN xidmətə müraciət edin.',
    en: 'Your ASAN İmza certificate is suspended. Contact the ASAN service.',
    ru: 'Действие вашего сертификата ASAN İmza приостановлено. Обратитесь в службу ASAN.',
  },
  MOBILE_SIGNATURE_CERT_EXPIRED: {
    az: 'ASAN İmza sertifikatınızın müddəti bitib. Sertifikatı yeniləyin.',
    en: 'Your ASAN İmza certificate has expired. Renew the certificate.',
    ru: 'Срок действия вашего сертификата ASAN İmza истёк. Обновите сертификат.',
  },
  MOBILE_SIGNATURE_SERVICE_UNAVAILABLE: {
    az: 'ASAN İmza xidməti hazırda əlçatan deyil. Bir az sonra yenidən cəhd edin.',
    en: 'The ASAN İmza service is not available right now. Try again a little later.',
    ru: 'Служба ASAN İmza сейчас недоступна. Попробуйте немного позже.',
  },
  MOBILE_SIGNATURE_CERT_NOT_FOUND: {
    az: 'Bu telefon nömrəsi və istifadəçi ID üçün ASAN İmza sertifikatı tapılmadı. Nömrəni və ID-ni yoxlayın.',
    en: 'No ASAN İmza certificate was found for this phone number and user ID. Check both.',
    ru: 'Для этого номера телефона и ID пользователя сертификат ASAN İmza не найден. Проверьте оба значения.',
  },
  [PROVIDER_PHONE_INVALID]: {
    az: 'Telefon nömrəsi düzgün deyil: {phone}. +994XXXXXXXXX və ya 0XX XXX XX XX şəklində yazın.',
    en: 'The phone number is not valid: {phone}. Write it as +994XXXXXXXXX or 0XX XXX XX XX.',
    ru: 'Неверный номер телефона: {phone}. Укажите его в виде +994XXXXXXXXX или 0XX XXX XX XX.',
  },
  [PROVIDER_USER_ID_INVALID]: {
    az: 'ASAN istifadəçi ID düzgün deyil: 6 rəqəm olmalıdır.',
    en: 'The ASAN user ID is not valid: it must be 6 digits.',
    ru: 'Неверный ID пользователя ASAN: он должен состоять из 6 цифр.',
  },
  [PROVIDER_DIGEST_INVALID]: {
    az: 'İmzalanacaq həş düzgün deyil: {reason}.',
    en: 'The digest to sign is not valid: {reason}.',
    ru: 'Неверный хеш для подписи: {reason}.',
  },
  [PROVIDER_REQUEST_INVALID]: {
    az: 'Mobil imza sorğusu düzgün deyil: {reason}.',
    en: 'The mobile-signature request is not valid: {reason}.',
    ru: 'Неверный запрос мобильной подписи: {reason}.',
  },
  [PROVIDER_SESSION_UNKNOWN]: {
    az: 'Belə mobil imza sessiyası yoxdur (və ya artıq silinib).',
    en: 'There is no such mobile-signature session (or it has been removed).',
    ru: 'Такого сеанса мобильной подписи нет (или он уже удалён).',
  },
  [PROVIDER_NOT_CONFIGURED]: {
    az:
      'ASAN İmza qoşulmayıb: xidmətin tərəf (relying party) API-si açıq deyil və yalnız ASAN ilə bağlanmış müqavilə ' +
      'əsasında verilir. Müqavilədən sonra {variables} dəyişənlərini təyin edin; sınaq üçün IMZALA_ASAN=simulator.',
    en:
      'ASAN İmza is not connected: the relying-party API of the service is not public and is only given under a ' +
      'contract with ASAN. After contracting, set {variables}; for trying things out use IMZALA_ASAN=simulator.',
    ru:
      'ASAN İmza не подключена: API для доверяющей стороны не публичен и предоставляется только по договору с ASAN. ' +
      'После заключения договора задайте {variables}; для проб используйте IMZALA_ASAN=simulator.',
  },
  [PROVIDER_CONFIG_INVALID]: {
    az: 'ASAN İmza tənzimləməsi düzgün deyil: {reason}.',
    en: 'The ASAN İmza configuration is not valid: {reason}.',
    ru: 'Неверная настройка ASAN İmza: {reason}.',
  },
  [SIMULATOR_SESSION_NOT_PENDING]: {
    az: 'ASAN İmza simulyatoru: sessiya artıq gözləmədə deyil (vəziyyəti: {status}).',
    en: 'ASAN İmza simulator: the session is no longer pending (its status: {status}).',
    ru: 'Симулятор ASAN İmza: сеанс уже не ожидает ответа (состояние: {status}).',
  },
  [SIMULATOR_USER_INVALID]: {
    az: 'ASAN İmza simulyatorunun istifadəçisi düzgün tənzimlənməyib: {reason}.',
    en: 'An ASAN İmza simulator user is not configured correctly: {reason}.',
    ru: 'Пользователь симулятора ASAN İmza настроен неверно: {reason}.',
  },
  [SIMULATOR_CONTROL_REFUSED]: {
    az: 'ASAN İmza simulyatorunun idarəetməsi yalnız simulyator provayderi ilə işləyir (tənzimlənən: {provider}).',
    en: 'The ASAN İmza simulator control works only with the simulator provider (configured: {provider}).',
    ru: 'Управление симулятором ASAN İmza работает только с провайдером-симулятором (настроен: {provider}).',
  },
  [SIMULATOR_CONTROL_UNREACHABLE]: {
    az: 'ASAN İmza simulyatoru ilə əlaqə alınmadı ({url}): {reason}. Xidmət IMZALA_ASAN=simulator ilə işləyirmi?',
    en: 'Could not reach the ASAN İmza simulator ({url}): {reason}. Is the service running with IMZALA_ASAN=simulator?',
    ru: 'Не удалось связаться с симулятором ASAN İmza ({url}): {reason}. Запущен ли сервис с IMZALA_ASAN=simulator?',
  },
};
