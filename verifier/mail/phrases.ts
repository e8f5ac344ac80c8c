/**
 * The words of every process e-mail in Azerbaijani, English and Russian. `{name}` placeholders are filled by
 * templates.ts with plain text; escaping for HTML happens only when the message is rendered, never here.
 */
import type { SignerStatus } from '../../core/process/model.js';
import type { Language } from '../../core/report/message-types.js';

export interface Phrases {
  locale: string;
  greeting: string;
  greetingNoName: string;
  invitationSubject: string;
  invitationIntro: string;
  yourTurnSubject: string;
  yourTurnIntro: string;
  reminderSubject: string;
  reminderIntro: string;
  labelProcess: string;
  labelInitiator: string;
  labelDeadline: string;
  labelDocuments: string;
  labelReason: string;
  labelSigners: string;
  labelCc: string;
  labelAttached: string;
  deadlineValue: string;
  actionSign: string;
  actionDownload: string;
  actionView: string;
  linkHint: string;
  todoSign: string;
  deadlineWarning: string;
  linkPersonal: string;
  declinedSubject: string;
  declinedIntro: string;
  cancelledSubject: string;
  cancelledIntro: string;
  cancelledNoReason: string;
  expiredSubject: string;
  expiredIntro: string;
  expiredNext: string;
  completedSubject: string;
  completedIntro: string;
  completedAttached: string;
  completedLink: string;
  startedSubject: string;
  startedIntro: string;
  startedFirst: string;
  noCc: string;
  footer: string;
  units: readonly [string, string, string];
  status: Readonly<Record<SignerStatus, string>>;
}

