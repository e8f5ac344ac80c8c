/** Messages of the mail module's own codes (templates, transport configuration, outbox). */
import type { MessageCatalog } from '../../core/report/message-types.js';

export const MAIL_MESSAGES: MessageCatalog = {
  MAIL_DATA_MISSING: {
    az: '"{kind}" məktubu üçün "{field}" məlumatı verilməyib.',
    en: 'The "{kind}" e-mail needs "{field}", which was not given.',
    ru: 'Для письма «{kind}» не передано значение «{field}».',
  },
  MAIL_LINK_INVALID: {
    az: 'Məktubdakı link http:// və ya https:// ilə başlamalıdır; alındı: "{link}"',
    en: 'A link in an e-mail must start with http:// or https://; got "{link}"',
    ru: 'Ссылка в письме должна начинаться с http:// или https://; получено «{link}»',
  },
  MAIL_CONFIG_INVALID: {
    az: 'SMTP_URL düzgün deyil: smtp://istifadəçi:parol@host:587 və ya smtps://... formatında olmalıdır.',
    en: 'SMTP_URL is not valid: it must look like smtp://user:password@host:587 or smtps://...',
    ru: 'SMTP_URL задан неверно: ожидается smtp://пользователь:пароль@host:587 или smtps://...',
  },
};
