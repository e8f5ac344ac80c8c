/**
 * Codes for key files (PKCS#12 / .p12 / .pfx) and their messages in Azerbaijani, English and Russian.
 * `{name}` placeholders are filled from the error's details.
 */
import type { MessageCatalog } from '../report/message-types.js';

export const KEY_FILE_MALFORMED = 'KEY_FILE_MALFORMED';
export const KEY_FILE_BAD_PASSWORD = 'KEY_FILE_BAD_PASSWORD';
export const KEY_FILE_UNSUPPORTED_ENCRYPTION = 'KEY_FILE_UNSUPPORTED_ENCRYPTION';
export const KEY_FILE_UNSUPPORTED_KEY = 'KEY_FILE_UNSUPPORTED_KEY';
export const KEY_FILE_NO_KEY = 'KEY_FILE_NO_KEY';
export const KEY_FILE_NO_CERTIFICATE = 'KEY_FILE_NO_CERTIFICATE';
export const KEY_FILE_KEY_MISMATCH = 'KEY_FILE_KEY_MISMATCH';
export const KEY_FILE_LIMIT_EXCEEDED = 'KEY_FILE_LIMIT_EXCEEDED';

/**
 * How to turn an old-style (3DES / RC2 / RC4) PKCS#12 file into one with AES: OpenSSL 3 reads it with
 * `-legacy` and writes AES-256-CBC + PBKDF2 by default. The intermediate PEM keeps the key encrypted
 * (without -nodes); a pipe does not work because `pkcs12 -export` reads its input twice.
 */
const REEXPORT_COMMAND =
  'openssl pkcs12 -legacy -in old.p12 -out tmp.pem && openssl pkcs12 -export -in tmp.pem -out new.p12 && rm tmp.pem';

export const KEY_FILE_MESSAGES: MessageCatalog = {
  [KEY_FILE_MALFORMED]: {
    az: 'Açar faylı oxunmur: bu, düzgün PKCS#12 (.p12 / .pfx) faylı deyil və ya zədələnib ({structure}).',
    en: 'The key file cannot be read: it is not a valid PKCS#12 (.p12 / .pfx) file or it is damaged ({structure}).',
    ru: 'Файл ключа не читается: это не корректный файл PKCS#12 (.p12 / .pfx) или он повреждён ({structure}).',
  },
  [KEY_FILE_BAD_PASSWORD]: {
    az: 'Açar faylının şifrəsi yanlışdır (və ya fayl dəyişdirilib).',
    en: 'The key file password is wrong (or the file has been altered).',
    ru: 'Неверный пароль файла ключа (или файл был изменён).',
  },
  [KEY_FILE_UNSUPPORTED_ENCRYPTION]: {
    az:
      'Açar faylı köhnə və ya dəstəklənməyən üsulla qorunub ({algorithm}). Faylı müasir AES şifrələməsi ilə ' +
      `yenidən ixrac edin, məsələn: ${REEXPORT_COMMAND} (OpenSSL 3 standart olaraq AES-256-CBC istifadə edir).`,
    en:
      'The key file is protected with an old or unsupported method ({algorithm}). Re-export it with modern AES ' +
      `encryption, for example: ${REEXPORT_COMMAND} (OpenSSL 3 uses AES-256-CBC by default).`,
    ru:
      'Файл ключа защищён устаревшим или неподдерживаемым способом ({algorithm}). Экспортируйте его заново ' +
      `с современным шифрованием AES, например: ${REEXPORT_COMMAND} (OpenSSL 3 по умолчанию использует AES-256-CBC).`,
  },
  [KEY_FILE_UNSUPPORTED_KEY]: {
    az: 'Açar faylındakı gizli açarın növü dəstəklənmir ({algorithm}). RSA, EC (P-256/P-384/P-521) və Ed25519 dəstəklənir.',
    en: 'The private key in the key file is of an unsupported type ({algorithm}). RSA, EC (P-256/P-384/P-521) and Ed25519 are supported.',
    ru: 'Тип закрытого ключа в файле не поддерживается ({algorithm}). Поддерживаются RSA, EC (P-256/P-384/P-521) и Ed25519.',
  },
  [KEY_FILE_NO_KEY]: {
    az: 'Açar faylında gizli açar yoxdur: yalnız sertifikatlar var. Gizli açarla birlikdə ixrac edin.',
    en: 'The key file holds no private key, only certificates. Export it together with the private key.',
    ru: 'В файле нет закрытого ключа, только сертификаты. Экспортируйте его вместе с закрытым ключом.',
  },
  [KEY_FILE_NO_CERTIFICATE]: {
    az: 'Açar faylında bu gizli açara uyğun sertifikat yoxdur (fayldakı sertifikatlar: {certificateCount}).',
    en: 'The key file holds no certificate for its private key (certificates in the file: {certificateCount}).',
    ru: 'В файле нет сертификата, соответствующего закрытому ключу (сертификатов в файле: {certificateCount}).',
  },
  [KEY_FILE_KEY_MISMATCH]: {
    az: 'Sertifikat bu gizli açara aid deyil: açar faylı yaradıla bilməz.',
    en: 'The certificate does not belong to this private key, so no key file can be made from them.',
    ru: 'Сертификат не соответствует этому закрытому ключу, поэтому файл ключа создать нельзя.',
  },
  [KEY_FILE_LIMIT_EXCEEDED]: {
    az: 'Açar faylı icazə verilən həddi aşır ({limit}): belə fayl emal olunmur.',
    en: 'The key file exceeds a limit ({limit}), so it is not processed.',
    ru: 'Файл ключа превышает допустимый предел ({limit}), поэтому не обрабатывается.',
  },
};
