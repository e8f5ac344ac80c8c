/**
 * The words of the "send for signing" wizard (`GET /yeni`), Azerbaijani first. Field refusals are core/process's
 * codes and words (PROCESS_MESSAGES), the same the server answers with.
 */
import { localizeFrom } from '../../../core/report/messages.js';
import type { Language, MessageCatalog } from '../../../core/report/message-types.js';

export const WIZARD_MESSAGES = {
  WIZARD_TITLE: { az: 'Sənədi imzaya göndər', en: 'Send documents for signing', ru: 'Отправить документы на подпись' },
  WIZARD_LEAD: {
    az: 'Tərəflər sənədi növbə ilə imzalayır: hər biri öz növbəsində e-poçtla keçid alır. Hamı imzaladıqdan sonra imzalanmış fayllar hər kəsə göndərilir.',
    en: 'The parties sign one after another: each gets a link by e-mail when it is their turn. When all have signed, everyone receives the signed files.',
    ru: 'Стороны подписывают по очереди: каждая получает ссылку по почте, когда наступает её очередь. После всех подписей подписанные файлы получают все.',
  },
  STEP_DOCUMENTS: { az: 'Sənədlər', en: 'Documents', ru: 'Документы' },
  HANDED_OVER: {
    az: 'imzala əlavəsi {documents} sənəd və {signers} tərəf ötürdü. Tərəflərin FİN-lərini əlavə edin və yoxlayın.',
    en: 'The imzala extension handed over {documents} document(s) and {signers} party(ies). Add the parties’ FINs and check them.',
    ru: 'Расширение imzala передало документов: {documents}, сторон: {signers}. Добавьте FIN сторон и проверьте их.',
  },
  STEP_FIRST_SIGNER: { az: 'Birinci tərəf', en: 'First party', ru: 'Первая сторона' },
  STEP_MORE_SIGNERS: { az: 'Digər tərəflər', en: 'Other parties', ru: 'Другие стороны' },
  STEP_DETAILS: { az: 'Digər məlumatlar', en: 'Other details', ru: 'Прочие сведения' },
  STEP_REVIEW: { az: 'Yoxlayın və göndərin', en: 'Review and send', ru: 'Проверьте и отправьте' },
  STEP_OF: { az: 'Addım {step} / {steps}', en: 'Step {step} of {steps}', ru: 'Шаг {step} из {steps}' },
  DROP_DOCUMENTS: {
    az: 'Sənədləri bura atın və ya seçin: ən çoxu {count} fayl, cəmi {size}. PDF, Word və digər fayllar.',
    en: 'Drop the documents here or choose them: at most {count} files, {size} together. PDF, Word and other files.',
    ru: 'Перетащите документы сюда или выберите их: не более {count} файлов, всего {size}. PDF, Word и другие файлы.',
  },
  CHOOSE_DOCUMENTS: { az: 'Fayl seçin', en: 'Choose files', ru: 'Выбрать файлы' },
  REMOVE: { az: 'Sil', en: 'Remove', ru: 'Удалить' },
  MOVE_UP: { az: 'Yuxarı', en: 'Up', ru: 'Выше' },
  MOVE_DOWN: { az: 'Aşağı', en: 'Down', ru: 'Ниже' },
  TOTAL: { az: 'Cəmi: {count} fayl, {size}', en: 'Total: {count} file(s), {size}', ru: 'Итого: файлов {count}, {size}' },
  HASHING: { az: 'Barmaq izi hesablanır…', en: 'Computing the fingerprint…', ru: 'Вычисляется отпечаток…' },
  PERSON_TYPE: { az: 'Şəxsin növü', en: 'Type of person', ru: 'Тип лица' },
  TYPE_citizen: { az: 'Vətəndaş', en: 'Citizen', ru: 'Гражданин' },
  TYPE_entrepreneur: { az: 'Fiziki şəxs (sahibkar)', en: 'Individual entrepreneur', ru: 'Физическое лицо (предприниматель)' },
  TYPE_legal: { az: 'Hüquqi şəxs', en: 'Legal entity', ru: 'Юридическое лицо' },
  FULL_NAME: { az: 'Soyad, ad, ata adı', en: 'Full name', ru: 'Фамилия, имя, отчество' },
  FIN: { az: 'FİN', en: 'FIN (personal ID, 7 characters)', ru: 'ФИН (7 символов)' },
  VOEN: { az: 'VÖEN', en: 'VÖEN (tax ID, 10 digits)', ru: 'ВОЕН (10 цифр)' },
  COMPANY: { az: 'Təşkilatın adı', en: 'Company name', ru: 'Название организации' },
  POSITION: { az: 'Vəzifə', en: 'Position', ru: 'Должность' },
  EMAIL: { az: 'E-poçt', en: 'E-mail', ru: 'Эл. почта' },
  // "Tərəf N", not an ordinal: Azerbaijani ordinal suffixes follow vowel harmony (1-ci, 3-cü, 6-cı, 9-cu).
  SIGNER_N: { az: 'Tərəf {n}', en: 'Party {n}', ru: 'Сторона {n}' },
  ADD_SIGNER: { az: 'Tərəf əlavə et', en: 'Add a party', ru: 'Добавить сторону' },
  NO_MORE_SIGNERS: {
    az: 'Başqa tərəf yoxdursa, bu addımı keçin.',
    en: 'If there are no other parties, go on to the next step.',
    ru: 'Если других сторон нет, переходите к следующему шагу.',
  },
  PROCESS_NAME: { az: 'Prosesin adı', en: 'Name of the process', ru: 'Название процесса' },
  DEADLINE: { az: 'İmzalama müddəti (son tarix)', en: 'Signing deadline', ru: 'Срок подписания' },
  CC: { az: 'Digər alıcıların e-poçtları (hər sətirdə biri)', en: 'Other recipients’ e-mails (one per line)', ru: 'Эл. почта других получателей (по одной в строке)' },
  INITIATOR_EMAIL: { az: 'Sizin e-poçtunuz (surət sizə göndəriləcək)', en: 'Your e-mail (a copy is sent to you)', ru: 'Ваша эл. почта (копия будет отправлена вам)' },
  INITIATOR_NAME: { az: 'Sizin adınız', en: 'Your name', ru: 'Ваше имя' },
  BACK: { az: 'Geri', en: 'Back', ru: 'Назад' },
  NEXT: { az: 'Davam et', en: 'Continue', ru: 'Далее' },
  SEND: { az: 'Göndər', en: 'Send', ru: 'Отправить' },
  SENDING: { az: 'Göndərilir… {percent}%', en: 'Sending… {percent}%', ru: 'Отправка… {percent}%' },
  FIX_ERRORS: { az: 'Qeyd olunan sahələri düzəldin.', en: 'Please correct the marked fields.', ru: 'Исправьте отмеченные поля.' },
  SENT_TITLE: { az: 'Sənəd uğurla göndərildi', en: 'The documents were sent', ru: 'Документы отправлены' },
  SENT_TEXT: {
    az: '{name} birinci tərəfə göndərildi. Hər addımda və sonda sizə e-poçtla məlumat veriləcək.',
    en: '{name} was sent to the first party. You will be told by e-mail at each step and at the end.',
    ru: '{name}: документы отправлены первой стороне. Вы будете получать письма на каждом шаге и в конце.',
  },
  SEND_ANOTHER: { az: 'Yeni proses başlat', en: 'Start another process', ru: 'Начать новый процесс' },
} as const satisfies MessageCatalog;

export type WizardMessage = keyof typeof WIZARD_MESSAGES;

export function wizardText(code: WizardMessage, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(WIZARD_MESSAGES, code, language, details);
}
