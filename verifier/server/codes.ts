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
  NOT_FOUND: {
    az: 'Belə səhifə və ya ünvan yoxdur.',
    en: 'There is no such page or address.',
    ru: 'Такой страницы или адреса нет.',
  },
  CONFIG_INVALID: {
    az: 'Tənzimləmə dəyəri yanlışdır: {name}="{value}" ({expected})',
    en: 'A configuration value is wrong: {name}="{value}" ({expected})',
    ru: 'Неверное значение настройки: {name}="{value}" ({expected})',
  },
};
