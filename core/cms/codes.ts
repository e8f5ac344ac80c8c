/** Messages for the CMS codes (building and verifying signatures). */
import type { MessageCatalog } from '../report/message-types.js';

export const CMS_MESSAGES: MessageCatalog = {
  CMS_EMPTY: {
    az: 'İmza dəyəri boşdur: sənəd imzalanmayıb.',
    en: 'The signature value is empty: the document was not signed.',
    ru: 'Значение подписи пустое: документ не подписан.',
  },
  CMS_MALFORMED: {
    az: 'İmza (CMS) strukturu pozulub və oxuna bilmir.',
    en: 'The signature (CMS) structure is malformed and cannot be read.',
    ru: 'Структура подписи (CMS) повреждена и не читается.',
  },
  CMS_TOO_LARGE: {
    az: 'İmza (CMS) həddindən böyükdür.',
    en: 'The signature (CMS) is too large.',
    ru: 'Подпись (CMS) слишком велика.',
  },
  CMS_NOT_SIGNED_DATA: {
    az: 'Fayl CMS imzası (SignedData) deyil.',
    en: 'The file is not a CMS signature (SignedData).',
    ru: 'Файл не является подписью CMS (SignedData).',
  },
  CMS_NO_SIGNER: {
    az: 'İmzada heç bir imzalayan yoxdur.',
    en: 'The signature has no signer.',
    ru: 'В подписи нет ни одного подписанта.',
  },
  SIGNED_ATTRIBUTES_MISSING: {
    az: 'İmzada imzalanmış atributlar yoxdur; belə imzalar dəstəklənmir.',
    en: 'The signature has no signed attributes; such signatures are not supported.',
    ru: 'В подписи нет подписанных атрибутов; такие подписи не поддерживаются.',
  },
  SIGNED_ATTRIBUTE_MISSING: {
    az: 'Vacib imzalanmış atribut yoxdur: {attribute}.',
    en: 'A required signed attribute is missing: {attribute}.',
    ru: 'Отсутствует обязательный подписанный атрибут: {attribute}.',
  },
  CONTENT_TYPE_MISMATCH: {
    az: 'İmzalanmış məzmun növü imzadakı məzmun növü ilə uyğun gəlmir.',
    en: 'The signed content type does not match the content type in the signature.',
    ru: 'Подписанный тип содержимого не совпадает с типом содержимого в подписи.',
  },
  SIGNER_CERTIFICATE_NOT_FOUND: {
    az: 'İmzalayanın sertifikatı imzada tapılmadı.',
    en: "The signer's certificate was not found in the signature.",
    ru: 'Сертификат подписанта не найден в подписи.',
  },
  CMS_CRL_UNREADABLE: {
    az: 'İmzaya əlavə olunmuş ləğv siyahısı (CRL) oxuna bilmir və istifadə olunmadı.',
    en: 'A revocation list (CRL) embedded in the signature cannot be read and was not used.',
    ru: 'Встроенный в подпись список отзыва (CRL) не читается и не использован.',
  },
  VALIDATED_AT_TIMESTAMP_TIME: {
    az: 'Sertifikat artıq qüvvədə deyil; imzanın {time} tarixində mövcud olduğunu vaxt möhürü sübut edir və zəncir həmin vaxta görə yoxlanıldı.',
    en: 'The certificate is no longer valid; a timestamp proves the signature existed at {time}, and the chain was checked as of then.',
    ru: 'Сертификат уже недействителен; метка времени доказывает, что подпись существовала {time}, и цепочка проверена на тот момент.',
  },
  CERTIFICATE_REVOKED_AFTER_SIGNING: {
    az: 'Sertifikat {revokedAt} tarixində ləğv edilib, lakin vaxt möhürü imzanın ondan əvvəl ({time}) verildiyini sübut edir.',
    en: 'The certificate was revoked on {revokedAt}, but a timestamp proves the signature was made before that ({time}).',
    ru: 'Сертификат отозван {revokedAt}, но метка времени доказывает, что подпись создана раньше ({time}).',
  },
  SIGNER_CERTIFICATE_UNREADABLE: {
    az: 'İmzalayanın sertifikatı oxuna bilmir: {reason}',
    en: "The signer's certificate cannot be read: {reason}",
    ru: 'Сертификат подписанта не читается: {reason}',
  },
  MESSAGE_DIGEST_MISMATCH: {
    az: 'Sənəd imzalandıqdan sonra dəyişdirilib: imzalanmış baytların heş dəyəri uyğun gəlmir.',
    en: 'The document was changed after signing: the hash of the signed bytes does not match.',
    ru: 'Документ изменён после подписания: хеш подписанных байтов не совпадает.',
  },
  WEAK_DIGEST_ALGORITHM: {
    az: 'İmza zəif heş alqoritmi ({algorithm}) ilə yaradılıb və etibarlı sayıla bilməz.',
    en: 'The signature uses a weak hash algorithm ({algorithm}) and cannot be relied on.',
    ru: 'Подпись использует слабый алгоритм хеширования ({algorithm}), ей нельзя доверять.',
  },
  WEAK_SIGNATURE_ALGORITHM: {
    az: 'İmza zəif alqoritm və ya açarla ({algorithm}) yaradılıb.',
    en: 'The signature uses a weak algorithm or key ({algorithm}).',
    ru: 'Подпись использует слабый алгоритм или ключ ({algorithm}).',
  },
  SIGNING_CERTIFICATE_MISMATCH: {
    az: 'İmzanın göstərdiyi sertifikat imzalayanın sertifikatı ilə uyğun gəlmir.',
    en: 'The certificate named inside the signature is not the signer certificate.',
    ru: 'Сертификат, указанный в подписи, не совпадает с сертификатом подписанта.',
  },
  SIGNING_CERTIFICATE_REFERENCE_MISSING: {
    az: 'İmzada imzalayanın sertifikatına istinad (signingCertificateV2) yoxdur.',
    en: "The signature does not name the signer's certificate (signingCertificateV2).",
    ru: 'В подписи нет ссылки на сертификат подписанта (signingCertificateV2).',
  },
  SIGNATURE_INVALID: {
    az: 'İmza dəyəri imzalayanın sertifikatı ilə təsdiqlənmir.',
    en: "The signature value does not verify with the signer's certificate.",
    ru: 'Значение подписи не проверяется сертификатом подписанта.',
  },
  DIGEST_LENGTH_MISMATCH: {
    az: 'Məzmunun heş dəyəri imza alqoritminə uyğun deyil.',
    en: 'The content digest does not fit the signature algorithm.',
    ru: 'Хеш содержимого не соответствует алгоритму подписи.',
  },
  SIGNER_PRODUCED_INVALID_SIGNATURE: {
    az: 'İmza vasitəsi yanlış imza qaytardı; sənəd imzalanmadı.',
    en: 'The signing tool returned a signature that does not verify; the document was not signed.',
    ru: 'Средство подписи вернуло неверную подпись; документ не подписан.',
  },
};
