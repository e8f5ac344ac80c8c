/** The consent window's words, in the language the user chose in the options (not only the browser's). */
import type { Lang } from './settings.js';

export interface ConsentText {
  title: string;
  question: string;
  documentLabel: string;
  note: string;
  allow: string;
  deny: string;
  expired: string;
}

export const CONSENT_TEXT: Readonly<Record<Lang, ConsentText>> = {
  az: {
    title: 'imzala: imza üçün icazə',
    question: 'Bu sayt tokeninizlə sənəd imzalamaq istəyir:',
    documentLabel: 'Sənəd:',
    note: 'İcazə versəniz, bu sayt növbəti dəfə soruşmadan imza istəyə bilər; PIN-i hər dəfə ayrıca daxil edəcəksiniz. İcazəni ayarlarda geri götürmək olar.',
    allow: 'İcazə ver',
    deny: 'Rədd et',
    expired: 'Bu sorğunun vaxtı keçib və ya o artıq cavablandırılıb.',
  },
  en: {
    title: 'imzala: permission to sign',
    question: 'This site wants to sign a document with your token:',
    documentLabel: 'Document:',
    note: 'If you allow it, this site may ask for signatures again without this question; you still type the PIN each time. You can withdraw the permission in the options.',
    allow: 'Allow',
    deny: 'Deny',
    expired: 'This request has expired or was already answered.',
  },
  ru: {
    title: 'imzala: разрешение на подпись',
    question: 'Этот сайт хочет подписать документ вашим токеном:',
    documentLabel: 'Документ:',
    note: 'Если разрешить, сайт сможет снова просить подпись без этого вопроса; PIN вы будете вводить каждый раз. Разрешение можно отозвать в настройках.',
    allow: 'Разрешить',
    deny: 'Отклонить',
    expired: 'Срок этого запроса истёк, или на него уже ответили.',
  },
};
