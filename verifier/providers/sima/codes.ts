/**
 * Codes of SİMA Web2App signing (AZ-ESIGN.md §4): the refusals of what the SİMA app (or the phone simulator) sends to
 * the service, the configuration, and the app's own error strings as the signing page shows them.
 */
import type { MessageCatalog } from '../../../core/report/message-types.js';

export const SIMA_SIGNATURE_INVALID = 'SIMA_SIGNATURE_INVALID';
export const SIMA_CERTIFICATE_UNTRUSTED = 'SIMA_CERTIFICATE_UNTRUSTED';
export const SIMA_WRONG_PERSON = 'SIMA_WRONG_PERSON';
export const SIMA_OPERATION_REPLAYED = 'SIMA_OPERATION_REPLAYED';
export const SIMA_OPERATION_UNKNOWN = 'SIMA_OPERATION_UNKNOWN';
export const SIMA_CONTRACT_EXPIRED = 'SIMA_CONTRACT_EXPIRED';
export const SIMA_CONTRACT_NOT_YET_VALID = 'SIMA_CONTRACT_NOT_YET_VALID';
export const SIMA_CONTRACT_INVALID = 'SIMA_CONTRACT_INVALID';
export const SIMA_DOCUMENT_INVALID = 'SIMA_DOCUMENT_INVALID';
export const SIMA_REQUEST_INVALID = 'SIMA_REQUEST_INVALID';
export const SIMA_NOT_CONFIGURED = 'SIMA_NOT_CONFIGURED';
export const SIMA_CONFIG_INVALID = 'SIMA_CONFIG_INVALID';
export const SIMA_RUN_UNKNOWN = 'SIMA_RUN_UNKNOWN';
export const SIMA_PROCESS_CHANGED = 'SIMA_PROCESS_CHANGED';
export const SIMA_SIMULATOR_FAILED = 'SIMA_SIMULATOR_FAILED';

/** Error strings the SİMA app reports in its callback (AZ-ESIGN.md §4), and the code each is shown under. */
export const SIMA_APP_ERRORS = {
  'operation-canceled': 'SIMA_APP_OPERATION_CANCELED',
  'wrong-operation-type': 'SIMA_APP_WRONG_OPERATION_TYPE',
  'empty-data': 'SIMA_APP_EMPTY_DATA',
  'wrong-user-code': 'SIMA_APP_WRONG_USER_CODE',
  'document-processing-error': 'SIMA_APP_DOCUMENT_PROCESSING_ERROR',
  'sign-document-error': 'SIMA_APP_SIGN_DOCUMENT_ERROR',
  'timestamp-request-error': 'SIMA_APP_TIMESTAMP_REQUEST_ERROR',
  'internal-error': 'SIMA_APP_INTERNAL_ERROR',
} as const;
/** Any other error string the app sends. */
export const SIMA_APP_OTHER_ERROR = 'SIMA_APP_OTHER_ERROR';

/** The page code of an app error string. */
export function simaAppErrorCode(error: string): string {
  return Object.hasOwn(SIMA_APP_ERRORS, error) ? SIMA_APP_ERRORS[error as keyof typeof SIMA_APP_ERRORS] : SIMA_APP_OTHER_ERROR;
}

/** HTTP status of each refusal (to merge into the service's ERROR_STATUS). */
export const SIMA_ERROR_STATUS: Readonly<Record<string, number>> = {
  [SIMA_SIGNATURE_INVALID]: 401,
  [SIMA_CERTIFICATE_UNTRUSTED]: 403,
  [SIMA_WRONG_PERSON]: 403,
  [SIMA_OPERATION_REPLAYED]: 409,
  [SIMA_OPERATION_UNKNOWN]: 404,
  [SIMA_CONTRACT_EXPIRED]: 410,
  [SIMA_CONTRACT_NOT_YET_VALID]: 425,
  [SIMA_CONTRACT_INVALID]: 400,
  [SIMA_DOCUMENT_INVALID]: 422,
  [SIMA_REQUEST_INVALID]: 400,
  [SIMA_NOT_CONFIGURED]: 503,
  [SIMA_RUN_UNKNOWN]: 404,
  [SIMA_PROCESS_CHANGED]: 409,
  [SIMA_SIMULATOR_FAILED]: 502,
};

