/** Messages for the store's codes (verifier/storage): bad keys, missing records and files, a damaged store. */
import type { MessageCatalog } from '../../core/report/message-types.js';

export const STORAGE_MESSAGES: MessageCatalog = {
  STORE_INVALID_KEY: {
    az: 'Yaddaş açarı yararsızdır ({kind}: "{key}"): yalnız hərflər, rəqəmlər, "-" və "_" ola bilər.',
    en: 'Invalid store key ({kind}: "{key}"): only letters, digits, "-" and "_" are allowed.',
    ru: 'Недопустимый ключ хранилища ({kind}: «{key}»): допустимы только буквы, цифры, «-» и «_».',
  },
  STORE_INVALID_HASH: {
    az: 'SHA-256 həşi yararsızdır: "{hash}" (64 onaltılıq simvol olmalıdır).',
    en: 'Invalid SHA-256 hash: "{hash}" (it must be 64 hexadecimal characters).',
    ru: 'Недопустимый хеш SHA-256: «{hash}» (нужно 64 шестнадцатеричных символа).',
  },
  STORE_TOKEN_NOT_FOUND: {
    az: 'İmzalama keçidi tapılmadı.',
    en: 'The signing link was not found.',
    ru: 'Ссылка для подписания не найдена.',
  },
  STORE_MAIL_NOT_FOUND: {
    az: 'Göndərilməli məktub ({id}) növbədə tapılmadı.',
    en: 'The mail {id} was not found in the outbox.',
    ru: 'Письмо {id} не найдено в очереди отправки.',
  },
  STORE_MAIL_EXISTS: {
    az: 'Bu identifikatorla ({id}) məktub artıq növbədədir.',
    en: 'A mail with the id {id} is already in the outbox.',
    ru: 'Письмо с идентификатором {id} уже есть в очереди отправки.',
  },
  STORE_FILE_NOT_FOUND: {
    az: 'Fayl yaddaşda tapılmadı (SHA-256 {sha256}).',
    en: 'The file is not in the store (SHA-256 {sha256}).',
    ru: 'Файл не найден в хранилище (SHA-256 {sha256}).',
  },
  STORE_FILE_CORRUPT: {
    az: 'Yaddaşdakı fayl zədələnib: onun SHA-256 həşi {actual}, gözlənilən isə {sha256} idi.',
    en: 'The stored file is damaged: its SHA-256 is {actual}, {sha256} was expected.',
    ru: 'Файл в хранилище повреждён: его SHA-256 равен {actual}, ожидался {sha256}.',
  },
  STORE_FILE_TOO_LARGE: {
    az: 'Fayl çox böyükdür: ən çoxu {limit} bayt ola bilər.',
    en: 'The file is too large: at most {limit} bytes are allowed.',
    ru: 'Файл слишком большой: допускается не более {limit} байт.',
  },
  STORE_RECORD_CORRUPT: {
    az: 'Yaddaşdakı qeyd oxuna bilmir ({path}): {reason}',
    en: 'A stored record cannot be read ({path}): {reason}',
    ru: 'Запись хранилища не читается ({path}): {reason}',
  },
  STORE_CLOSED: {
    az: 'Yaddaş artıq bağlanıb.',
    en: 'The store is already closed.',
    ru: 'Хранилище уже закрыто.',
  },
};