export const PHRASES: Readonly<Record<Language, Phrases>> = {
  az: {
    locale: 'az-Latn-AZ',
    greeting: 'Hörmətli {name},',
    greetingNoName: 'Salam,',
    invitationSubject: 'İmzalamağa dəvət: «{process}»',
    invitationIntro: '{initiator} sizdən «{process}» sənədlərini elektron imza ilə imzalamağı xahiş edir.',
    yourTurnSubject: 'Növbə sizindir: «{process}»',
    yourTurnIntro:
      'Əvvəlki tərəf, {previous}, «{process}» sənədlərini imzaladı. İndi sizin növbənizdir: {initiator} sizdən bu sənədləri imzalamağı xahiş edir.',
    reminderSubject: 'Xatırlatma: «{process}» imzanızı gözləyir',
    reminderIntro: '«{process}» sənədləri hələ də sizin imzanızı gözləyir. Prosesi {initiator} başladıb.',
    labelProcess: 'Proses',
    labelInitiator: 'Göndərən',
    labelDeadline: 'İmzalama müddəti',
    labelDocuments: 'Sənədlər',
    labelReason: 'Səbəb',
    labelSigners: 'İmzalayan tərəflər (növbə ilə)',
    labelCc: 'Əlavə alıcılar',
    labelAttached: 'Əlavə edilmiş fayllar',
    deadlineValue: '{time} (Bakı vaxtı)',
    actionSign: 'Sənədlərə bax və imzala',
    actionDownload: 'İmzalanmış faylları yüklə',
    actionView: 'Prosesə bax',
    linkHint: 'Düymə işləmirsə, bu linki brauzerdə açın:',
    todoSign:
      'Linki açın, sənədləri oxuyun və ASAN İmza və ya elektron imza (token) ilə imzalayın. Razı deyilsinizsə, imzalamaqdan imtina edib səbəbini yaza bilərsiniz.',
    deadlineWarning: 'Müddət bitənə qədər imzalanmasa, proses bağlanır və link işləməz.',
    linkPersonal: 'Bu link yalnız sizin üçündür, onu başqasına göndərməyin.',
    declinedSubject: '«{process}» imzalanmadı: {decliner} imtina etdi',
    declinedIntro:
      '{decliner} «{process}» sənədlərini imzalamaqdan imtina etdi. Proses dayandırıldı, başqa imza tələb olunmur.',
    cancelledSubject: '«{process}» ləğv edilib',
    cancelledIntro:
      '{initiator} «{process}» prosesini ləğv etdi. Sənədləri imzalamaq artıq lazım deyil və əvvəlki məktublardakı linklər işləmir.',
    cancelledNoReason: 'Səbəb göstərilməyib.',
    expiredSubject: '«{process}»: imzalama müddəti bitib',
    expiredIntro:
      '«{process}» prosesinin imzalama müddəti ({deadline}) bitdi, amma bütün tərəflər imzalamadı. Proses bağlandı, linklər artıq işləmir.',
    expiredNext: 'Sənədlərin imzalanması hələ lazımdırsa, {initiator} yeni proses başlada bilər.',
    completedSubject: '«{process}» imzalandı',
    completedIntro: 'Bütün tərəflər «{process}» sənədlərini imzaladı.',
    completedAttached: 'İmzalanmış fayllar bu məktuba əlavə edilib. Onları öz yaddaşınızda saxlayın.',
    completedLink:
      'İmzalanmış faylların ümumi həcmi ({size}) poçtla göndərilə bilən həddi ({limit}) aşır. Onları aşağıdakı linklə yükləyin.',
    startedSubject: '«{process}» göndərildi',
    startedIntro: 'Sənəd uğurla göndərildi. Siz «{process}» prosesini başlatdınız; bu məktub göndərilənlərin surətidir.',
    startedFirst:
      'İlk tərəf, {first}, imzaya dəvət məktubu aldı. Hər növbəti tərəf məktubu əvvəlki tərəf imzaladıqdan sonra alacaq.',
    noCc: 'yoxdur',
    footer:
      'Bu məktubu imzala avtomatik göndərib, ona cavab verməyin. Sualınız varsa, prosesi başladan şəxslə əlaqə saxlayın: {email}.',
    units: ['bayt', 'KB', 'MB'],
    status: { queued: 'Növbədə', awaiting_signature: 'İmza gözləyir', signed: 'İmzalanıb', declined: 'İmzalanmadı' },
  },
  en: {
    locale: 'en-GB',
    greeting: 'Dear {name},',
    greetingNoName: 'Hello,',
    invitationSubject: 'Please sign: "{process}"',
    invitationIntro: '{initiator} asks you to sign the documents of "{process}" with your electronic signature.',
    yourTurnSubject: 'Your turn to sign: "{process}"',
    yourTurnIntro:
      'The previous party, {previous}, has signed the documents of "{process}". It is now your turn: {initiator} asks you to sign them.',
    reminderSubject: 'Reminder: "{process}" is waiting for your signature',
    reminderIntro: 'The documents of "{process}" are still waiting for your signature. The process was started by {initiator}.',
    labelProcess: 'Process',
    labelInitiator: 'Sent by',
    labelDeadline: 'Sign by',
    labelDocuments: 'Documents',
    labelReason: 'Reason',
    labelSigners: 'Signing parties (in order)',
    labelCc: 'Other recipients',
    labelAttached: 'Attached files',
    deadlineValue: '{time} (Baku time)',
    actionSign: 'Review and sign',
    actionDownload: 'Download the signed files',
    actionView: 'View the process',
    linkHint: 'If the button does not work, open this link in your browser:',
    todoSign:
      'Open the link, read the documents and sign with ASAN İmza or your e-signature token. If you do not agree, you can decline and give a reason.',
    deadlineWarning: 'If it is not signed by the deadline, the process closes and the link stops working.',
    linkPersonal: 'This link is for you alone; do not forward it.',
    declinedSubject: '"{process}" was not signed: {decliner} declined',
    declinedIntro: '{decliner} declined to sign the documents of "{process}". The process has stopped; no further signatures are needed.',
    cancelledSubject: '"{process}" has been cancelled',
    cancelledIntro:
      '{initiator} cancelled the process "{process}". The documents no longer need to be signed and the links in earlier e-mails no longer work.',
    cancelledNoReason: 'No reason was given.',
    expiredSubject: '"{process}": the signing deadline has passed',
    expiredIntro:
      'The signing deadline of "{process}" ({deadline}) has passed before every party signed. The process is closed and the links no longer work.',
    expiredNext: 'If the documents still need to be signed, {initiator} can start a new process.',
    completedSubject: '"{process}" has been signed',
    completedIntro: 'Every party has signed the documents of "{process}".',
    completedAttached: 'The signed files are attached to this e-mail. Keep them in your own records.',
    completedLink:
      'The signed files are {size} together, more than can be sent by e-mail ({limit}). Download them with the link below.',
    startedSubject: '"{process}" has been sent',
    startedIntro: 'The documents were sent. You started the process "{process}"; this e-mail is a copy of what was sent.',
    startedFirst:
      'The first party, {first}, has received an invitation to sign. Each further party is e-mailed only after the previous one has signed.',
    noCc: 'none',
    footer:
      'This e-mail was sent automatically by imzala; please do not reply. For questions, contact the person who started the process: {email}.',
    units: ['bytes', 'KB', 'MB'],
    status: { queued: 'Queued', awaiting_signature: 'Awaiting signature', signed: 'Signed', declined: 'Declined' },
  },
  ru: {
    locale: 'ru-RU',
    greeting: 'Уважаемый(-ая) {name},',
    greetingNoName: 'Здравствуйте!',
    invitationSubject: 'Приглашение подписать: «{process}»',
    invitationIntro: '{initiator} просит вас подписать документы процесса «{process}» электронной подписью.',
    yourTurnSubject: 'Ваша очередь подписать: «{process}»',
    yourTurnIntro:
      'Предыдущая сторона, {previous}, подписала документы процесса «{process}». Теперь ваша очередь: {initiator} просит вас их подписать.',
    reminderSubject: 'Напоминание: «{process}» ждёт вашей подписи',
    reminderIntro: 'Документы процесса «{process}» всё ещё ждут вашей подписи. Процесс начал(а) {initiator}.',
    labelProcess: 'Процесс',
    labelInitiator: 'Отправитель',
    labelDeadline: 'Подписать до',
    labelDocuments: 'Документы',
    labelReason: 'Причина',
    labelSigners: 'Подписывающие стороны (по очереди)',
    labelCc: 'Другие получатели',
    labelAttached: 'Вложенные файлы',
    deadlineValue: '{time} (по бакинскому времени)',
    actionSign: 'Просмотреть и подписать',
    actionDownload: 'Скачать подписанные файлы',
    actionView: 'Открыть процесс',
    linkHint: 'Если кнопка не работает, откройте эту ссылку в браузере:',
    todoSign:
      'Откройте ссылку, прочитайте документы и подпишите их с помощью ASAN İmza или токена электронной подписи. Если вы не согласны, можно отказаться и указать причину.',
    deadlineWarning: 'Если документы не будут подписаны до срока, процесс закроется и ссылка перестанет работать.',
    linkPersonal: 'Эта ссылка только для вас, не пересылайте её.',
    declinedSubject: '«{process}» не подписан: {decliner} отказал(а)ся',
    declinedIntro: '{decliner} отказал(а)ся подписать документы процесса «{process}». Процесс остановлен, другие подписи не нужны.',
    cancelledSubject: '«{process}» отменён',
    cancelledIntro:
      '{initiator} отменил(а) процесс «{process}». Подписывать документы больше не нужно, ссылки из прежних писем не работают.',
    cancelledNoReason: 'Причина не указана.',
    expiredSubject: '«{process}»: срок подписания истёк',
    expiredIntro:
      'Срок подписания процесса «{process}» ({deadline}) истёк, а подписали не все стороны. Процесс закрыт, ссылки больше не работают.',
    expiredNext: 'Если документы всё ещё нужно подписать, {initiator} может начать новый процесс.',
    completedSubject: '«{process}» подписан',
    completedIntro: 'Все стороны подписали документы процесса «{process}».',
    completedAttached: 'Подписанные файлы приложены к этому письму. Сохраните их у себя.',
    completedLink:
      'Подписанные файлы вместе занимают {size}, это больше, чем можно отправить по почте ({limit}). Скачайте их по ссылке ниже.',
    startedSubject: '«{process}» отправлен',
    startedIntro: 'Документы отправлены. Вы начали процесс «{process}»; это письмо — копия отправленного.',
    startedFirst:
      'Первая сторона, {first}, получила приглашение подписать. Каждая следующая сторона получит письмо только после подписи предыдущей.',
    noCc: 'нет',
    footer:
      'Это письмо отправлено imzala автоматически, не отвечайте на него. С вопросами обращайтесь к тому, кто начал процесс: {email}.',
    units: ['байт', 'КБ', 'МБ'],
    status: { queued: 'В очереди', awaiting_signature: 'Ожидает подписи', signed: 'Подписано', declined: 'Отказ' },
  },
};