export const SIMA_MESSAGES: MessageCatalog = {
  SIMA_SIGNATURE_INVALID: {
    az: 'SİMA sorğusunun imzası (ts-sign) sertifikatın açarı ilə təsdiqlənmir.',
    en: 'The SİMA request signature (ts-sign) does not verify with the certificate\'s key.',
    ru: 'Подпись запроса SİMA (ts-sign) не проверяется ключом сертификата.',
  },
  SIMA_CERTIFICATE_UNTRUSTED: {
    az: 'SİMA sertifikatı etibar edilən kök sertifikata bağlanmır və ya hazırda etibarlı deyil.',
    en: 'The SİMA certificate does not chain to a trusted root or is not valid now.',
    ru: 'Сертификат SİMA не связан с доверенным корнем или сейчас недействителен.',
  },
  SIMA_WRONG_PERSON: {
    az: 'SİMA ilə imzalayan şəxs bu addımın imzalayıcısı deyil (FİN uyğun gəlmir).',
    en: 'The person signing with SİMA is not this step\'s signer (the FIN does not match).',
    ru: 'Подписывающий через SİMA не является подписантом этого шага (FIN не совпадает).',
  },
  SIMA_OPERATION_REPLAYED: {
    az: 'Bu SİMA əməliyyatı artıq cavablandırılıb; təkrar qəbul edilmir.',
    en: 'This SİMA operation was already answered; a repeat is not accepted.',
    ru: 'На эту операцию SİMA уже был ответ; повтор не принимается.',
  },
  SIMA_OPERATION_UNKNOWN: {
    az: 'Belə SİMA əməliyyatı yoxdur (müddəti bitmiş ola bilər). QR kodu yenidən yaradın.',
    en: 'No such SİMA operation (it may have expired). Create the QR code again.',
    ru: 'Такой операции SİMA нет (возможно, срок истёк). Создайте QR-код заново.',
  },
  SIMA_CONTRACT_EXPIRED: {
    az: 'SİMA QR kodunun müddəti bitib. Yeni QR kod yaradın.',
    en: 'The SİMA QR code has expired. Create a new QR code.',
    ru: 'Срок действия QR-кода SİMA истёк. Создайте новый QR-код.',
  },
  SIMA_CONTRACT_NOT_YET_VALID: {
    az: 'SİMA QR kodu hələ qüvvədə deyil (cihazın saatını yoxlayın).',
    en: 'The SİMA QR code is not valid yet (check the device clock).',
    ru: 'QR-код SİMA ещё не действует (проверьте часы устройства).',
  },
  SIMA_CONTRACT_INVALID: {
    az: 'SİMA müqaviləsi bu xidmətin deyil və ya dəyişdirilib (HMAC təsdiqlənmir).',
    en: 'The SİMA contract is not this service\'s or was changed (the HMAC does not verify).',
    ru: 'Контракт SİMA выдан не этим сервисом или изменён (HMAC не проверяется).',
  },
  SIMA_DOCUMENT_INVALID: {
    az: 'SİMA-dan qayıdan imzalı sənəd imzala yoxlamasından keçmədi.',
    en: 'The signed document SİMA returned did not pass imzala\'s check.',
    ru: 'Подписанный документ, возвращённый SİMA, не прошёл проверку imzala.',
  },
  SIMA_REQUEST_INVALID: {
    az: 'SİMA sorğusu düzgün qurulmayıb: {detail}',
    en: 'The SİMA request is malformed: {detail}',
    ru: 'Запрос SİMA составлен неверно: {detail}',
  },
  SIMA_NOT_CONFIGURED: {
    az: 'SİMA bu xidmətdə qoşulmayıb.',
    en: 'SİMA is not configured on this service.',
    ru: 'SİMA не настроена в этом сервисе.',
  },
  SIMA_CONFIG_INVALID: {
    az: 'SİMA tənzimləməsi yanlışdır: {detail}',
    en: 'The SİMA configuration is invalid: {detail}',
    ru: 'Настройка SİMA неверна: {detail}',
  },
  SIMA_RUN_UNKNOWN: {
    az: 'Belə SİMA imzalama sessiyası yoxdur.',
    en: 'No such SİMA signing session.',
    ru: 'Такого сеанса подписи SİMA нет.',
  },
  SIMA_PROCESS_CHANGED: {
    az: 'SİMA ilə imzalama zamanı proses dəyişdi. Yenidən cəhd edin.',
    en: 'The process changed while signing with SİMA. Try again.',
    ru: 'Процесс изменился во время подписи через SİMA. Попробуйте снова.',
  },
  SIMA_SIMULATOR_FAILED: {
    az: 'SİMA simulyatoru imzalamanı başa çatdıra bilmədi: {detail}',
    en: 'The SİMA simulator could not finish signing: {detail}',
    ru: 'Симулятор SİMA не смог завершить подпись: {detail}',
  },
  SIMA_APP_OPERATION_CANCELED: {
    az: 'İmzalama SİMA tətbiqində ləğv edildi. Yenidən cəhd edə bilərsiniz.',
    en: 'Signing was cancelled in the SİMA app. You can try again.',
    ru: 'Подпись отменена в приложении SİMA. Можно попробовать снова.',
  },
  SIMA_APP_WRONG_OPERATION_TYPE: {
    az: 'SİMA tətbiqi əməliyyatın növünü qəbul etmədi.',
    en: 'The SİMA app did not accept the operation type.',
    ru: 'Приложение SİMA не приняло тип операции.',
  },
  SIMA_APP_EMPTY_DATA: {
    az: 'SİMA tətbiqi imzalanacaq məlumatı boş aldı.',
    en: 'The SİMA app received empty data to sign.',
    ru: 'Приложение SİMA получило пустые данные для подписи.',
  },
  SIMA_APP_WRONG_USER_CODE: {
    az: 'SİMA tətbiqində daxil edilən kod səhvdir.',
    en: 'The code entered in the SİMA app is wrong.',
    ru: 'В приложении SİMA введён неверный код.',
  },
  SIMA_APP_DOCUMENT_PROCESSING_ERROR: {
    az: 'SİMA tətbiqi sənədi emal edə bilmədi.',
    en: 'The SİMA app could not process the document.',
    ru: 'Приложение SİMA не смогло обработать документ.',
  },
  SIMA_APP_SIGN_DOCUMENT_ERROR: {
    az: 'SİMA tətbiqi sənədi imzalaya bilmədi.',
    en: 'The SİMA app could not sign the document.',
    ru: 'Приложение SİMA не смогло подписать документ.',
  },
  SIMA_APP_TIMESTAMP_REQUEST_ERROR: {
    az: 'SİMA tətbiqi vaxt möhürü ala bilmədi.',
    en: 'The SİMA app could not get a timestamp.',
    ru: 'Приложение SİMA не смогло получить метку времени.',
  },
  SIMA_APP_INTERNAL_ERROR: {
    az: 'SİMA tətbiqində daxili xəta baş verdi.',
    en: 'An internal error occurred in the SİMA app.',
    ru: 'В приложении SİMA произошла внутренняя ошибка.',
  },
  SIMA_APP_OTHER_ERROR: {
    az: 'SİMA tətbiqi xəta bildirdi: {error}',
    en: 'The SİMA app reported an error: {error}',
    ru: 'Приложение SİMA сообщило об ошибке: {error}',
  },
};
