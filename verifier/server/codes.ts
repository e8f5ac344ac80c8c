/** Messages of the verification service's own refusal codes (FORMAT_UNKNOWN and INTERNAL_ERROR are core's). */
import type { MessageCatalog } from '../../core/report/message-types.js';

export const SERVER_MESSAGES: MessageCatalog = {
  FILE_TOO_LARGE: {
    az: 'Fayl çox böyükdür: ən çoxu {limit} bayt qəbul edilir.',
    en: 'The file is too large: at most {limit} bytes are accepted.',
    ru: 'Файл слишком большой: принимается не более {limit} байт.',
  },
  FILE_MISSING: {
    az: 'Yoxlanacaq fayl göndərilməyib (forma sahəsi "file").',
    en: 'No file to check was sent (form field "file").',
    ru: 'Файл для проверки не отправлен (поле формы «file»).',
  },
  UPLOAD_INVALID: {
    az: 'Göndərilən forma qəbul edilmədi: {detail}',
    en: 'The form sent was not accepted: {detail}',
    ru: 'Отправленная форма не принята: {detail}',
  },
  INVALID_TIME: {
    az: 'Yoxlama vaxtı ("at") ISO-8601 formatında olmalıdır, məsələn 2025-01-31T12:00:00Z; alındı: "{value}"',
    en: 'The validation time ("at") must be ISO-8601, e.g. 2025-01-31T12:00:00Z; got "{value}"',
    ru: 'Время проверки («at») должно быть в формате ISO-8601, например 2025-01-31T12:00:00Z; получено «{value}»',
  },
  RATE_LIMITED: {
    az: 'Çox sayda sorğu göndərilib. Bir dəqiqədən sonra yenidən cəhd edin.',
    en: 'Too many requests. Please try again in a minute.',
    ru: 'Слишком много запросов. Повторите попытку через минуту.',
  },
  SERVER_BUSY: {
    az: 'Xidmət hazırda çox məşğuldur. Bir azdan yenidən cəhd edin.',
    en: 'The service is too busy right now. Please try again shortly.',
    ru: 'Сервис сейчас перегружен. Повторите попытку немного позже.',
  },
  NOT_FOUND: {
    az: 'Belə səhifə və ya ünvan yoxdur.',
    en: 'There is no such page or address.',
    ru: 'Такой страницы или адреса нет.',
  },
  LINK_INVALID: {
    az: 'Bu keçid imzalama keçidi deyil. E-poçtdakı keçidi tam kopyalayın və ya göndərəndən yenisini istəyin.',
    en: 'This is not a signing link. Copy the whole link from the e-mail, or ask the sender for a new one.',
    ru: 'Это не ссылка для подписания. Скопируйте ссылку из письма полностью или попросите отправителя прислать новую.',
  },
  SERVICE_SECRET_INVALID: {
    az: 'Xidmətin gizli açar faylı zədələnib: {file}. Onu bərpa edin (silinərsə, göndərilmiş keçidlər işləməz).',
    en: 'The service\'s secret file is damaged: {file}. Restore it (if it is removed, links already sent stop working).',
    ru: 'Файл секретного ключа сервиса повреждён: {file}. Восстановите его (если удалить, отправленные ссылки перестанут работать).',
  },
  PROCESS_FIELDS_INVALID: {
    az: 'Bəzi sahələr düzgün doldurulmayıb; hər birinin yanında səbəbi göstərilib.',
    en: 'Some fields are not filled in correctly; the reason is given next to each.',
    ru: 'Некоторые поля заполнены неверно; причина указана у каждого.',
  },
  PROCESS_TOO_LARGE: {
    az: 'Sənədlər birlikdə çox böyükdür: ən çoxu {limit} bayt qəbul edilir.',
    en: 'The documents are too large together: at most {limit} bytes are accepted.',
    ru: 'Документы вместе слишком велики: принимается не более {limit} байт.',
  },
  PROCESS_NOT_FOUND: {
    az: 'Belə proses yoxdur və ya keçid tam deyil. E-poçtdakı keçidi tam kopyalayın.',
    en: 'There is no such process, or the link is incomplete. Copy the whole link from the e-mail.',
    ru: 'Такого процесса нет или ссылка неполная. Скопируйте ссылку из письма полностью.',
  },
  LINK_USED: {
    az: 'Bu keçidlə artıq imza atılıb. Sənədin son vəziyyəti e-poçtla göndəriləcək.',
    en: 'This link was already used to sign. The document\'s final state will be sent by e-mail.',
    ru: 'По этой ссылке уже подписали. Итоговый документ будет отправлен по почте.',
  },
  CERTIFICATE_INVALID: {
    az: 'Sertifikat oxuna bilmir: {detail}',
    en: 'The certificate cannot be read: {detail}',
    ru: 'Сертификат не читается: {detail}',
  },
  CERTIFICATE_UNTRUSTED: {
    az: 'Sertifikat etibar edilən Azərbaycan sertifikat mərkəzinə bağlanmır və ya indi etibarlı deyil ({reason}).',
    en: 'The certificate does not lead to a trusted Azerbaijani certification authority, or is not valid now ({reason}).',
    ru: 'Сертификат не ведёт к доверенному удостоверяющему центру Азербайджана или сейчас недействителен ({reason}).',
  },
  CERTIFICATE_IDENTITY_MISMATCH: {
    az: 'Bu sertifikat başqa şəxsə məxsusdur: imzalayanın {expected} məlumatı sertifikatdakı ilə üst-üstə düşmür.',
    en: 'This certificate belongs to someone else: the signer\'s {expected} does not match the certificate.',
    ru: 'Этот сертификат принадлежит другому лицу: {expected} подписанта не совпадает с сертификатом.',
  },
  SIGNING_SESSION_UNKNOWN: {
    az: 'İmzalama sessiyası tapılmadı (vaxtı keçmiş ola bilər). İmzalamanı yenidən başladın.',
    en: 'The signing session was not found (it may have expired). Start signing again.',
    ru: 'Сессия подписания не найдена (возможно, истекла). Начните подписание заново.',
  },
  SIGNING_REQUEST_INVALID: {
    az: 'İmzalama sorğusu düzgün deyil: {detail}',
    en: 'The signing request is malformed: {detail}',
    ru: 'Запрос подписания некорректен: {detail}',
  },
  SIGNED_DOCUMENT_INVALID: {
    az: 'İmzalanmış sənəd imzala-nın öz yoxlamasından keçmədi və qəbul edilmədi ({codes}).',
    en: 'The signed document did not pass imzala\'s own check and was not accepted ({codes}).',
    ru: 'Подписанный документ не прошёл собственную проверку imzala и не принят ({codes}).',
  },
  CONFIG_FILE_INVALID: {
    az: 'Tənzimləmə faylı istifadə edilə bilmir: {file}: {reason}',
    en: 'The configuration file cannot be used: {file}: {reason}',
    ru: 'Файл настроек нельзя использовать: {file}: {reason}',
  },
  CONFIG_INVALID: {
    az: 'Tənzimləmə dəyəri yanlışdır: {name}="{value}" ({expected})',
    en: 'A configuration value is wrong: {name}="{value}" ({expected})',
    ru: 'Неверное значение настройки: {name}="{value}" ({expected})',
  },
  // ---- POST /api/v1/revocation (the web page's revocation proxy) ------------------------------------------
  REVOCATION_PROXY_BAD_REQUEST: {
    az: 'Ləğv məlumatı sorğusu qəbul edilmədi: {detail}',
    en: 'The revocation data request was not accepted: {detail}',
    ru: 'Запрос данных об отзыве не принят: {detail}',
  },
  REVOCATION_PROXY_BODY_TOO_LARGE: {
    az: 'Ləğv məlumatı sorğusu çox böyükdür: ən çoxu {limit} bayt qəbul edilir.',
    en: 'The revocation data request is too large: at most {limit} bytes are accepted.',
    ru: 'Запрос данных об отзыве слишком большой: принимается не более {limit} байт.',
  },
  REVOCATION_PROXY_PATH_LENGTH: {
    az: 'Sertifikat zənciri {min}-{max} sertifikatdan ibarət olmalıdır; göndərilib: {count}.',
    en: 'The certificate path must hold {min} to {max} certificates; {count} were sent.',
    ru: 'Цепочка должна содержать от {min} до {max} сертификатов; отправлено: {count}.',
  },
  REVOCATION_PROXY_OCSP_REQUEST_TOO_LARGE: {
    az: 'OCSP sorğusu çox böyükdür: ən çoxu {limit} bayt qəbul edilir.',
    en: 'The OCSP request is too large: at most {limit} bytes are accepted.',
    ru: 'Запрос OCSP слишком большой: принимается не более {limit} байт.',
  },
  REVOCATION_PROXY_PATH_INVALID: {
    az: 'Sertifikat zənciri düzgün deyil: {index} nömrəli sertifikat ondan sonrakı tərəfindən imzalanmayıb.',
    en: 'The certificate path is not valid: certificate {index} was not signed by the one after it.',
    ru: 'Цепочка сертификатов неверна: сертификат {index} не подписан следующим за ним.',
  },
  REVOCATION_PROXY_ANCHOR_UNKNOWN: {
    az: 'Sertifikat zənciri bu xidmətin etibar etdiyi kök sertifikatla bitmir; ləğv məlumatı yalnız onlar üçün alınır.',
    en: 'The certificate path does not end at a root this service trusts; revocation data is fetched only for those.',
    ru: 'Цепочка сертификатов не заканчивается корневым сертификатом, которому доверяет этот сервис; данные об отзыве запрашиваются только для них.',
  },
  REVOCATION_PROXY_URL_UNSUPPORTED: {
    az: 'Yalnız http və https ünvanlarından ləğv məlumatı alınır.',
    en: 'Revocation data is fetched only from http and https addresses.',
    ru: 'Данные об отзыве запрашиваются только по адресам http и https.',
  },
  REVOCATION_PROXY_URL_NOT_NAMED: {
    az: 'Bu ünvan sertifikatda {kind} ünvanı kimi göstərilməyib, ona görə sorğu göndərilmir.',
    en: 'This address is not named in the certificate as its {kind} address, so it is not asked.',
    ru: 'Этот адрес не указан в сертификате как адрес {kind}, поэтому запрос не отправляется.',
  },
  REVOCATION_PROXY_OFFLINE: {
    az: 'Xidmət oflayn rejimdə işləyir və ləğv məlumatını şəbəkədən almır.',
    en: 'The service runs offline and does not fetch revocation data from the network.',
    ru: 'Сервис работает в автономном режиме и не запрашивает данные об отзыве из сети.',
  },
};
