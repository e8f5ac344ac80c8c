/**
 * The mobile-signature provider interface the service signs through (ASAN İmza: AZ-ESIGN.md §2). The real
 * provider's API is not public, so this models it as an asynchronous session, the way public mobile-ID services
 * work: fetch the signer's certificate, start a session with the digest (the phone shows a 4-digit verification
 * code that the page shows too), poll until the phone answers, or cancel.
 */
import { subjectPublicKeyInfoOf } from '../../core/cms/build-signed-data.js';
import { describePublicKey } from '../../core/crypto/public-key.js';
import { ecdsaAlgorithm, rsaPkcs1Algorithm, type SignatureAlgorithm } from '../../core/crypto/signature-algorithms.js';
import { ImzalaError } from '../../core/errors.js';
import { LANGUAGES, type Language } from '../../core/report/message-types.js';
import {
  PROVIDER_DIGEST_INVALID,
  PROVIDER_PHONE_INVALID,
  PROVIDER_REQUEST_INVALID,
  PROVIDER_USER_ID_INVALID,
  type MobileSignatureFailure,
} from './codes.js';

export type MobileSignatureDigestAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface MobileSignatureRequest {
  /** +994XXXXXXXXX (normalise what people type with `normalizePhoneNumber`). */
  phone: string;
  /** The ASAN user ID: 6 digits. */
  userId: string;
  /**
   * The value the phone signs as a pre-hashed value: the digest of the CMS signed attributes. The signature is
   * RSA PKCS#1 v1.5 (DigestInfo around this digest) or ECDSA, as the certificate's key dictates.
   */
  digest: Uint8Array;
  digestAlgorithm: MobileSignatureDigestAlgorithm;
  /** Shown on the phone so the person knows what they sign. */
  documentName: string;
  language: Language;
}

export interface MobileSignatureSession {
  id: string;
  /** 4 digits, derived from the digest (`verificationCode`): the page and the phone show the same one. */
  verificationCode: string;
  /** ISO 8601; after it the session ends as TIMEOUT. */
  expiresAt: string;
}

export type MobileSignatureState =
  | { status: 'pending' }
  | {
      status: 'ok';
      /** RSA: k octets; ECDSA: DER Ecdsa-Sig-Value (CMS form). */
      signature: Uint8Array;
      certificate: Uint8Array;
      chain: Uint8Array[];
    }
  | { status: MobileSignatureFailure };

export interface MobileSignatureProvider {
  readonly name: string;
  /** True for the simulator: pages and logs must say so, and the simulator control exists only then. */
  readonly simulated: boolean;
  /**
   * The signer's certificate for phone + user ID (ASAN: fetched before signing, so the server can prepare the CMS).
   * @throws ImzalaError MOBILE_SIGNATURE_CERT_NOT_FOUND | MOBILE_SIGNATURE_SERVICE_UNAVAILABLE | PROVIDER_NOT_CONFIGURED
   *   | PROVIDER_PHONE_INVALID | PROVIDER_USER_ID_INVALID
   */
  certificate(phone: string, userId: string): Promise<{ certificate: Uint8Array; chain: Uint8Array[] }>;
  /**
   * Starts a session: the phone now asks the person to compare the code and enter PIN2.
   * @throws ImzalaError MOBILE_SIGNATURE_<failure> when the service refuses at once (suspended or expired
   *   certificate, unknown user, service down), or a PROVIDER_* validation code.
   */
  start(req: MobileSignatureRequest): Promise<MobileSignatureSession>;
  /** @throws ImzalaError PROVIDER_SESSION_UNKNOWN */
  poll(sessionId: string): Promise<MobileSignatureState>;
  /** Ends a pending session as USER_CANCEL; a finished session stays as it is. @throws PROVIDER_SESSION_UNKNOWN */
  cancel(sessionId: string): Promise<void>;
}

