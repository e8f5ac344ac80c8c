/**
 * Every stable code's message in az / en / ru, merged from the catalogs the modules own, and the one
 * function that turns a code and its evidence into a sentence for people.
 */
import { ASIC_MESSAGES } from '../asic/codes.js';
import { CMS_MESSAGES } from '../cms/codes.js';
import { CRYPTO_MESSAGES } from '../crypto/codes.js';
import { KEY_FILE_MESSAGES } from '../keys/codes.js';
import { PDF_MESSAGES } from '../pdf/codes.js';
import { CHANGE_ANALYSIS_MESSAGES } from '../pdf/change-analysis/index.js';
import { PKI_MESSAGES } from '../pki/codes.js';
import { REVOCATION_MESSAGES } from '../pki/revocation/codes.js';
import { SIGNING_MESSAGES } from '../signing/codes.js';
import { VALIDATION_MESSAGES } from './codes.js';
import { TSP_MESSAGES } from '../tsp/codes.js';
import { ZIP_MESSAGES } from '../zip/codes.js';
import type { Language, MessageCatalog } from './message-types.js';

export const CATALOGS: Readonly<Record<string, MessageCatalog>> = {
  asic: ASIC_MESSAGES,
  cms: CMS_MESSAGES,
  crypto: CRYPTO_MESSAGES,
  keys: KEY_FILE_MESSAGES,
  pdf: PDF_MESSAGES,
  changes: CHANGE_ANALYSIS_MESSAGES,
  pki: PKI_MESSAGES,
  revocation: REVOCATION_MESSAGES,
  signing: SIGNING_MESSAGES,
  tsp: TSP_MESSAGES,
  validation: VALIDATION_MESSAGES,
  zip: ZIP_MESSAGES,
};

export const MESSAGES: MessageCatalog = Object.assign({}, ...Object.values(CATALOGS));

function fill(template: string, details: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details?.[key];
    if (value === undefined || value === null) return whole === '{detail}' ? '' : '?';
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

/** The message for a code in a language from a catalog; an unknown code (a bug) still yields something readable. */
export function localizeFrom(catalog: MessageCatalog, code: string, language: Language, details?: Record<string, unknown>): string {
  const entry = catalog[code];
  if (!entry) return code;
  return fill(entry[language], details).trim();
}

/** The message for one of core's codes. */
export function localize(code: string, language: Language, details?: Record<string, unknown>): string {
  return localizeFrom(MESSAGES, code, language, details);
}
