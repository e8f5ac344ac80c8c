/**
 * Messages of the codes only the native host uses (the bridge codes and their messages are core/protocol/codes.ts
 * PROTOCOL_MESSAGES). The INSTALL_* codes are for
 * `imzala host install|uninstall`; PIN_DIALOG_UNAVAILABLE is the message of USER_CANCELLED {reason: 'no-pin-dialog'}.
 */
import type { MessageCatalog } from '../../core/report/message-types.js';

export const HOST_MESSAGES: MessageCatalog = {
  PIN_DIALOG_UNAVAILABLE: {
    az: 'Bu kompüterdə PIN soruşmaq üçün pəncərə açıla bilmir (zenity, kdialog və ya ayarlarda pinProgram yoxdur). İmzalama ləğv edildi.',
    en: 'No PIN dialog can be shown on this computer (no zenity, kdialog or configured pinProgram). Signing was cancelled.',
    ru: 'На этом компьютере нельзя показать окно ввода PIN (нет zenity, kdialog или настроенной pinProgram). Подписание отменено.',
  },
  INSTALL_BAD_USAGE: {
    az: 'İstifadə: imzala host install|uninstall [--browser chrome|chromium|edge|firefox] [--system] [--user-data-dir QOVLUQ] [--host YOL]. {reason}',
    en: 'Usage: imzala host install|uninstall [--browser chrome|chromium|edge|firefox] [--system] [--user-data-dir DIR] [--host PATH]. {reason}',
    ru: 'Использование: imzala host install|uninstall [--browser chrome|chromium|edge|firefox] [--system] [--user-data-dir КАТАЛОГ] [--host ПУТЬ]. {reason}',
  },
  INSTALL_FAILED: {
    az: 'Brauzer üçün manifest yazıla bilmədi ({path}): {reason}',
    en: 'The browser manifest could not be written ({path}): {reason}',
    ru: 'Не удалось записать манифест для браузера ({path}): {reason}',
  },
  INSTALL_HOST_NOT_FOUND: {
    az: 'imzala proqramının faylı tapılmadı: {path}',
    en: 'The imzala host program was not found: {path}',
    ru: 'Файл программы imzala не найден: {path}',
  },
};

/** Codes of HOST_MESSAGES. */
export type HostCode = 'PIN_DIALOG_UNAVAILABLE' | 'INSTALL_BAD_USAGE' | 'INSTALL_FAILED' | 'INSTALL_HOST_NOT_FOUND';