export const DIGEST_SIZES: Readonly<Record<MobileSignatureDigestAlgorithm, number>> = {
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

/** Longest document name passed to the phone (the screen shows far less; this bounds memory and logs). */
export const MAX_DOCUMENT_NAME_LENGTH = 200;

/**
 * The phone number in the form the service uses, +994 and 9 digits. Accepts what people type: +994 50 123 45 67,
 * 994501234567, 050 123 45 67, (050) 123-45-67.
 * @throws ImzalaError PROVIDER_PHONE_INVALID
 */
export function normalizePhoneNumber(input: string): string {
  if (typeof input !== 'string' || input.length > 40) {
    throw new ImzalaError(PROVIDER_PHONE_INVALID, 'the phone number is not valid', { phone: String(input).slice(0, 40) });
  }
  const compact = input.trim().replace(/[\s\-().]/g, '');
  const national = /^(?:\+994|994|0)(\d{9})$/.exec(compact)?.[1];
  // An Azerbaijani subscriber number never starts with 0 (that is the trunk prefix, as in 0 50 ...).
  if (!national || national.startsWith('0')) {
    throw new ImzalaError(PROVIDER_PHONE_INVALID, `the phone number is not valid: ${input}`, { phone: input });
  }
  return `+994${national}`;
}

/**
 * The ASAN user ID, checked: 6 digits (surrounding spaces dropped).
 * @throws ImzalaError PROVIDER_USER_ID_INVALID
 */
export function normalizeUserId(input: string): string {
  const trimmed = typeof input === 'string' ? input.trim() : '';
  if (!/^\d{6}$/.test(trimmed)) {
    throw new ImzalaError(PROVIDER_USER_ID_INVALID, 'the ASAN user ID must be 6 digits', {});
  }
  return trimmed;
}

/**
 * A request checked field by field, phone and user ID normalised. Every provider calls this first, so the real
 * and the simulated one refuse the same things.
 * @throws ImzalaError PROVIDER_PHONE_INVALID | PROVIDER_USER_ID_INVALID | PROVIDER_DIGEST_INVALID | PROVIDER_REQUEST_INVALID
 */
export function checkMobileSignatureRequest(req: MobileSignatureRequest): MobileSignatureRequest {
  if (!req || typeof req !== 'object') throw requestInvalid('no request');
  const phone = normalizePhoneNumber(req.phone);
  const userId = normalizeUserId(req.userId);
  const size = DIGEST_SIZES[req.digestAlgorithm];
  if (size === undefined || !Object.hasOwn(DIGEST_SIZES, req.digestAlgorithm)) {
    throw new ImzalaError(PROVIDER_DIGEST_INVALID, 'unsupported digest algorithm', { reason: `unsupported algorithm ${String(req.digestAlgorithm)}` });
  }
  if (!(req.digest instanceof Uint8Array) || req.digest.length !== size) {
    const length = req.digest instanceof Uint8Array ? req.digest.length : 'none';
    throw new ImzalaError(PROVIDER_DIGEST_INVALID, 'the digest length does not fit its algorithm', {
      reason: `${req.digestAlgorithm} needs ${size} bytes, got ${length}`,
    });
  }
  if (typeof req.documentName !== 'string' || req.documentName.trim() === '' || req.documentName.length > MAX_DOCUMENT_NAME_LENGTH) {
    throw requestInvalid(`the document name must be 1..${MAX_DOCUMENT_NAME_LENGTH} characters`);
  }
  // The name reaches the phone's screen, log lines and the simulator's terminal: no control characters.
  if (/[\u0000-\u001f\u007f]/.test(req.documentName)) throw requestInvalid('the document name contains control characters');
  if (!LANGUAGES.includes(req.language)) throw requestInvalid('the language must be az, en or ru');
  return { ...req, phone, userId, digest: new Uint8Array(req.digest) };
}

function requestInvalid(reason: string): ImzalaError {
  return new ImzalaError(PROVIDER_REQUEST_INVALID, `the mobile-signature request is not valid: ${reason}`, { reason });
}

/**
 * The 4-digit verification code shown on the page and on the phone.
 *
 * ASSUMPTION: ASAN İmza's rule is not public. This uses the published rule of the Estonian Mobile-ID service
 * (SK ID Solutions, MID REST API: "6 bits from the beginning of the hash and 7 bits from the end of the hash", the
 * 13-bit number in decimal, zero-padded to 4 digits), as the state's own apps compute it, e.g.
 * open-eid/MOPP-iOS SkSigningLib/Utilities/ControlCode.swift and
 * RIA-DigiDoc-Android mobile-id-lib/.../VerificationCodeUtil.kt: `((0xFC & hash[0]) << 5) | (hash[last] & 0x7F)`.
 * 13 bits are at most 8191, so the result always has 4 digits. (Smart-ID uses another rule: SHA-256 of the hash,
 * last two bytes mod 10000.) When the real rule is known, only this function changes.
 */
export function verificationCode(digest: Uint8Array): string {
  if (!(digest instanceof Uint8Array) || digest.length === 0) {
    throw new ImzalaError(PROVIDER_DIGEST_INVALID, 'no digest', { reason: 'empty digest' });
  }
  const code = ((digest[0]! & 0xfc) << 5) | (digest[digest.length - 1]! & 0x7f);
  return String(code).padStart(4, '0');
}

/**
 * The signature algorithm of a mobile signature with this certificate, for the CMS the server builds around it:
 * RSA PKCS#1 v1.5 or ECDSA, with the session's digest algorithm (a SIM card signs with the key it has).
 */
export function mobileSignatureAlgorithm(certificate: Uint8Array, hash: MobileSignatureDigestAlgorithm): SignatureAlgorithm {
  return describePublicKey(subjectPublicKeyInfoOf(certificate)).type === 'EC' ? ecdsaAlgorithm(hash) : rsaPkcs1Algorithm(hash);
}
