/**
 * The words the runtime puts into the mail page. They live in extension/public/_locales/{az,en,ru}/messages.json
 * (locale-words.ts takes them from there at build time); these are the keys.
 */
export const WEBMAIL_WORD_KEYS = [
  'webmail_sign_button',
  'webmail_sign_title',
  'webmail_check_button',
  'webmail_check_title',
  'webmail_badge_checking',
  'webmail_badge_valid',
  'webmail_badge_warning',
  'webmail_badge_invalid',
  'webmail_badge_title',
  'webmail_busy',
  'webmail_handover_button',
  'webmail_handover_title',
  'webmail_handover_done',
  'webmail_handover_failed',
] as const;

export type WebmailWordKey = (typeof WEBMAIL_WORD_KEYS)[number];

/** Words of one language, keyed; a missing key shows the key (i18n.test.ts catches it). */
export type WebmailWords = (key: WebmailWordKey) => string;
