/**
 * Refusals of the extension's own settings code (the bridge's refusals are core/protocol's BridgeErrorCode).
 */
import type { MessageCatalog } from '../../../core/report/message-types.js';

export type ExtensionErrorCode = 'SETTING_MANAGED' | 'SETTING_INVALID';

export const EXTENSION_MESSAGES: MessageCatalog = {
  SETTING_MANAGED: {
    az: '“{key}” ayarını təşkilatınız idarə edir; onu burada dəyişmək olmaz.',
    en: 'The “{key}” setting is managed by your organisation and cannot be changed here.',
    ru: 'Настройкой «{key}» управляет ваша организация; здесь её изменить нельзя.',
  },
  SETTING_INVALID: {
    az: '“{key}” ayarının dəyəri yanlışdır: {reason}',
    en: 'The value of the “{key}” setting is wrong: {reason}',
    ru: 'Неверное значение настройки «{key}»: {reason}',
  },
};

/** A refused settings change; `code` is stable, `details` names the key. */
export class SettingsError extends Error {
  constructor(
    readonly code: ExtensionErrorCode,
    readonly details: { key: string; reason?: string },
  ) {
    let message = EXTENSION_MESSAGES[code]!.en;
    for (const [k, v] of Object.entries(details)) message = message.replaceAll(`{${k}}`, String(v));
    super(message);
    this.name = 'SettingsError';
  }
}
