/**
 * The proof every request of the SİMA app carries (AZ-ESIGN.md §4): headers `ts-cert` (the person's certificate,
 * base64 DER), `ts-sign-alg: ECDSA_SHA256` and `ts-sign` (base64 ECDSA-SHA256 over the POST body, or over path+query
 * for a GET). Checked in this order, each failure with its own code: the signature with the certificate's key, then
 * the certificate's path to one of the service's anchors now, for document signing.
 */
import { webcrypto } from 'node:crypto';
import { ecdsaDerToP1363 } from '../../../core/crypto/ecdsa-encoding.js';
import { ImzalaError, isImzalaError } from '../../../core/errors.js';
import { Certificate } from '../../../core/pki/certificate.js';
import { validateCertificatePath } from '../../../core/pki/path-validation.js';
import { SIMA_CERTIFICATE_UNTRUSTED, SIMA_REQUEST_INVALID, SIMA_SIGNATURE_INVALID } from './codes.js';

export const TS_SIGN_ALGORITHM = 'ECDSA_SHA256';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A certificate is a few kB; the header is bounded well above that and far below any memory concern. */
const MAX_HEADER = 32 * 1024;

/** Request headers, names in lower case (as Node gives them): ts-cert, ts-sign-alg, ts-sign. */
export type AppRequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface AppRequestCheck {
  /** What the app signed: the exact body bytes, or the UTF-8 of path+query. */
  signed: Uint8Array;
  anchors: readonly Certificate[];
  /** CA certificates the service knows (the SİMA issuing CA and the PCA): the app sends only the person's certificate. */
  intermediates: readonly Certificate[];
  time: Date;
}

function header(headers: AppRequestHeaders, name: 'ts-cert' | 'ts-sign-alg' | 'ts-sign'): string {
  const value = headers[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HEADER) {
    throw new ImzalaError(SIMA_REQUEST_INVALID, `the SİMA request is malformed: header ${name} is missing`, { detail: `header ${name} is missing` });
  }
  return value.trim();
}

/**
 * The certificate of a SİMA app request whose ts-sign verifies and whose certificate is trusted now.
 * @throws ImzalaError SIMA_REQUEST_INVALID (headers missing or not base64, unknown ts-sign-alg, unreadable certificate),
 *   SIMA_SIGNATURE_INVALID, SIMA_CERTIFICATE_UNTRUSTED (details.reason: the path failure code)
 */
export async function checkAppRequest(headers: AppRequestHeaders, check: AppRequestCheck): Promise<Certificate> {
  const algorithm = header(headers, 'ts-sign-alg');
  if (algorithm !== TS_SIGN_ALGORITHM) {
    throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: ts-sign-alg must be ECDSA_SHA256', { detail: 'ts-sign-alg must be ECDSA_SHA256' });
  }
  const certText = header(headers, 'ts-cert');
  const signText = header(headers, 'ts-sign');
  if (!BASE64.test(certText) || !BASE64.test(signText)) {
    throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: ts-cert and ts-sign must be base64', { detail: 'ts-cert and ts-sign must be base64' });
  }
  let certificate: Certificate;
  try {
    certificate = Certificate.fromDer(new Uint8Array(Buffer.from(certText, 'base64')));
  } catch (e) {
    throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: ts-cert is not a certificate', { detail: isImzalaError(e) ? e.code : 'ts-cert is not a certificate' });
  }
  if (!(await signatureVerifies(certificate, new Uint8Array(Buffer.from(signText, 'base64')), check.signed))) {
    throw new ImzalaError(SIMA_SIGNATURE_INVALID, 'ts-sign does not verify with the key of ts-cert', {});
  }
  const path = await validateCertificatePath(certificate, {
    anchors: check.anchors,
    intermediates: check.intermediates,
    time: check.time,
    signerKeyUsage: 'document-signing',
  });
  if (!path.valid) throw new ImzalaError(SIMA_CERTIFICATE_UNTRUSTED, 'the SİMA certificate does not chain to a trusted anchor now', { reason: path.code });
  return certificate;
}

/** ECDSA P-256/SHA-256, the value as DER Ecdsa-Sig-Value or raw r||s (the app's exact form is not documented). */
async function signatureVerifies(certificate: Certificate, value: Uint8Array, data: Uint8Array): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await webcrypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    // Not a P-256 key: ECDSA_SHA256 as SİMA uses it cannot verify with it.
    return false;
  }
  let raw: Uint8Array | undefined;
  if (value[0] === 0x30) {
    try {
      raw = ecdsaDerToP1363(value, 32);
    } catch {
      // Not DER after all: a raw value may start with 0x30 too.
    }
  }
  if (!raw && value.length === 64) raw = value;
  if (!raw) return false;
  return webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, data);
}
