/** What a validation run needs besides the document: the trust, the time, the user's language. */
import type { Certificate } from '../pki/certificate.js';
import type { Crl } from '../pki/crl.js';
import type { Language } from '../report/message-types.js';

export interface ValidationContext {
  anchors: readonly Certificate[];
  /** The time signatures are validated at (now, or `--at`). */
  validationTime: Date;
  crls: Crl[];
  language: Language;
}
