/** What a validation run needs besides the document: the trust, the time, the user's language. */
import type { Certificate } from '../pki/certificate.js';
import type { Crl } from '../pki/crl.js';
import type { Language } from '../report/message-types.js';
import type { RevocationPolicy } from '../cms/verify-signed-data.js';

export interface ValidationContext {
  anchors: readonly Certificate[];
  /** The time signatures are validated at (now, or `--at`). */
  validationTime: Date;
  crls: Crl[];
  language: Language;
  /** Online (OCSP, CRL download, cache) or offline revocation look-ups; without it only given and embedded CRLs count. */
  revocation?: RevocationPolicy;
}
