/** Messages for the timestamp codes: RFC 3161 tokens (TSP_*) and talking to a timestamping authority (TSA_*). */
import type { MessageCatalog } from '../report/message-types.js';

export const TSP_MESSAGES: MessageCatalog = {
  TSP_REQUEST_INVALID: {
    az: 'Vaxt damğası sorğusu qurula bilmədi: {reason}',
    en: 'The timestamp request could not be built: {reason}',
    ru: 'Не удалось составить запрос метки времени: {reason}',
  },
  TSP_MALFORMED: {
    az: 'Vaxt damğası pozulub və oxuna bilmir: {reason}',
    en: 'The timestamp is malformed and cannot be read: {reason}',
    ru: 'Метка времени повреждена и не читается: {reason}',
  },
  TSP_RESPONSE_MALFORMED: {
    az: 'Vaxt damğası xidmətinin cavabı oxuna bilmir: {reason}',
    en: "The timestamping service's response cannot be read: {reason}",
    ru: 'Ответ службы меток времени не читается: {reason}',
  },
  TSP_NOT_TSTINFO: {
    az: 'Bu vaxt damğası deyil: imza TSTInfo məzmunu daşımır.',
    en: 'This is not a timestamp: the signature does not carry a TSTInfo.',
    ru: 'Это не метка времени: подпись не содержит TSTInfo.',
  },
  TSP_SIGNATURE_INVALID: {
    az: 'Vaxt damğasının imzası etibarsızdır: damğa dəyişdirilib və ya saxtadır.',
    en: "The timestamp's signature is invalid: the timestamp was altered or forged.",
    ru: 'Подпись метки времени недействительна: метка изменена или подделана.',
  },
  TSP_IMPRINT_MISMATCH: {
    az: 'Vaxt damğası bu imzaya və ya sənədə aid deyil: damğalanmış heş uyğun gəlmir.',
    en: 'The timestamp does not belong to this signature or document: the time-stamped hash does not match.',
    ru: 'Метка времени не относится к этой подписи или документу: хеш в метке не совпадает.',
  },
  TSP_NONCE_MISMATCH: {
    az: 'Vaxt damğasındakı təsadüfi ədəd (nonce) sorğudakı ilə uyğun gəlmir.',
    en: 'The nonce in the timestamp does not match the one in the request.',
    ru: 'Nonce в метке времени не совпадает с nonce запроса.',
  },
  TSP_UNSUPPORTED_ALGORITHM: {
    az: 'Vaxt damğası tanınmayan heş alqoritmi ilə qurulub ({oid}).',
    en: 'The timestamp uses an unknown hash algorithm ({oid}).',
    ru: 'Метка времени использует неизвестный алгоритм хеширования ({oid}).',
  },
  TSP_WEAK_ALGORITHM: {
    az: 'Vaxt damğası zəif alqoritmlə qurulub və heç nəyi sübut etmir.',
    en: 'The timestamp uses a weak algorithm and proves nothing.',
    ru: 'Метка времени использует слабый алгоритм и ничего не доказывает.',
  },
  TSP_TSA_CERTIFICATE_NOT_FOUND: {
    az: 'Vaxt damğası xidmətinin (TSA) sertifikatı damğada tapılmadı.',
    en: "The timestamping authority's (TSA) certificate was not found in the timestamp.",
    ru: 'Сертификат службы меток времени (TSA) не найден в метке.',
  },
  TSP_SIGNING_CERTIFICATE_MISSING: {
    az: 'Vaxt damğası TSA sertifikatına istinad (signingCertificate) daşımır, RFC 3161 bunu tələb edir.',
    en: 'The timestamp does not reference its TSA certificate (signingCertificate), which RFC 3161 requires.',
    ru: 'Метка времени не ссылается на сертификат TSA (signingCertificate), чего требует RFC 3161.',
  },
  TSP_TSA_NOT_TIMESTAMPING: {
    az: 'Damğanı imzalayan sertifikat vaxt damğası üçün deyil (kritik genişlənmiş açar istifadəsi timeStamping yoxdur): {subject}',
    en: 'The certificate that signed the timestamp is not for timestamping (no critical extended key usage timeStamping): {subject}',
    ru: 'Сертификат, подписавший метку, не предназначен для меток времени (нет критического расширенного использования ключа timeStamping): {subject}',
  },
  TSP_TSA_NAME_MISMATCH: {
    az: 'Vaxt damğasında göstərilən TSA adı ({tsa}) sertifikatdakı ad ilə uyğun gəlmir.',
    en: 'The TSA name in the timestamp ({tsa}) does not match its certificate.',
    ru: 'Имя TSA в метке времени ({tsa}) не совпадает с его сертификатом.',
  },
  TSP_GENTIME_OUTSIDE_TSA_VALIDITY: {
    az: 'Vaxt damğasının vaxtı ({genTime}) TSA sertifikatının qüvvədə olduğu müddətdən kənardır.',
    en: "The timestamp's time ({genTime}) lies outside the TSA certificate's validity period.",
    ru: 'Время метки ({genTime}) вне срока действия сертификата TSA.',
  },
  TSP_GENTIME_AFTER_VALIDATION_TIME: {
    az: 'Vaxt damğasının vaxtı ({genTime}) yoxlama vaxtından ({time}) sonradır.',
    en: "The timestamp's time ({genTime}) is after the validation time ({time}).",
    ru: 'Время метки ({genTime}) позже времени проверки ({time}).',
  },
  TSP_TSA_UNTRUSTED: {
    az: 'Vaxt damğası xidmətinə (TSA) etibar edilmir: onun sertifikatı etibarlı kök sertifikata bağlanmır.',
    en: 'The timestamping authority (TSA) is not trusted: its certificate does not chain to a trusted root.',
    ru: 'Служба меток времени (TSA) не доверенная: её сертификат не ведёт к доверенному корню.',
  },
  TSP_TSA_CERTIFICATE_EXPIRED: {
    az: 'TSA sertifikatının müddəti bitib və bu damğanın daha əvvəl mövcud olduğuna sübut yoxdur.',
    en: "The TSA certificate has expired and there is no proof that this timestamp existed before.",
    ru: 'Срок сертификата TSA истёк, и нет доказательства, что метка существовала раньше.',
  },
  TSP_TSA_CERTIFICATE_NOT_YET_VALID: {
    az: 'TSA sertifikatı yoxlama vaxtında hələ qüvvəyə minməyib.',
    en: 'The TSA certificate is not yet valid at the validation time.',
    ru: 'Сертификат TSA ещё не действителен на время проверки.',
  },
  TSP_TSA_CERTIFICATE_REVOKED: {
    az: 'TSA sertifikatı ləğv edilib ({revokedAt}).',
    en: 'The TSA certificate has been revoked ({revokedAt}).',
    ru: 'Сертификат TSA отозван ({revokedAt}).',
  },
  TSP_TSA_REVOCATION_UNKNOWN: {
    az: 'TSA sertifikatının ləğv statusu müəyyən edilə bilmədi.',
    en: "The TSA certificate's revocation status could not be determined.",
    ru: 'Не удалось определить статус отзыва сертификата TSA.',
  },
  TSP_TSA_CERTIFICATE_INVALID: {
    az: 'TSA sertifikatı yoxlamadan keçmədi ({cause}).',
    en: 'The TSA certificate failed validation ({cause}).',
    ru: 'Сертификат TSA не прошёл проверку ({cause}).',
  },
  TSP_CMS_NOT_DER: {
    az: 'İmzaya vaxt damğası əlavə edilə bilmir: {reason}',
    en: 'A timestamp cannot be added to the signature: {reason}',
    ru: 'К подписи нельзя добавить метку времени: {reason}',
  },
  TSA_URL_INVALID: {
    az: 'Vaxt damğası xidmətinin ünvanı yanlışdır (http:// və ya https:// olmalıdır): {url}',
    en: 'The timestamping service address is invalid (it must be http:// or https://): {url}',
    ru: 'Неверный адрес службы меток времени (нужен http:// или https://): {url}',
  },
  TSA_UNREACHABLE: {
    az: 'Vaxt damğası xidmətinə qoşulmaq mümkün olmadı ({url}): {reason}',
    en: 'Could not reach the timestamping service ({url}): {reason}',
    ru: 'Не удалось связаться со службой меток времени ({url}): {reason}',
  },
  TSA_TIMEOUT: {
    az: 'Vaxt damğası xidməti {timeoutMs} ms ərzində cavab vermədi ({url}).',
    en: 'The timestamping service did not answer within {timeoutMs} ms ({url}).',
    ru: 'Служба меток времени не ответила за {timeoutMs} мс ({url}).',
  },
  TSA_REFUSED: {
    az: 'Vaxt damğası xidməti sorğunu rədd etdi (status {status}; {failure}).',
    en: 'The timestamping service refused the request (status {status}; {failure}).',
    ru: 'Служба меток времени отклонила запрос (статус {status}; {failure}).',
  },
  TSA_RESPONSE_INVALID: {
    az: 'Vaxt damğası xidmətinin cavabı yararsızdır: {reason}',
    en: "The timestamping service's response is unusable: {reason}",
    ru: 'Ответ службы меток времени непригоден: {reason}',
  },
  TSA_NONCE_MISMATCH: {
    az: 'Vaxt damğası xidmətinin cavabı bu sorğuya aid deyil (nonce uyğun gəlmir).',
    en: "The timestamping service's answer is not for this request (the nonce does not match).",
    ru: 'Ответ службы меток времени не относится к этому запросу (nonce не совпадает).',
  },
};
