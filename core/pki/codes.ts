/** Messages for every code core/pki throws or reports, in Azerbaijani, English and Russian. */
import type { MessageCatalog } from '../report/message-types.js';

export const PKI_MESSAGES: MessageCatalog = {
  // ---- reading ----------------------------------------------------------------------------------------
  CERTIFICATE_MALFORMED: {
    az: 'Sertifikat oxuna bilmir: o, zədələnib və ya X.509 standartına uyğun kodlaşdırılmayıb.',
    en: 'The certificate cannot be read: it is damaged or not encoded as an X.509 certificate.',
    ru: 'Сертификат не удаётся прочитать: он повреждён или закодирован не по стандарту X.509.',
  },
  CRL_MALFORMED: {
    az: 'Ləğv edilmiş sertifikatlar siyahısı (CRL) oxuna bilmir: o, zədələnib və ya düzgün kodlaşdırılmayıb.',
    en: 'The certificate revocation list (CRL) cannot be read: it is damaged or not correctly encoded.',
    ru: 'Список отозванных сертификатов (CRL) не удаётся прочитать: он повреждён или закодирован неверно.',
  },
  TRUST_FILE_NO_CERTIFICATE: {
    az: 'Etibar faylında heç bir sertifikat tapılmadı.',
    en: 'The trust file contains no certificate.',
    ru: 'В файле доверенных сертификатов нет ни одного сертификата.',
  },
  TRUST_FILE_TOO_LARGE: {
    az: 'Etibar faylı çox böyükdür və oxunmadı.',
    en: 'The trust file is too large and was not read.',
    ru: 'Файл доверенных сертификатов слишком велик и не был прочитан.',
  },

  // ---- path validation ----------------------------------------------------------------------------------
  NO_CERTIFICATE_CHAIN_FOUND: {
    az: 'İmzalayanın sertifikatından etibar edilən kök sertifikata qədər zəncir qurmaq mümkün olmadı: sertifikatı verən mərkəz etibar edilənlər siyahısında deyil və ya aralıq sertifikat çatışmır.',
    en: "No chain could be built from the signer's certificate to a trusted root: the issuing authority is not trusted, or an intermediate certificate is missing.",
    ru: 'Не удалось построить цепочку от сертификата подписанта до доверенного корневого сертификата: выдавший центр не является доверенным или отсутствует промежуточный сертификат.',
  },
  CERTIFICATE_EXPIRED: {
    az: 'Zəncirdəki sertifikatın etibarlılıq müddəti yoxlama vaxtında artıq bitmişdi.',
    en: 'A certificate in the chain had already expired at the validation time.',
    ru: 'Срок действия сертификата в цепочке на момент проверки уже истёк.',
  },
  CERTIFICATE_NOT_YET_VALID: {
    az: 'Zəncirdəki sertifikat yoxlama vaxtında hələ qüvvədə deyildi.',
    en: 'A certificate in the chain was not yet valid at the validation time.',
    ru: 'Сертификат в цепочке на момент проверки ещё не вступил в действие.',
  },
  CERTIFICATE_SIGNATURE_INVALID: {
    az: 'Zəncirdəki sertifikatın imzası onu verən mərkəzin açarı ilə təsdiqlənmir: sertifikat dəyişdirilib və ya saxtadır.',
    en: "A certificate's signature in the chain does not verify with its issuer's key: the certificate was altered or forged.",
    ru: 'Подпись сертификата в цепочке не проверяется ключом выдавшего центра: сертификат изменён или подделан.',
  },
  CERTIFICATE_ALGORITHM_UNSUPPORTED: {
    az: 'Zəncirdəki sertifikatın imza və ya açar alqoritmi dəstəklənmir, ona görə sertifikat yoxlanıla bilmir.',
    en: 'A certificate in the chain uses a signature or key algorithm that is not supported, so it cannot be checked.',
    ru: 'Сертификат в цепочке использует неподдерживаемый алгоритм подписи или ключа, поэтому его нельзя проверить.',
  },
  NOT_A_CA: {
    az: 'Zəncirdə başqa sertifikat vermiş sertifikat sertifikatlaşdırma mərkəzi (CA) sertifikatı deyil.',
    en: 'A certificate that issued another certificate in the chain is not a certification authority (CA) certificate.',
    ru: 'Сертификат, выдавший другой сертификат в цепочке, не является сертификатом удостоверяющего центра (CA).',
  },
  PATH_LENGTH_EXCEEDED: {
    az: 'Zəncirdə icazə veriləndən çox aralıq sertifikat var (yol uzunluğu məhdudiyyəti pozulub).',
    en: 'The chain has more intermediate certificates than allowed (path length constraint exceeded).',
    ru: 'В цепочке больше промежуточных сертификатов, чем разрешено (нарушено ограничение длины пути).',
  },
  KEY_CERT_SIGN_MISSING: {
    az: 'Sertifikat verən mərkəzin açarına sertifikat imzalamaq icazəsi verilməyib (keyCertSign).',
    en: "The issuing authority's key is not allowed to sign certificates (keyCertSign).",
    ru: 'Ключу выдавшего центра не разрешено подписывать сертификаты (keyCertSign).',
  },
  UNKNOWN_CRITICAL_EXTENSION: {
    az: 'Zəncirdəki sertifikatda naməlum kritik genişlənmə var; belə sertifikat qəbul edilə bilməz.',
    en: 'A certificate in the chain has an unknown critical extension; such a certificate cannot be accepted.',
    ru: 'Сертификат в цепочке содержит неизвестное критическое расширение; такой сертификат нельзя принять.',
  },
  NAME_CONSTRAINTS_VIOLATED: {
    az: 'Sertifikatdakı ad yuxarı mərkəzin qoyduğu ad məhdudiyyətlərindən kənardadır.',
    en: 'A name in a certificate lies outside the name constraints set by a higher authority.',
    ru: 'Имя в сертификате выходит за ограничения имён, заданные вышестоящим центром.',
  },
  POLICY_CONSTRAINTS_VIOLATED: {
    az: 'Zəncir sertifikat siyasətlərinə dair tələbləri ödəmir: açıq siyasət tələb olunur, amma bütün zəncir üçün keçərli siyasət yoxdur.',
    en: 'The chain does not meet its certificate policy requirements: an explicit policy is required, but none is valid for the whole chain.',
    ru: 'Цепочка не соответствует требованиям политик сертификатов: требуется явная политика, но ни одна не действует для всей цепочки.',
  },
  CERTIFICATE_PROFILE_VIOLATION: {
    az: 'Zəncirdəki sertifikat X.509 profilinin (RFC 5280) məcburi qaydalarını pozur.',
    en: 'A certificate in the chain breaks mandatory rules of the X.509 profile (RFC 5280).',
    ru: 'Сертификат в цепочке нарушает обязательные правила профиля X.509 (RFC 5280).',
  },
  SIGNER_KEY_USAGE_MISSING: {
    az: 'İmzalayanın sertifikatında açarın istifadəsi tələb olunan işə icazə vermir (sənəd imzalamaq üçün nonRepudiation və ya digitalSignature lazımdır).',
    en: "The key usage in the signer's certificate does not allow the required use (signing documents needs nonRepudiation or digitalSignature).",
    ru: 'Назначение ключа в сертификате подписанта не разрешает требуемое использование (для подписания документов нужен nonRepudiation или digitalSignature).',
  },
  EXTENDED_KEY_USAGE_MISSING: {
    az: 'İmzalayanın sertifikatındakı genişləndirilmiş açar istifadəsi (EKU) tələb olunan məqsədi əhatə etmir.',
    en: "The extended key usage (EKU) in the signer's certificate does not include the required purpose.",
    ru: 'Расширенное назначение ключа (EKU) в сертификате подписанта не включает требуемую цель.',
  },
  CERTIFICATE_REVOKED: {
    az: 'Zəncirdəki sertifikat yoxlama vaxtından əvvəl ləğv edilib.',
    en: 'A certificate in the chain was revoked before the validation time.',
    ru: 'Сертификат в цепочке был отозван до момента проверки.',
  },
  REVOCATION_UNKNOWN: {
    az: 'Sertifikatın ({subject}) ləğv statusunu müəyyən etmək mümkün olmadı: uyğun və etibarlı CRL yoxdur.',
    en: "The revocation status of the certificate {subject} could not be determined: no suitable, valid CRL is available.",
    ru: 'Не удалось определить статус отзыва сертификата {subject}: нет подходящего действительного CRL.',
  },
  WEAK_ALGORITHM: {
    az: 'Zəncirdəki sertifikat zəif kriptoqrafiya ilə imzalanıb (MD5, SHA-1 və ya 2048 bitdən qısa RSA açarı).',
    en: 'A certificate in the chain is signed with weak cryptography (MD5, SHA-1, or an RSA key shorter than 2048 bits).',
    ru: 'Сертификат в цепочке подписан слабой криптографией (MD5, SHA-1 или ключ RSA короче 2048 бит).',
  },
  PATH_TOO_COMPLEX: {
    az: 'Zənciri yoxlamaq həddən artıq iş tələb edir və dayandırıldı (məsələn, həddən çox ad məhdudiyyəti).',
    en: 'Checking the chain would take too much work and was stopped (for example, too many name constraints).',
    ru: 'Проверка цепочки потребовала бы слишком много работы и была остановлена (например, слишком много ограничений имён).',
  },
  CERTIFICATE_REVOKED_AFTER_TIME: {
    az: 'Sertifikat ləğv edilib, lakin yalnız yoxlama vaxtından sonra; həmin vaxtdan əvvəl verilmiş imza etibarlı qalır.',
    en: 'The certificate was revoked, but only after the validation time; a signature made before then remains valid.',
    ru: 'Сертификат отозван, но только после момента проверки; подпись, сделанная до этого, остаётся действительной.',
  },

  // ---- why a CRL could not answer (RevocationCheck.evidence.rejected) -----------------------------------
  CRL_ISSUER_MISMATCH: {
    az: 'CRL başqa mərkəz tərəfindən və ya başqa açarla verilib.',
    en: 'The CRL was issued by another authority or with another key.',
    ru: 'CRL выпущен другим центром или другим ключом.',
  },
  CRL_SIGNATURE_INVALID: {
    az: 'CRL-in imzası sertifikat verən mərkəzin açarı ilə təsdiqlənmir.',
    en: "The CRL's signature does not verify with the issuing authority's key.",
    ru: 'Подпись CRL не проверяется ключом выдавшего центра.',
  },
  CRL_ISSUER_NOT_AUTHORIZED: {
    az: 'CRL-i imzalayan açara CRL imzalamaq icazəsi verilməyib (cRLSign).',
    en: 'The key that signed the CRL is not allowed to sign CRLs (cRLSign).',
    ru: 'Ключу, подписавшему CRL, не разрешено подписывать CRL (cRLSign).',
  },
  CRL_NOT_CURRENT: {
    az: 'CRL yoxlama vaxtı üçün keçərli deyil: köhnədir və ya həmin vaxtı əhatə etmir.',
    en: 'The CRL is not current for the validation time: it is outdated or does not cover that time.',
    ru: 'CRL не актуален для момента проверки: он устарел или не охватывает это время.',
  },
  CRL_NUMBER_MISSING: {
    az: 'CRL-də məcburi CRL nömrəsi (CRLNumber) yoxdur.',
    en: 'The CRL lacks the mandatory CRL number (CRLNumber).',
    ru: 'В CRL отсутствует обязательный номер CRL (CRLNumber).',
  },
  CRL_UNSUPPORTED: {
    az: 'Bu növ CRL dəstəklənmir (delta, dolayı və ya naməlum kritik genişlənməsi olan CRL).',
    en: 'This kind of CRL is not supported (delta, indirect, or with an unknown critical extension).',
    ru: 'Такой вид CRL не поддерживается (дельта-CRL, косвенный или с неизвестным критическим расширением).',
  },
  CRL_SCOPE_MISMATCH: {
    az: 'CRL bu sertifikatı əhatə etmir: başqa paylanma nöqtəsi və ya başqa növ sertifikatlar üçündür.',
    en: 'The CRL does not cover this certificate: it is for another distribution point or another kind of certificate.',
    ru: 'CRL не охватывает этот сертификат: он для другой точки распространения или другого вида сертификатов.',
  },
};
