/** Messages for refusals before signing. */
import type { MessageCatalog } from '../report/message-types.js';

export const SIGNING_MESSAGES: MessageCatalog = {
  SIGNER_CERTIFICATE_EXPIRED: {
    az: 'İmza sertifikatınızın müddəti {notAfter} tarixində bitib; onunla imzalamaq olmaz. Yeni sertifikat alın.',
    en: 'Your signing certificate expired on {notAfter}; it cannot be used to sign. Get a new certificate.',
    ru: 'Срок действия вашего сертификата подписи истёк {notAfter}; подписывать им нельзя. Получите новый сертификат.',
  },
  SIGNER_CERTIFICATE_NOT_YET_VALID: {
    az: 'İmza sertifikatınız {notBefore} tarixindən etibarlıdır; hələ onunla imzalamaq olmaz.',
    en: 'Your signing certificate is valid from {notBefore}; it cannot be used to sign yet.',
    ru: 'Ваш сертификат подписи действует с {notBefore}; подписывать им пока нельзя.',
  },
  SIGNER_CERTIFICATE_NOT_FOR_SIGNING: {
    az: 'Bu sertifikat imza üçün nəzərdə tutulmayıb (açar istifadəsi imzaya icazə vermir).',
    en: 'This certificate is not meant for signatures (its key usage does not allow signing).',
    ru: 'Этот сертификат не предназначен для подписи (назначение ключа не разрешает подпись).',
  },
  SIGNING_OPERATION_UNSIGNED: {
    az: 'İmzalama əməliyyatı imza istəmədən başa çatdı (daxili xəta).',
    en: 'The signing operation finished without asking for a signature (internal error).',
    ru: 'Операция подписания завершилась, не запросив подпись (внутренняя ошибка).',
  },
  SIGNING_INPUT_CHANGED: {
    az: 'Sənəd və ya imzalayan imzanın hazırlanması ilə tamamlanması arasında dəyişib; imzalamanı yenidən başladın.',
    en: 'The document or the signer changed between preparing and completing the signature; start signing again.',
    ru: 'Документ или подписант изменились между подготовкой и завершением подписи; начните подписание заново.',
  },
  TOKEN_DIGEST_UNSUPPORTED: {
    az: 'Bu sertifikatın alqoritmi ({hash}) tokendə imzalanmır.',
    en: 'This certificate’s algorithm ({hash}) is not signed on tokens.',
    ru: 'Алгоритм этого сертификата ({hash}) не подписывается на токене.',
  },
  TOKEN_SCHEME_MISMATCH: {
    az: 'Token imzanı gözlənilən üsulla ({expected}) deyil, {got} ilə verdi; imza qəbul edilmədi.',
    en: 'The token signed with {got}, not the expected {expected}; the signature was not used.',
    ru: 'Токен подписал методом {got}, а не ожидаемым {expected}; подпись не принята.',
  },
};
