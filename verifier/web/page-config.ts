/** What the server tells the /yoxla page's script (a JSON block in the HTML). */
import type { Language } from '../../core/report/message-types.js';

export interface PageConfig {
  language: Language;
  /** The service trusts only the TEST hierarchy. */
  testTrust: boolean;
  /** The service does not look revocation up (so the in-browser check does not either: both give the same report). */
  offline: boolean;
  /** Largest file the server check accepts, in bytes. */
  maxUploadBytes: number;
}

export const PAGE_CONFIG_ELEMENT_ID = 'imzala-page';
