/** Messages for every code core/pki/revocation reports (OCSP checks and fetching revocation data), in az/en/ru. */
import type { MessageCatalog } from '../../report/message-types.js';

export const REVOCATION_MESSAGES: MessageCatalog = {
  // ---- OCSP answers ------------------------------------------------------------------------------------
  OCSP_MALFORMED: {
    az: 'OCSP cavabı oxuna bilmir: o, zədələnib və ya düzgün kodlaşdırılmayıb.',
    en: 'The OCSP response cannot be read: it is damaged or not correctly encoded.',
    ru: 'Ответ OCSP не удаётся прочитать: он повреждён или закодирован неверно.',
  },
  OCSP_RESPONSE_STATUS: {
    az: 'OCSP xidməti sertifikatın statusunu vermədi (məsələn, "sonra yenidən cəhd edin" və ya "icazə yoxdur" cavabı).',
    en: 'The OCSP service did not give the certificate status (for example it answered "try later" or "unauthorized").',
    ru: 'Служба OCSP не сообщила статус сертификата (например, ответила «повторите позже» или «нет доступа»).',
  },
  OCSP_UNSUPPORTED: {
    az: 'OCSP cavabında imzala-nın tanımadığı məcburi hissə var, ona görə cavaba etibar edilmir.',
    en: 'The OCSP response contains a mandatory part imzala does not understand, so it is not relied on.',
    ru: 'Ответ OCSP содержит обязательную часть, которую imzala не понимает, поэтому на него не полагаются.',
  },
  OCSP_RESPONDER_NOT_FOUND: {
    az: 'OCSP cavabını kimin imzaladığı müəyyən edilə bilmədi: nə sertifikatı verən mərkəz, nə də onun səlahiyyət verdiyi xidmət.',
    en: 'It could not be established who signed the OCSP response: neither the issuing authority nor a service it authorised.',
    ru: 'Не удалось установить, кто подписал ответ OCSP: ни выдавший центр, ни уполномоченная им служба.',
  },
  OCSP_RESPONDER_NOT_AUTHORIZED: {
    az: 'OCSP cavabını imzalayan xidmətin buna səlahiyyəti yoxdur: onun sertifikatı sertifikatı verən mərkəz tərəfindən OCSP imzalamaq üçün verilməyib.',
    en: 'The service that signed the OCSP response is not authorised to: its certificate was not issued by the issuing authority for signing OCSP responses.',
    ru: 'Служба, подписавшая ответ OCSP, не уполномочена на это: её сертификат не выдан центром-издателем для подписи ответов OCSP.',
  },
  OCSP_SIGNATURE_INVALID: {
    az: 'OCSP cavabının imzası düzgün deyil: cavab dəyişdirilib və ya başqa açarla imzalanıb.',
    en: 'The signature on the OCSP response is not valid: the response was altered or signed with another key.',
    ru: 'Подпись ответа OCSP недействительна: ответ изменён или подписан другим ключом.',
  },
  OCSP_NONCE_MISMATCH: {
    az: 'OCSP cavabı bu sorğuya aid deyil (təsadüfi nömrə uyğun gəlmir): köhnə cavab təkrar göndərilmiş ola bilər.',
    en: 'The OCSP response does not belong to this request (the nonce does not match): an old response may have been replayed.',
    ru: 'Ответ OCSP не относится к этому запросу (nonce не совпадает): возможно, повторно прислан старый ответ.',
  },
  OCSP_CERT_ID_MISMATCH: {
    az: 'OCSP cavabı yoxlanılan sertifikat haqqında deyil.',
    en: 'The OCSP response is not about the certificate being checked.',
    ru: 'Ответ OCSP относится не к проверяемому сертификату.',
  },
  OCSP_NOT_CURRENT: {
    az: 'OCSP cavabı yoxlama vaxtı üçün köhnəlib və ya vaxtı uyğun deyil.',
    en: 'The OCSP response is out of date or does not cover the validation time.',
    ru: 'Ответ OCSP устарел или не относится к моменту проверки.',
  },
  OCSP_CERT_STATUS_UNKNOWN: {
    az: 'OCSP xidməti bu sertifikatı tanımır: onun ləğv edilib-edilmədiyini bildirmir.',
    en: 'The OCSP service does not know this certificate: it does not say whether it was revoked.',
    ru: 'Службе OCSP этот сертификат неизвестен: она не сообщает, отозван ли он.',
  },

  // ---- fetching ----------------------------------------------------------------------------------------
  REVOCATION_FETCH_FAILED: {
    az: 'Ləğv məlumatını (CRL və ya OCSP) serverdən almaq mümkün olmadı. Sonra yenidən cəhd edin.',
    en: 'The revocation data (CRL or OCSP) could not be fetched from the server. Try again later.',
    ru: 'Не удалось получить данные об отзыве (CRL или OCSP) с сервера. Повторите попытку позже.',
  },
  REVOCATION_FETCH_TIMEOUT: {
    az: 'Ləğv məlumatı serveri vaxtında cavab vermədi. Sonra yenidən cəhd edin.',
    en: 'The revocation data server did not answer in time. Try again later.',
    ru: 'Сервер данных об отзыве не ответил вовремя. Повторите попытку позже.',
  },
  REVOCATION_RESPONSE_TOO_LARGE: {
    az: 'Ləğv məlumatı serverinin cavabı icazə veriləndən böyükdür və oxunmadı.',
    en: 'The revocation data server sent more than is allowed; the answer was not read.',
    ru: 'Сервер данных об отзыве прислал больше допустимого; ответ не был прочитан.',
  },
  REVOCATION_URL_UNSUPPORTED: {
    az: 'Sertifikatda göstərilən ləğv məlumatı ünvanı dəstəklənmir (yalnız http və https istifadə olunur).',
    en: 'The revocation data address in the certificate is not supported (only http and https are used).',
    ru: 'Адрес данных об отзыве в сертификате не поддерживается (используются только http и https).',
  },
  REVOCATION_OFFLINE_NO_DATA: {
    az: 'Oflayn rejimdə bu ünvan üçün yadda saxlanmış ləğv məlumatı yoxdur.',
    en: 'In offline mode there is no stored revocation data for this address.',
    ru: 'В автономном режиме для этого адреса нет сохранённых данных об отзыве.',
  },
  REVOCATION_NO_SOURCE: {
    az: 'Sertifikatda ləğv məlumatının harada olduğu göstərilməyib (nə OCSP, nə də CRL ünvanı var).',
    en: 'The certificate does not say where its revocation data is (it names no OCSP or CRL address).',
    ru: 'В сертификате не указано, где находятся данные об отзыве (нет адреса OCSP или CRL).',
  },
};
