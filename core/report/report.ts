/**
 * The validation report, stable interface `imzala.report/1` (ARCHITECTURE.md): one per checked file.
 * Fields are only ever added; consumers (the check page, the CLI's --json, outside scripts) rely on them.
 */
import type { Indication, SubIndication } from './indications.js';

export type DocumentStatus = 'VALID' | 'VALID_WITH_WARNINGS' | 'INDETERMINATE' | 'INVALID' | 'UNSIGNED';
export type FileFormat = 'pdf' | 'cms' | 'asic' | 'unknown';
export type SignatureKind = 'PAdES' | 'PKCS7' | 'CAdES' | 'DocTimeStamp';
export type Modifications = 'none' | 'permitted' | 'disallowed';

export interface ReportMessage {
  code: string;
  message: string;
  /** Evidence behind the message (added to the stable shape; optional). */
  details?: Record<string, unknown>;
}

export interface CertificateRef {
  subject: string;
  sha256: string;
}

export interface SignerReport {
  commonName: string | null;
  fin: string | null;
  voen: string | null;
  organization: string | null;
  title: string | null;
  certificateType: string | null;
  email: string | null;
  serialNumber: string | null;
  issuer: string | null;
  notBefore: string | null;
  notAfter: string | null;
  sha256: string | null;
}

export interface SignatureReport {
  id: string;
  kind: SignatureKind;
  indication: Indication;
  subIndication: SubIndication | null;
  signer: SignerReport | null;
  claimedSigningTime: string | null;
  timestamp: { time: string; tsa: string | null; valid: boolean } | null;
  coverage: {
    byteRange: number[];
    wholeDocumentAtSigning: boolean;
    revision: number | null;
    /** Added: the signature covers every byte of the file as it is now (no later revision). */
    coversWholeFile?: boolean;
  } | null;
  modificationsAfter: Modifications;
  chain: CertificateRef[];
  revocation: { status: 'good' | 'revoked' | 'unknown'; source: string | null };
  errors: ReportMessage[];
  warnings: ReportMessage[];
  /** Added: the PDF signature field name, the signature's digest and signature algorithms. */
  fieldName?: string | null;
  digestAlgorithm?: string | null;
  signatureAlgorithm?: string | null;
  reason?: string | null;
  location?: string | null;
}

export interface ValidationReport {
  schema: 'imzala.report/1';
  file: { name: string; size: number; sha256: string; format: FileFormat };
  checkedAt: string;
  /** Added: the time the signatures were validated at (`--at`), when not the checking time. */
  validationTime?: string;
  trustAnchors: CertificateRef[];
  status: DocumentStatus;
  signatures: SignatureReport[];
  /** Added: findings about the document as a whole (e.g. why it counts as unsigned). */
  errors?: ReportMessage[];
  warnings?: ReportMessage[];
  /** Added: the PDF's revisions count, when the file is a PDF. */
  revisions?: number;
}

/**
 * Document status from its signatures (ARCHITECTURE.md): UNSIGNED without a real signature value; INVALID when
 * any signature failed or anything disallowed was added after one; INDETERMINATE when none failed but one could
 * not be decided; VALID_WITH_WARNINGS when all passed with permitted changes or warnings; else VALID.
 */
export function documentStatus(signatures: SignatureReport[], documentWarnings: number = 0): DocumentStatus {
  if (signatures.length === 0) return 'UNSIGNED';
  if (signatures.some((s) => s.indication === 'TOTAL_FAILED' || s.modificationsAfter === 'disallowed')) return 'INVALID';
  if (signatures.some((s) => s.indication === 'INDETERMINATE')) return 'INDETERMINATE';
  if (documentWarnings > 0 || signatures.some((s) => s.warnings.length > 0 || s.modificationsAfter === 'permitted')) {
    return 'VALID_WITH_WARNINGS';
  }
  return 'VALID';
}
