/**
 * Messages for the signing-process codes: the field rules of a new process (validation.ts) and the refusals of
 * the state machine (process.ts). Also the status words the pages and mails show (AZ-ESIGN.md section 1).
 */
import type { LocalizedMessage, MessageCatalog } from '../report/message-types.js';
import type { ProcessStatus, SignerStatus } from './model.js';

export const PROCESS_MESSAGES: MessageCatalog = {
  // --- the new process as a whole
  PROCESS_INPUT_INVALID: {
    az: 'Prosesin məlumatları oxuna bilmir: JSON obyekti gözlənilirdi.',
    en: 'The process data cannot be read: a JSON object was expected.',
    ru: 'Данные процесса не читаются: ожидался объект JSON.',
  },
  PROCESS_NAME_REQUIRED: {
    az: 'Prosesin adını yazın.',
    en: 'Enter a name for the process.',
    ru: 'Введите название процесса.',
  },
  PROCESS_NAME_TOO_LONG: {
    az: 'Prosesin adı ən çoxu 200 simvol ola bilər.',
    en: 'The process name can be at most 200 characters long.',
    ru: 'Название процесса может содержать не более 200 символов.',
  },
  PROCESS_NAME_INVALID: {
    az: 'Prosesin adı mətn olmalıdır və idarəedici simvollar (məsələn, sətir keçidi) ola bilməz.',
    en: 'The process name must be text without control characters (such as line breaks).',
    ru: 'Название процесса должно быть текстом без управляющих символов (например, переводов строки).',
  },
  PROCESS_LANGUAGE_INVALID: {
    az: 'Prosesin dili az, en və ya ru olmalıdır.',
    en: 'The process language must be az, en or ru.',
    ru: 'Язык процесса должен быть az, en или ru.',
  },
  DEADLINE_REQUIRED: {
    az: 'İmzalanma müddətini (son tarixi) seçin.',
    en: 'Choose a signing deadline.',
    ru: 'Выберите срок подписания.',
  },
  DEADLINE_INVALID: {
    az: 'Son tarix saat qurşağı ilə ISO 8601 formatında olmalıdır (məsələn, 2026-12-31T18:00:00+04:00).',
    en: 'The deadline must be an ISO 8601 date and time with a time zone (e.g. 2026-12-31T18:00:00+04:00).',
    ru: 'Срок должен быть датой и временем ISO 8601 с часовым поясом (например, 2026-12-31T18:00:00+04:00).',
  },
  DEADLINE_IN_PAST: {
    az: 'Son tarix gələcəkdə olmalıdır.',
    en: 'The deadline must be in the future.',
    ru: 'Срок должен быть в будущем.',
  },
  DEADLINE_TOO_FAR: {
    az: 'Son tarix ən çoxu bir il sonra ola bilər.',
    en: 'The deadline can be at most one year ahead.',
    ru: 'Срок может быть не позже чем через год.',
  },

  // --- people
  EMAIL_REQUIRED: {
    az: 'E-poçt ünvanını yazın.',
    en: 'Enter an e-mail address.',
    ru: 'Введите адрес электронной почты.',
  },
  EMAIL_INVALID: {
    az: 'E-poçt ünvanı düzgün deyil (nümunə: ad@example.az).',
    en: 'The e-mail address is not valid (example: name@example.az).',
    ru: 'Неверный адрес электронной почты (пример: name@example.az).',
  },
  NAME_REQUIRED: {
    az: 'Ad, soyad və ata adını yazın.',
    en: 'Enter the full name.',
    ru: 'Введите фамилию, имя и отчество.',
  },
  NAME_TOO_LONG: {
    az: 'Ad ən çoxu 200 simvol ola bilər.',
    en: 'The name can be at most 200 characters long.',
    ru: 'Имя может содержать не более 200 символов.',
  },
  NAME_INVALID: {
    az: 'Ad mətn olmalıdır və idarəedici simvollar ola bilməz.',
    en: 'The name must be text without control characters.',
    ru: 'Имя должно быть текстом без управляющих символов.',
  },
  TEXT_TOO_LONG: {
    az: 'Bu sahə ən çoxu 200 simvol ola bilər.',
    en: 'This field can be at most 200 characters long.',
    ru: 'Это поле может содержать не более 200 символов.',
  },
  TEXT_INVALID: {
    az: 'Bu sahə mətn olmalıdır və idarəedici simvollar ola bilməz.',
    en: 'This field must be text without control characters.',
    ru: 'Это поле должно быть текстом без управляющих символов.',
  },
  PERSON_TYPE_INVALID: {
    az: 'Şəxsin növünü seçin: vətəndaş, fiziki şəxs və ya hüquqi şəxs.',
    en: 'Choose the person type: citizen, individual entrepreneur or legal entity.',
    ru: 'Выберите тип лица: гражданин, индивидуальный предприниматель или юридическое лицо.',
  },
  FIN_REQUIRED: {
    az: 'FİN-i yazın (şəxsiyyət vəsiqəsindəki 7 simvol).',
    en: 'Enter the FIN (the 7 characters on the identity card).',
    ru: 'Введите FIN (7 символов из удостоверения личности).',
  },
  FIN_INVALID: {
    az: 'FİN düz 7 simvoldan ibarət olmalıdır: rəqəmlər və böyük latın hərfləri (0-9, A-Z).',
    en: 'The FIN must be exactly 7 characters: digits and capital Latin letters (0-9, A-Z).',
    ru: 'FIN должен состоять ровно из 7 символов: цифр и заглавных латинских букв (0-9, A-Z).',
  },
  VOEN_REQUIRED: {
    az: 'Hüquqi şəxs üçün VÖEN-i yazın.',
    en: 'Enter the VÖEN (tax number) of the legal entity.',
    ru: 'Введите VÖEN (ИНН) юридического лица.',
  },
  VOEN_INVALID: {
    az: 'VÖEN düz 10 rəqəmdən ibarət olmalıdır.',
    en: 'The VÖEN (tax number) must be exactly 10 digits.',
    ru: 'VÖEN (ИНН) должен состоять ровно из 10 цифр.',
  },
  COMPANY_REQUIRED: {
    az: 'Hüquqi şəxsin (şirkətin) adını yazın.',
    en: 'Enter the name of the legal entity (company).',
    ru: 'Введите название юридического лица (компании).',
  },
  SIGNER_INVALID: {
    az: 'İmzalayanın məlumatları oxuna bilmir.',
    en: 'The signer’s data cannot be read.',
    ru: 'Данные подписанта не читаются.',
  },
  SIGNERS_REQUIRED: {
    az: 'Ən azı bir imzalayan əlavə edin.',
    en: 'Add at least one signer.',
    ru: 'Добавьте хотя бы одного подписанта.',
  },
  SIGNERS_TOO_MANY: {
    az: 'Bir prosesdə ən çoxu 20 imzalayan ola bilər.',
    en: 'A process can have at most 20 signers.',
    ru: 'В процессе может быть не более 20 подписантов.',
  },
  SIGNER_EMAIL_DUPLICATE: {
    az: 'Bu e-poçt ünvanı artıq başqa imzalayan üçün yazılıb: hər imzalayanın öz ünvanı olmalıdır.',
    en: 'This e-mail address is already given for another signer: each signer needs their own.',
    ru: 'Этот адрес уже указан для другого подписанта: у каждого подписанта должен быть свой.',
  },
  SIGNER_FIN_DUPLICATE: {
    az: 'Bu FİN artıq başqa imzalayan üçün yazılıb: bir şəxs prosesdə bir dəfə imzalayır.',
    en: 'This FIN is already given for another signer: a person signs once in a process.',
    ru: 'Этот FIN уже указан для другого подписанта: человек подписывает в процессе один раз.',
  },
  CC_INVALID: {
    az: 'Digər alıcılar e-poçt ünvanlarının siyahısı olmalıdır.',
    en: 'Other recipients must be a list of e-mail addresses.',
    ru: 'Другие получатели должны быть списком адресов электронной почты.',
  },
  CC_TOO_MANY: {
    az: 'Ən çoxu 20 digər alıcı əlavə etmək olar.',
    en: 'At most 20 other recipients can be added.',
    ru: 'Можно добавить не более 20 других получателей.',
  },

  // --- documents
  DOCUMENTS_REQUIRED: {
    az: 'Ən azı bir sənəd yükləyin.',
    en: 'Upload at least one document.',
    ru: 'Загрузите хотя бы один документ.',
  },
  DOCUMENTS_TOO_MANY: {
    az: 'Bir prosesdə ən çoxu 10 sənəd ola bilər.',
    en: 'A process can have at most 10 documents.',
    ru: 'В процессе может быть не более 10 документов.',
  },
  DOCUMENTS_TOO_LARGE: {
    az: 'Sənədlərin ümumi həcmi 100 MB-dan çox ola bilməz.',
    en: 'The documents together can be at most 100 MB.',
    ru: 'Общий размер документов не может превышать 100 МБ.',
  },
  DOCUMENT_INVALID: {
    az: 'Sənədin məlumatları oxuna bilmir.',
    en: 'The document’s data cannot be read.',
    ru: 'Данные документа не читаются.',
  },
  DOCUMENT_NAME_INVALID: {
    az: 'Sənədin adı 1–255 simvol olmalıdır, qovluq ayırıcısı (/ \\) və idarəedici simvollar ola bilməz.',
    en: 'The document name must be 1–255 characters, without folder separators (/ \\) or control characters.',
    ru: 'Имя документа должно содержать 1–255 символов, без разделителей папок (/ \\) и управляющих символов.',
  },
  DOCUMENT_SIZE_INVALID: {
    az: 'Sənədin ölçüsü düzgün deyil.',
    en: 'The document size is not valid.',
    ru: 'Неверный размер документа.',
  },
  DOCUMENT_EMPTY: {
    az: 'Sənəd boşdur (0 bayt): imzalanacaq bir şey yoxdur.',
    en: 'The document is empty (0 bytes): there is nothing to sign.',
    ru: 'Документ пуст (0 байт): подписывать нечего.',
  },
  DOCUMENT_HASH_INVALID: {
    az: 'Sənədin SHA-256 heşi 64 onaltılıq simvol olmalıdır.',
    en: 'The document’s SHA-256 hash must be 64 hexadecimal characters.',
    ru: 'Хеш SHA-256 документа должен состоять из 64 шестнадцатеричных символов.',
  },
  DOCUMENT_MEDIA_TYPE_INVALID: {
    az: 'Sənədin növü (media type) düzgün deyil.',
    en: 'The document’s media type is not valid.',
    ru: 'Неверный тип (media type) документа.',
  },
  DOCUMENT_KIND_INVALID: {
    az: 'Sənədin imza üsulu "pdf" və ya "other" olmalıdır.',
    en: 'The document’s kind must be "pdf" or "other".',
    ru: 'Вид документа должен быть «pdf» или «other».',
  },

  // --- refusals of the running process
  PROCESS_ALREADY_STARTED: {
    az: 'Proses artıq başlanıb.',
    en: 'The process has already been started.',
    ru: 'Процесс уже запущен.',
  },
  PROCESS_NOT_IN_PROGRESS: {
    az: 'Bu əməliyyat mümkün deyil: proses artıq davam etmir (imzalanıb, imtina edilib, ləğv edilib və ya vaxtı bitib).',
    en: 'This cannot be done: the process is no longer in progress (it was completed, declined, cancelled or has expired).',
    ru: 'Это невозможно: процесс больше не идёт (он завершён, отклонён, отменён или его срок истёк).',
  },
  PROCESS_EXPIRED: {
    az: 'İmzalanma müddəti bitib: sənəd artıq imzalana və ya rədd edilə bilməz.',
    en: 'The signing deadline has passed: the document can no longer be signed or declined.',
    ru: 'Срок подписания истёк: документ больше нельзя подписать или отклонить.',
  },
  DEADLINE_NOT_REACHED: {
    az: 'Son tarix hələ çatmayıb: proses vaxtından əvvəl bitirilə bilməz.',
    en: 'The deadline has not been reached yet: the process cannot expire early.',
    ru: 'Срок ещё не наступил: процесс не может истечь досрочно.',
  },
  RECIPIENT_OUT_OF_TURN: {
    az: 'Hələ sizin növbəniz deyil: sənədi hazırda başqa tərəf imzalamalıdır.',
    en: 'It is not your turn yet: another party has to sign the document now.',
    ru: 'Сейчас не ваша очередь: документ сейчас должна подписать другая сторона.',
  },
  SIGNER_NOT_FOUND: {
    az: 'Bu prosesdə belə imzalayan yoxdur.',
    en: 'There is no such signer in this process.',
    ru: 'В этом процессе нет такого подписанта.',
  },
  SIGNER_ALREADY_SIGNED: {
    az: 'Siz bu sənədləri artıq imzalamısınız.',
    en: 'You have already signed these documents.',
    ru: 'Вы уже подписали эти документы.',
  },
  DOCUMENTS_MISMATCH: {
    az: 'İmza prosesin sənədlərinə uyğun gəlmir: hər sənəd bir dəfə imzalanmalıdır.',
    en: 'The signature does not match the process’s documents: every document must be signed exactly once.',
    ru: 'Подпись не соответствует документам процесса: каждый документ должен быть подписан ровно один раз.',
  },
  SIGNED_DOCUMENT_UNCHANGED: {
    az: 'İmzalanmış sənəd əvvəlki versiya ilə eynidir: imza əlavə olunmayıb.',
    en: 'The signed document is identical to the previous version: no signature was added.',
    ru: 'Подписанный документ совпадает с предыдущей версией: подпись не добавлена.',
  },
  DECLINE_REASON_REQUIRED: {
    az: 'İmtinanın səbəbini yazın.',
    en: 'Give a reason for declining.',
    ru: 'Укажите причину отказа.',
  },
  DECLINE_REASON_TOO_LONG: {
    az: 'İmtinanın səbəbi ən çoxu 1000 simvol ola bilər.',
    en: 'The reason for declining can be at most 1000 characters long.',
    ru: 'Причина отказа может содержать не более 1000 символов.',
  },
  CANCEL_REASON_TOO_LONG: {
    az: 'Ləğvin səbəbi ən çoxu 1000 simvol ola bilər.',
    en: 'The reason for cancelling can be at most 1000 characters long.',
    ru: 'Причина отмены может содержать не более 1000 символов.',
  },
  EVENT_TIME_INVALID: {
    az: 'Hadisənin vaxtı düzgün deyil.',
    en: 'The event time is not valid.',
    ru: 'Неверное время события.',
  },
  EVENT_INVALID: {
    az: 'Naməlum proses hadisəsi.',
    en: 'Unknown process event.',
    ru: 'Неизвестное событие процесса.',
  },
};

/** The process status words (AZ-ESIGN.md section 1). */
export const PROCESS_STATUS_LABELS: Readonly<Record<ProcessStatus, LocalizedMessage>> = {
  in_progress: { az: 'İmzada', en: 'In progress', ru: 'На подписании' },
  completed: { az: 'İmzalanıb', en: 'Completed', ru: 'Подписан' },
  declined: { az: 'İmzalanmadı', en: 'Declined', ru: 'Отклонён' },
  cancelled: { az: 'Ləğv edilib', en: 'Cancelled', ru: 'Отменён' },
  expired: { az: 'Vaxtı bitib', en: 'Expired', ru: 'Срок истёк' },
};

/** The signer status words (AZ-ESIGN.md section 1). */
export const SIGNER_STATUS_LABELS: Readonly<Record<SignerStatus, LocalizedMessage>> = {
  queued: { az: 'Növbədə', en: 'Queued', ru: 'В очереди' },
  awaiting_signature: { az: 'İmza gözləyir', en: 'Awaiting signature', ru: 'Ожидает подписи' },
  signed: { az: 'İmzalanıb', en: 'Signed', ru: 'Подписано' },
  declined: { az: 'İmzalanmadı', en: 'Declined', ru: 'Отказ' },
};
