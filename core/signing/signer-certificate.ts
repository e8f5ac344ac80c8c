/**
 * Checks made before anything is signed, so a person is told at once instead of producing a signature that
 * every verifier will reject: the signing certificate must be readable, within its validity period at the
 * signing time, and allowed to sign documents (keyUsage nonRepudiation or digitalSignature, when present).
 */
import { ImzalaError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';

export function checkSignerCertificate(der: Uint8Array, signingTime: Date): Certificate {
  const cert = Certificate.fromDer(der);
  const details = { subject: cert.subject.toString(), notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString() };
  if (signingTime.getTime() > cert.notAfter.getTime()) {
    throw new ImzalaError('SIGNER_CERTIFICATE_EXPIRED', 'the signing certificate has expired', details);
  }
  if (signingTime.getTime() < cert.notBefore.getTime()) {
    throw new ImzalaError('SIGNER_CERTIFICATE_NOT_YET_VALID', 'the signing certificate is not valid yet', details);
  }
  if (cert.keyUsage && !cert.keyUsage.has('nonRepudiation') && !cert.keyUsage.has('digitalSignature')) {
    throw new ImzalaError('SIGNER_CERTIFICATE_NOT_FOR_SIGNING', 'the certificate is not meant for signatures', details);
  }
  return cert;
}
