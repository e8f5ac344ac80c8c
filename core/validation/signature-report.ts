/** Turns CMS verification evidence into the report's per-signature entry, messages in the user's language. */
import type { Certificate } from '../pki/certificate.js';
import type { CmsSignerVerification } from '../cms/verify-signed-data.js';
import type { Finding } from '../report/indications.js';
import { localize } from '../report/messages.js';
import type { Language } from '../report/message-types.js';
import type { CertificateRef, ReportMessage, SignatureReport, SignerReport } from '../report/report.js';

export function certificateRef(cert: Certificate): CertificateRef {
  return { subject: cert.subject.toString(), sha256: cert.sha256 };
}

export function signerReport(cert: Certificate): SignerReport {
  const id = cert.identity;
  return {
    commonName: id.commonName ?? null,
    fin: id.fin ?? null,
    voen: id.voen ?? null,
    organization: id.organization ?? null,
    title: id.title ?? null,
    certificateType: id.certificateType ?? null,
    email: id.email ?? null,
    serialNumber: cert.serialNumberHex,
    issuer: cert.issuer.toString(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256: cert.sha256,
  };
}

export function reportMessages(findings: Finding[], language: Language): ReportMessage[] {
  return findings.map((f) => ({
    code: f.code,
    message: localize(f.code, language, f.details),
    ...(f.details ? { details: f.details } : {}),
  }));
}

/** The parts of a signature entry that come from the CMS check (kind, coverage and changes are the caller's). */
export function cmsSignatureParts(
  result: CmsSignerVerification,
  language: Language,
): Pick<SignatureReport, 'indication' | 'subIndication' | 'signer' | 'claimedSigningTime' | 'chain' | 'revocation' | 'errors' | 'warnings' | 'digestAlgorithm' | 'signatureAlgorithm'> {
  const path = result.path;
  return {
    indication: result.indication,
    subIndication: result.subIndication,
    signer: result.signerCertificate ? signerReport(result.signerCertificate) : null,
    claimedSigningTime: result.claimedSigningTime?.toISOString() ?? null,
    chain: path && path.path.length ? path.path.map(certificateRef) : result.signerCertificate ? [certificateRef(result.signerCertificate)] : [],
    revocation: { status: result.revocation, source: result.revocationSource },
    errors: reportMessages(result.errors, language),
    warnings: reportMessages(result.warnings, language),
    digestAlgorithm: result.digestAlgorithm,
    signatureAlgorithm: result.signatureAlgorithm?.name ?? null,
  };
}
