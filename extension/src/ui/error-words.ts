/**
 * One sentence for a person from whatever went wrong: a bridge refusal (by its stable code, PIN tries included),
 * one of core's ImzalaError codes (core's own catalogs), a settings refusal, or, for a bug, the technical text.
 */
import { ImzalaError } from '../../../core/errors.js';
import { localize, localizeFrom } from '../../../core/report/messages.js';
import { EXTENSION_MESSAGES, SettingsError } from '../lib/codes.js';
import { PROTOCOL_MESSAGES, type BridgeError } from '../../../core/protocol/codes.js';
import { BridgeFailure } from './background-client.js';
import { t, uiLanguageNow } from './i18n.js';

/** The words for a bridge refusal. */
export function bridgeErrorText(error: BridgeError): string {
  const details = error.details ?? {};
  switch (error.code) {
    case 'PIN_INCORRECT':
      if (details.finalTry === true) return t('error_PIN_INCORRECT_FINAL');
      if (details.pinCountLow === true) return t('error_PIN_INCORRECT_LOW');
      return t('error_PIN_INCORRECT');
    case 'TOKEN_ERROR':
      return t('error_TOKEN_ERROR', typeof details.ckr === 'string' ? details.ckr : error.message);
    case 'HOST_CONFIG_INVALID':
      return t('error_HOST_CONFIG_INVALID', [details.path, details.reason].filter((v) => typeof v === 'string').join(': ') || error.message);
    default: {
      const words = t(`error_${error.code}`);
      if (words !== `error_${error.code}`) return words;
      // A code newer than these pages: the protocol's own catalog still has words for it in every language.
      return PROTOCOL_MESSAGES[error.code] ? localizeFrom(PROTOCOL_MESSAGES, error.code, uiLanguageNow(), details) : t('error_UNKNOWN', error.message);
    }
  }
}

/** The words for anything thrown while talking to the token, signing or checking. */
export function errorText(e: unknown): string {
  if (e instanceof BridgeFailure) return bridgeErrorText(e.error);
  if (e instanceof ImzalaError) return localize(e.code, uiLanguageNow(), e.details);
  if (e instanceof SettingsError) return localizeFrom(EXTENSION_MESSAGES, e.code, uiLanguageNow(), e.details);
  return t('error_UNKNOWN', e instanceof Error ? e.message : String(e));
}
