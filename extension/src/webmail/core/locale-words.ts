/**
 * The runtime's words in az/en/ru, taken from extension/public/_locales at build time. A content script cannot read
 * the extension's files without making them web-accessible (which would let any page probe for the extension), and
 * browser.i18n follows the browser's language, not the one chosen in the settings. Named imports keep only these
 * keys in the bundle (Vite tree-shakes JSON named exports).
 */
import {
  webmail_sign_button as az_webmail_sign_button,
  webmail_sign_title as az_webmail_sign_title,
  webmail_check_button as az_webmail_check_button,
  webmail_check_title as az_webmail_check_title,
  webmail_badge_checking as az_webmail_badge_checking,
  webmail_badge_valid as az_webmail_badge_valid,
  webmail_badge_warning as az_webmail_badge_warning,
  webmail_badge_invalid as az_webmail_badge_invalid,
  webmail_badge_title as az_webmail_badge_title,
  webmail_busy as az_webmail_busy,
  webmail_handover_button as az_webmail_handover_button,
  webmail_handover_title as az_webmail_handover_title,
  webmail_handover_done as az_webmail_handover_done,
  webmail_handover_failed as az_webmail_handover_failed,
} from '../../../public/_locales/az/messages.json';
import {
  webmail_sign_button as en_webmail_sign_button,
  webmail_sign_title as en_webmail_sign_title,
  webmail_check_button as en_webmail_check_button,
  webmail_check_title as en_webmail_check_title,
  webmail_badge_checking as en_webmail_badge_checking,
  webmail_badge_valid as en_webmail_badge_valid,
  webmail_badge_warning as en_webmail_badge_warning,
  webmail_badge_invalid as en_webmail_badge_invalid,
  webmail_badge_title as en_webmail_badge_title,
  webmail_busy as en_webmail_busy,
  webmail_handover_button as en_webmail_handover_button,
  webmail_handover_title as en_webmail_handover_title,
  webmail_handover_done as en_webmail_handover_done,
  webmail_handover_failed as en_webmail_handover_failed,
} from '../../../public/_locales/en/messages.json';
import {
  webmail_sign_button as ru_webmail_sign_button,
  webmail_sign_title as ru_webmail_sign_title,
  webmail_check_button as ru_webmail_check_button,
  webmail_check_title as ru_webmail_check_title,
  webmail_badge_checking as ru_webmail_badge_checking,
  webmail_badge_valid as ru_webmail_badge_valid,
  webmail_badge_warning as ru_webmail_badge_warning,
  webmail_badge_invalid as ru_webmail_badge_invalid,
  webmail_badge_title as ru_webmail_badge_title,
  webmail_busy as ru_webmail_busy,
  webmail_handover_button as ru_webmail_handover_button,
  webmail_handover_title as ru_webmail_handover_title,
  webmail_handover_done as ru_webmail_handover_done,
  webmail_handover_failed as ru_webmail_handover_failed,
} from '../../../public/_locales/ru/messages.json';
import type { WebmailWordKey, WebmailWords } from './words.js';

type Entry = { message: string };

const AZ: Record<WebmailWordKey, Entry> = {
  webmail_sign_button: az_webmail_sign_button,
  webmail_sign_title: az_webmail_sign_title,
  webmail_check_button: az_webmail_check_button,
  webmail_check_title: az_webmail_check_title,
  webmail_badge_checking: az_webmail_badge_checking,
  webmail_badge_valid: az_webmail_badge_valid,
  webmail_badge_warning: az_webmail_badge_warning,
  webmail_badge_invalid: az_webmail_badge_invalid,
  webmail_badge_title: az_webmail_badge_title,
  webmail_busy: az_webmail_busy,
  webmail_handover_button: az_webmail_handover_button,
  webmail_handover_title: az_webmail_handover_title,
  webmail_handover_done: az_webmail_handover_done,
  webmail_handover_failed: az_webmail_handover_failed,
};
const EN: Record<WebmailWordKey, Entry> = {
  webmail_sign_button: en_webmail_sign_button,
  webmail_sign_title: en_webmail_sign_title,
  webmail_check_button: en_webmail_check_button,
  webmail_check_title: en_webmail_check_title,
  webmail_badge_checking: en_webmail_badge_checking,
  webmail_badge_valid: en_webmail_badge_valid,
  webmail_badge_warning: en_webmail_badge_warning,
  webmail_badge_invalid: en_webmail_badge_invalid,
  webmail_badge_title: en_webmail_badge_title,
  webmail_busy: en_webmail_busy,
  webmail_handover_button: en_webmail_handover_button,
  webmail_handover_title: en_webmail_handover_title,
  webmail_handover_done: en_webmail_handover_done,
  webmail_handover_failed: en_webmail_handover_failed,
};
const RU: Record<WebmailWordKey, Entry> = {
  webmail_sign_button: ru_webmail_sign_button,
  webmail_sign_title: ru_webmail_sign_title,
  webmail_check_button: ru_webmail_check_button,
  webmail_check_title: ru_webmail_check_title,
  webmail_badge_checking: ru_webmail_badge_checking,
  webmail_badge_valid: ru_webmail_badge_valid,
  webmail_badge_warning: ru_webmail_badge_warning,
  webmail_badge_invalid: ru_webmail_badge_invalid,
  webmail_badge_title: ru_webmail_badge_title,
  webmail_busy: ru_webmail_busy,
  webmail_handover_button: ru_webmail_handover_button,
  webmail_handover_title: ru_webmail_handover_title,
  webmail_handover_done: ru_webmail_handover_done,
  webmail_handover_failed: ru_webmail_handover_failed,
};

const BY_LANGUAGE = { az: AZ, en: EN, ru: RU } as const;

/** The runtime's words in `language`. */
export function localeWords(language: 'az' | 'en' | 'ru'): WebmailWords {
  const table = BY_LANGUAGE[language] ?? AZ;
  return (key) => table[key]?.message ?? key;
}
