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
  CHOOSE_TOOL: { az: 'Nə ilə imzalayırsınız?', en: 'What do you sign with?', ru: 'Чем вы подписываете?' },
  TOOL_TOKEN: { az: 'USB token (e-imza)', en: 'USB token (e-imza)', ru: 'USB-токен (e-imza)' },
  TOOL_ASAN: { az: 'ASAN İmza', en: 'ASAN İmza', ru: 'ASAN İmza' },
  TOOL_SIMA: { az: 'SİMA', en: 'SİMA', ru: 'SİMA' },
  TOKEN_CHECKING: { az: 'imzala əlavəsi və token yoxlanılır…', en: 'Looking for the imzala extension and the token…', ru: 'Поиск расширения imzala и токена…' },
  TOKEN_PREPARING: { az: 'İmza hazırlanır…', en: 'Preparing the signature…', ru: 'Подготовка подписи…' },
  TOKEN_SIGNING: {
    az: 'Sənəd {n} / {total}: imzala pəncərəsində PIN-i daxil edin.',
    en: 'Document {n} of {total}: enter the PIN in the imzala window.',
    ru: 'Документ {n} из {total}: введите PIN в окне imzala.',
  },
  TOKEN_PIN_HINT: {
    az: 'PIN-i yalnız imzala köməkçi proqramının pəncərəsində daxil edin; bu səhifə PIN soruşmur.',
    en: 'Enter the PIN only in the imzala helper program’s window; this page never asks for it.',
    ru: 'Вводите PIN только в окне вспомогательной программы imzala; эта страница его не запрашивает.',
  },
  INSTALL_EXTENSION: {
    az: 'Tokenlə imzalamaq üçün imzala brauzer əlavəsini (Chrome, Edge və ya Firefox) quraşdırın və ayarlarında bu saytı ({origin}) əlavə edin. Təşkilatlarda bunu adətən İT şöbəsi edir.',
    en: 'To sign with a token, install the imzala browser extension (Chrome, Edge or Firefox) and add this site ({origin}) in its settings. In organisations the IT department usually does this.',
    ru: 'Чтобы подписать токеном, установите расширение imzala (Chrome, Edge или Firefox) и добавьте этот сайт ({origin}) в его настройки. В организациях это обычно делает ИТ-отдел.',
  },
  INSTALL_HOST: {
    az: 'imzala əlavəsi var, amma token üçün köməkçi proqram (imzala-host) bu kompüterdə quraşdırılmayıb: onu və tokeninizin drayverini quraşdırın, sonra «Yenidən yoxla» düyməsini basın.',
    en: 'The imzala extension is there, but the helper program for the token (imzala-host) is not installed on this computer: install it and your token’s driver, then press “Check again”.',
    ru: 'Расширение imzala есть, но вспомогательная программа для токена (imzala-host) не установлена: установите её и драйвер токена, затем нажмите «Проверить снова».',
  },
  INSERT_TOKEN: {
    az: 'Token tapılmadı və ya onda imza sertifikatı yoxdur: tokeni taxın və «Yenidən yoxla» düyməsini basın.',
    en: 'No token was found, or it holds no signing certificate: insert the token and press “Check again”.',
    ru: 'Токен не найден или на нём нет сертификата подписи: вставьте токен и нажмите «Проверить снова».',
  },
  INSTALL_HELP: { az: 'Nəyi və necə quraşdırmalı', en: 'What to install, and how', ru: 'Что и как установить' },
  RECHECK: { az: 'Yenidən yoxla', en: 'Check again', ru: 'Проверить снова' },
  CHOOSE_CERTIFICATE: { az: 'Sertifikat', en: 'Certificate', ru: 'Сертификат' },
  CERTIFICATE_VALID_UNTIL: { az: '{date} tarixinədək etibarlıdır', en: 'valid until {date}', ru: 'действует до {date}' },
  CERTIFICATE_EXPIRED: { az: 'müddəti {date} tarixində bitib', en: 'expired on {date}', ru: 'истёк {date}' },
  PIN_FINAL_TRY: { az: 'Diqqət: bu, son cəhddir.', en: 'Careful: this is the last try.', ru: 'Внимание: это последняя попытка.' },
  SIMA_SIMULATOR: { az: 'SİMULYATOR: sınaq üçün, həqiqi SİMA tətbiqi deyil', en: 'SIMULATOR: for testing, not the real SİMA app', ru: 'СИМУЛЯТОР: для проверки, не настоящее приложение SİMA' },
  SIMA_START: { az: 'QR kodu göstər', en: 'Show the QR code', ru: 'Показать QR-код' },
  SIMA_SCAN: {
    az: 'Sənəd {n} / {total} ({name}): SİMA tətbiqində QR kodu skan edin və ya telefonda bu səhifədən tətbiqi açın.',
    en: 'Document {n} of {total} ({name}): scan the QR code in the SİMA app, or open the app from this page on your phone.',
    ru: 'Документ {n} из {total} ({name}): отсканируйте QR-код в приложении SİMA или откройте приложение с этой страницы на телефоне.',
  },
  SIMA_OPEN_APP: { az: 'SİMA tətbiqini aç', en: 'Open the SİMA app', ru: 'Открыть приложение SİMA' },
  SIMA_SIMULATE: { az: 'Simulyatorla skan et', en: 'Scan with the simulator', ru: 'Сканировать симулятором' },
  LOADING: { az: 'Yüklənir…', en: 'Loading…', ru: 'Загрузка…' },
} as const satisfies MessageCatalog;

export type SigningPageMessage = keyof typeof SIGNING_PAGE_MESSAGES;

export function signingText(code: SigningPageMessage, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(SIGNING_PAGE_MESSAGES, code, language, details);
}
