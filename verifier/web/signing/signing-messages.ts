/** The words of the signing page (`/s/{token}`), Azerbaijani first. */
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language, MessageCatalog } from '../../../core/report/message-types.js';

export const SIGNING_PAGE_MESSAGES = {
  SIGN_TITLE: { az: 'Sənədi imzala', en: 'Sign the documents', ru: 'Подписать документы' },
  FROM: { az: '{who} sizdən bu sənədləri imzalamağı xahiş edir.', en: '{who} asks you to sign these documents.', ru: '{who} просит вас подписать эти документы.' },
  DEADLINE: { az: 'Son tarix: {deadline}', en: 'Deadline: {deadline}', ru: 'Срок: {deadline}' },
  STATUS: { az: 'Prosesin vəziyyəti: {status}', en: 'Status of the process: {status}', ru: 'Состояние процесса: {status}' },
  PARTIES: { az: 'Tərəflər (imza növbəsi ilə)', en: 'Parties (in signing order)', ru: 'Стороны (в порядке подписания)' },
  YOU: { az: 'siz', en: 'you', ru: 'вы' },
  DOCUMENTS: { az: 'Sənədlər', en: 'Documents', ru: 'Документы' },
  SHOW: { az: 'Bax', en: 'View', ru: 'Просмотр' },
  HIDE: { az: 'Gizlət', en: 'Hide', ru: 'Скрыть' },
  DOWNLOAD: { az: 'Yüklə', en: 'Download', ru: 'Скачать' },
  NOT_YOUR_TURN: {
    az: 'Hələ sizin növbəniz deyil: əvvəlki tərəflər imzaladıqdan sonra sizə e-poçt göndəriləcək.',
    en: 'It is not your turn yet: you will get an e-mail when the earlier parties have signed.',
    ru: 'Ваша очередь ещё не наступила: вы получите письмо, когда подпишут предыдущие стороны.',
  },
  YOU_SIGNED: { az: 'Siz bu sənədləri imzalamısınız.', en: 'You have signed these documents.', ru: 'Вы подписали эти документы.' },
  YOU_DECLINED: { az: 'Siz imzalamaqdan imtina etmisiniz.', en: 'You declined to sign.', ru: 'Вы отказались подписывать.' },
  PROCESS_OVER: { az: 'Bu proses artıq bitib: {status}.', en: 'This process has ended: {status}.', ru: 'Этот процесс завершён: {status}.' },
  SIGN_WITH_ASAN: { az: 'ASAN İmza ilə imzala', en: 'Sign with ASAN İmza', ru: 'Подписать через ASAN İmza' },
  SIMULATOR: { az: 'SİMULYATOR: sınaq üçün, həqiqi ASAN İmza deyil', en: 'SIMULATOR: for testing, not the real ASAN İmza', ru: 'СИМУЛЯТОР: для проверки, не настоящая ASAN İmza' },
  PHONE: { az: 'Mobil nömrə', en: 'Mobile number', ru: 'Мобильный номер' },
  USER_ID: { az: 'ASAN istifadəçi ID-si', en: 'ASAN user ID', ru: 'ID пользователя ASAN' },
  START: { az: 'İmzala', en: 'Sign', ru: 'Подписать' },
  CODE: { az: 'Təsdiq kodu', en: 'Verification code', ru: 'Код подтверждения' },
  CODE_HINT: {
    az: 'Telefonunuzdakı kodun bu kodla eyni olduğuna əmin olun, sonra PIN2 ilə təsdiqləyin. Sənəd {n} / {total}: {name}.',
    en: 'Make sure the code on your phone is the same, then confirm with PIN2. Document {n} of {total}: {name}.',
    ru: 'Убедитесь, что код на телефоне такой же, и подтвердите PIN2. Документ {n} из {total}: {name}.',
  },
  SECONDS_LEFT: { az: '{seconds} saniyə qalıb', en: '{seconds} seconds left', ru: 'Осталось {seconds} с' },
  SIGNED_DONE: { az: 'İmzalandı. Növbəti tərəfə məlumat verildi.', en: 'Signed. The next party has been told.', ru: 'Подписано. Следующая сторона уведомлена.' },
  COMPLETED: {
    az: 'İmzalandı. Bütün tərəflər imzaladı: imzalanmış fayllar e-poçtla göndərilir.',
    en: 'Signed. Everyone has signed: the signed files are being e-mailed.',
    ru: 'Подписано. Все стороны подписали: подписанные файлы отправляются по почте.',
  },
  SIGN_FAILED: {
    az: 'İmzalama alınmadı ({code}). Yenidən cəhd edin; təkrarlanarsa, prosesin təşəbbüskarına yazın.',
    en: 'Signing did not succeed ({code}). Try again; if it happens again, write to the process initiator.',
    ru: 'Подписание не удалось ({code}). Попробуйте снова; если повторится, напишите инициатору процесса.',
  },
  RETRY: { az: 'Yenidən cəhd et', en: 'Try again', ru: 'Попробовать снова' },
  DECLINE: { az: 'İmzalamaqdan imtina et', en: 'Decline to sign', ru: 'Отказаться от подписи' },
  DECLINE_REASON: { az: 'İmtinanın səbəbi (digər tərəflər görəcək)', en: 'Reason (the other parties will see it)', ru: 'Причина (её увидят другие стороны)' },
  DECLINE_CONFIRM: { az: 'İmtinanı təsdiqlə', en: 'Confirm declining', ru: 'Подтвердить отказ' },
  DECLINED_DONE: { az: 'Siz imtina etdiniz; təşəbbüskara məlumat verildi.', en: 'You declined; the initiator has been told.', ru: 'Вы отказались; инициатор уведомлён.' },
  LOADING: { az: 'Yüklənir…', en: 'Loading…', ru: 'Загрузка…' },
} as const satisfies MessageCatalog;

export type SigningPageMessage = keyof typeof SIGNING_PAGE_MESSAGES;

export function signingText(code: SigningPageMessage, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(SIGNING_PAGE_MESSAGES, code, language, details);
}
