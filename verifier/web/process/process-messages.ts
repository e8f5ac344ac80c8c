/** The words of the initiator's page (`/p/{id}/{token}`), Azerbaijani first. */
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language, MessageCatalog } from '../../../core/report/message-types.js';

export const PROCESS_PAGE_MESSAGES = {
  PROCESS_TITLE: { az: 'İmzalama prosesi', en: 'Signing process', ru: 'Процесс подписания' },
  STATUS: { az: 'Vəziyyət: {status}', en: 'Status: {status}', ru: 'Состояние: {status}' },
  CREATED: { az: 'Başladılıb: {time}', en: 'Started: {time}', ru: 'Начат: {time}' },
  DEADLINE: { az: 'Son tarix: {deadline}', en: 'Deadline: {deadline}', ru: 'Срок: {deadline}' },
  PARTIES: { az: 'Tərəflər (imza növbəsi ilə)', en: 'Parties (in signing order)', ru: 'Стороны (в порядке подписания)' },
  DOCUMENTS: { az: 'Sənədlər', en: 'Documents', ru: 'Документы' },
  CC: { az: 'Digər alıcılar', en: 'Other recipients', ru: 'Другие получатели' },
  HISTORY: { az: 'Tarixçə', en: 'History', ru: 'История' },
  EVENT_start: { az: 'Proses başladı', en: 'The process started', ru: 'Процесс начат' },
  EVENT_sign: { az: '{who} imzaladı', en: '{who} signed', ru: '{who} подписал(а)' },
  EVENT_decline: { az: '{who} imtina etdi: {detail}', en: '{who} declined: {detail}', ru: '{who} отказался(-ась): {detail}' },
  EVENT_cancel: { az: 'Proses ləğv edildi', en: 'The process was cancelled', ru: 'Процесс отменён' },
  EVENT_expire: { az: 'Son tarix keçdi', en: 'The deadline passed', ru: 'Срок истёк' },
  EVENT_remind: { az: '{who} xatırladıldı', en: '{who} was reminded', ru: '{who}: отправлено напоминание' },
  CANCEL: { az: 'Prosesi ləğv et', en: 'Cancel the process', ru: 'Отменить процесс' },
  CANCEL_REASON: { az: 'Səbəb (tərəflərə göndəriləcək, istəyə bağlı)', en: 'Reason (sent to the parties; optional)', ru: 'Причина (будет отправлена сторонам; необязательно)' },
  CANCEL_CONFIRM: { az: 'Ləğvi təsdiqlə', en: 'Confirm cancelling', ru: 'Подтвердить отмену' },
  CANCELLED: {
    az: 'Proses ləğv edildi; dəvət alan tərəflərə məlumat verildi.',
    en: 'The process was cancelled; the parties invited so far have been told.',
    ru: 'Процесс отменён; приглашённые стороны уведомлены.',
  },
  LOADING: { az: 'Yüklənir…', en: 'Loading…', ru: 'Загрузка…' },
} as const satisfies MessageCatalog;

export type ProcessPageMessage = keyof typeof PROCESS_PAGE_MESSAGES;

export function processText(code: ProcessPageMessage, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(PROCESS_PAGE_MESSAGES, code, language, details);
}
