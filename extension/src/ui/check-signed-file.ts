/**
 * The signed file is checked right away with core's validator, the one the /yoxla page runs in the browser. Trust
 * anchors come from the first configured imzala service (its public /api/v1/trust-anchors); without them the
 * check still proves the signature's integrity, and the page says that trust was not checked. Nothing is trusted
 * on the token's word: certificates the token holds are never used as anchors.
 */
import { fromBase64 } from '../../../core/encoding/base64.js';
import { blobSource, type ByteSource } from '../../../core/io/byte-source.js';
import { Certificate } from '../../../core/pki/certificate.js';
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { validateDocument } from '../../../core/validation/validate-document.js';

/** A list of anchors is small; a larger answer is not the service's. */
const MAX_ANCHORS_RESPONSE = 1024 * 1024;
const MAX_ANCHORS = 100;

export interface SignedFileCheck {
  report: ValidationReport;
  /** Whether the service's anchors were used (false: integrity only). */
  anchorsUsed: boolean;
}

/** The service's trust anchors, or [] when the service cannot be reached or answers something else. */
export async function fetchTrustAnchors(serviceUrl: string | undefined): Promise<Certificate[]> {
  if (!serviceUrl) return [];
  try {
    const response = await fetch(new URL('/api/v1/trust-anchors', serviceUrl), { credentials: 'omit' });
    if (!response.ok) return [];
    const text = await response.text();
    if (text.length > MAX_ANCHORS_RESPONSE) return [];
    const body = JSON.parse(text) as { anchors?: { certificate?: unknown }[] };
    if (!Array.isArray(body.anchors)) return [];
    return body.anchors
      .slice(0, MAX_ANCHORS)
      .filter((a): a is { certificate: string } => typeof a?.certificate === 'string')
      .map((a) => Certificate.fromDer(fromBase64(a.certificate)));
  } catch {
    return [];
  }
}

/** Validates the signed file as the /yoxla page would, offline for revocation (nothing is fetched for it). */
export async function checkSignedFile(name: string, blob: Blob, serviceUrl: string | undefined, language: Language): Promise<SignedFileCheck> {
  const anchors = await fetchTrustAnchors(serviceUrl);
  return { report: await validateOffline(name, blobSource(blob), anchors, language), anchorsUsed: anchors.length > 0 };
}

/** core's validation now against `anchors`, revocation offline: what the extension's pages and badges show. */
export function validateOffline(name: string, source: ByteSource, anchors: Certificate[], language: Language): Promise<ValidationReport> {
  const checkedAt = new Date();
  return validateDocument({ name, source }, { anchors, validationTime: checkedAt, crls: [], language, revocation: { offline: true, required: false } }, checkedAt);
}
