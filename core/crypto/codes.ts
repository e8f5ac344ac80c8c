/** Messages for every code core/crypto throws or reports, in Azerbaijani, English and Russian. */
import type { MessageCatalog } from '../report/message-types.js';

export const CRYPTO_MESSAGES: MessageCatalog = {
  SIG_CRYPTO_FAILURE: {
    az: 'İmza riyazi yoxlamadan keçmədi: imzalanmış məlumat və ya imza dəyişdirilib, yaxud imza bu açarla verilməyib.',
    en: 'The signature failed the cryptographic check: the signed data or the signature was changed, or it was not made with this key.',
    ru: 'Подпись не прошла криптографическую проверку: подписанные данные или подпись изменены, либо подпись сделана не этим ключом.',
  },
  UNSUPPORTED_ALGORITHM: {
    az: 'İmza və ya açar alqoritmi (və ya onun parametrləri) dəstəklənmir.',
    en: 'The signature or key algorithm (or its parameters) is not supported.',
    ru: 'Алгоритм подписи или ключа (или его параметры) не поддерживается.',
  },
  KEY_ALGORITHM_MISMATCH: {
    az: 'İmza alqoritmi açarın növünə və ya açarda göstərilən parametrlərə uyğun gəlmir.',
    en: 'The signature algorithm does not match the type of the key or the parameters the key requires.',
    ru: 'Алгоритм подписи не соответствует типу ключа или параметрам, которые требует ключ.',
  },
  MALFORMED_SIGNATURE: {
    az: 'İmza dəyəri düzgün kodlaşdırılmayıb.',
    en: 'The signature value is not correctly encoded.',
    ru: 'Значение подписи закодировано неверно.',
  },
  MALFORMED_PUBLIC_KEY: {
    az: 'Açıq açar oxuna bilmir: o, zədələnib və ya düzgün kodlaşdırılmayıb.',
    en: 'The public key cannot be read: it is damaged or not correctly encoded.',
    ru: 'Открытый ключ не удаётся прочитать: он повреждён или закодирован неверно.',
  },
  WEAK_KEY: {
    az: 'Açar təhlükəsiz olmaq üçün çox qısadır ({bits} bit, ən azı {minimumBits} bit lazımdır).',
    en: 'The key is too short to be safe ({bits} bits; at least {minimumBits} bits are required).',
    ru: 'Ключ слишком короткий, чтобы быть надёжным ({bits} бит; требуется не менее {minimumBits} бит).',
  },
  WEAK_SIGNATURE_ALGORITHM: {
    az: 'İmza köhnəlmiş heş alqoritmi (MD5 və ya SHA-1) ilə verilib; belə imzalar saxtalaşdırıla bilər.',
    en: 'The signature uses an outdated hash algorithm (MD5 or SHA-1); such signatures can be forged.',
    ru: 'Подпись использует устаревший алгоритм хеширования (MD5 или SHA-1); такие подписи можно подделать.',
  },
  SHORT_RSA_KEY: {
    az: 'RSA açarı 2048 bitdən qısadır; imza qəbul edilir, lakin bu açar artıq kifayət qədər etibarlı sayılmır.',
    en: 'The RSA key is shorter than 2048 bits; the signature is accepted, but such a key is no longer considered strong enough.',
    ru: 'Ключ RSA короче 2048 бит; подпись принята, но такой ключ уже не считается достаточно надёжным.',
  },
  WEAK_ALGORITHM_REFUSED: {
    az: 'Yeni imzalar üçün {algorithm} istifadə edilmir: o, artıq etibarlı deyil.',
    en: '{algorithm} is not used for new signatures: it is no longer safe.',
    ru: '{algorithm} не используется для новых подписей: он больше не считается надёжным.',
  },
  MALFORMED_PRIVATE_KEY: {
    az: 'Şəxsi açar oxuna bilmir: o, zədələnib, şifrələnib və ya dəstəklənməyən formatdadır.',
    en: 'The private key cannot be read: it is damaged, encrypted or in an unsupported format.',
    ru: 'Закрытый ключ не удаётся прочитать: он повреждён, зашифрован или в неподдерживаемом формате.',
  },
  SIGNING_FAILED: {
    az: 'İmzalamaq alınmadı: açar bu əməliyyatı yerinə yetirmədi.',
    en: 'Signing failed: the key did not complete the operation.',
    ru: 'Не удалось подписать: ключ не выполнил операцию.',
  },
};
