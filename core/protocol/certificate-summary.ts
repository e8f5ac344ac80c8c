/**
 * What a person needs to recognise a token certificate: read with core's Certificate and its Azerbaijani identity
 * facade (never by hand), plus whether it is valid at the moment.
 */
import { fromBase64 } from '../encoding/base64.js';
import { Certificate } from '../pki/certificate.js';
import type { TokenCertificate } from './native.js';

export type CertificateValidity = 'valid' | 'expired' | 'not-yet-valid';

export interface CertificateSummary {
  name: string;
  fin?: string;
  voen?: string;
  organization?: string;
  title?: string;
  notBefore: Date;
  notAfter: Date;
  validity: CertificateValidity;
  tokenLabel: string;
}

/** The summary, or null when the token handed over bytes that are not a certificate. */
export function summariseTokenCertificate(entry: TokenCertificate, now: Date): CertificateSummary | null {
  let certificate: Certificate;
  try {
    certificate = Certificate.fromDer(fromBase64(entry.certificate));
  } catch {
    return null;
  }
  const id = certificate.identity;
  const validity: CertificateValidity =
    now < certificate.notBefore ? 'not-yet-valid' : now > certificate.notAfter ? 'expired' : 'valid';
  const summary: CertificateSummary = {
    name: id.commonName || entry.label,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    validity,
    tokenLabel: entry.token.label,
  };
  if (id.fin !== undefined) summary.fin = id.fin;
  if (id.voen !== undefined) summary.voen = id.voen;
  if (id.organization !== undefined) summary.organization = id.organization;
  if (id.title !== undefined) summary.title = id.title;
  return summary;
}
