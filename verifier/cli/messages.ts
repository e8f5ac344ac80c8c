/** Messages of the command line's own codes, on top of core's catalog. */
import { MESSAGES, localizeFrom } from '../../core/report/messages.js';
import type { Language, MessageCatalog } from '../../core/report/message-types.js';
import { PKI_DEMO_MESSAGES } from '../pki-demo/codes.js';
import { SERVER_MESSAGES } from '../server/codes.js';
import { PROCESS_MESSAGES } from '../../core/process/codes.js';
import { MAIL_MESSAGES } from '../mail/codes.js';
import { STORAGE_MESSAGES } from '../storage/codes.js';
import { PROVIDER_MESSAGES } from '../providers/codes.js';
import { PROTOCOL_MESSAGES } from '../../core/protocol/codes.js';
import { SIMA_MESSAGES } from '../providers/sima/codes.js';
import { SESSION_MESSAGES } from '../server/services/session-codes.js';
import { HOST_MESSAGES } from '../../extension/native-host/codes.js';
import { TRUST_NOTICE } from '../web/report-view/labels.js';

const CLI_OWN_MESSAGES: MessageCatalog = {
  SIGNED_PDF_CHECK_FAILED: {
    az: 'İmzalanmış PDF imzala-nın öz yoxlamasından keçmədi və yazılmadı: {detail}',
    en: 'The signed PDF did not pass imzala’s own check and was not written: {detail}',
    ru: 'Подписанный PDF не прошёл собственную проверку imzala и не записан: {detail}',
  },
  LT_DATA_UNAVAILABLE: {
    az: 'Uzunmüddətli yoxlama (--lt) üçün imza sertifikatının ləğv məlumatı alına bilmədi; fayl yazılmadı: {urls}',
    en: 'No revocation data could be obtained for the signing certificate, so --lt cannot be met; nothing was written: {urls}',
    ru: 'Не удалось получить данные об отзыве сертификата подписи, требование --lt невыполнимо; файл не записан: {urls}',
  },
  TRUST_PATH_NOT_FOUND: {
    az: 'Etibar edilən sertifikatlar üçün göstərilən yol tapılmadı: {path}',
    en: 'The trust path given was not found: {path}',
    ru: 'Указанный путь к доверенным сертификатам не найден: {path}',
  },
  CRL_FILE_NOT_FOUND: {
    az: 'Ləğv siyahısı (CRL) faylı tapılmadı: {path}',
    en: 'The revocation list (CRL) file was not found: {path}',
    ru: 'Файл списка отзыва (CRL) не найден: {path}',
  },
};

/**
 * Everything the CLI and the service can say: core's codes, the demo generator's, the service's, its own, and the
 * notes the report view adds about the trust used (one catalog, so every code has its words in one place).
 */
export const CLI_MESSAGES: MessageCatalog = { ...MESSAGES, ...PKI_DEMO_MESSAGES, ...SERVER_MESSAGES, ...CLI_OWN_MESSAGES, ...TRUST_NOTICE, ...PROVIDER_MESSAGES, ...PROCESS_MESSAGES, ...MAIL_MESSAGES, ...STORAGE_MESSAGES, ...PROTOCOL_MESSAGES, ...SIMA_MESSAGES, ...HOST_MESSAGES, ...SESSION_MESSAGES };

export function localizeCli(code: string, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(CLI_MESSAGES, code, language, details);
}
