/**
 * OCSP (RFC 6960) for one certificate: the request imzala sends, and the checks an answer must pass before it
 * says anything about the certificate.
 *
 * What is accepted, in order (the first failure is the code):
 * 1. A DER OCSPResponse with status successful and a BasicOCSPResponse (OCSP_MALFORMED, OCSP_RESPONSE_STATUS,
 *    OCSP_UNSUPPORTED).
 * 2. The responder (RFC 6960 §4.2.2.2): the certificate's issuer itself; or a certificate given in
 *    `anchors` (responders trusted by local configuration); or a delegated responder sent in the response,
 *    issued and signed by the issuer, carrying the EKU id-kp-OCSPSigning, valid when the response was
 *    produced, and without unknown critical extensions (OCSP_RESPONDER_NOT_AUTHORIZED). It is found by the
 *    responderID (name or SHA-1 key hash) (OCSP_RESPONDER_NOT_FOUND), and the BasicOCSPResponse signature
 *    must verify with its key through core/crypto (OCSP_SIGNATURE_INVALID; MD5 is refused). A delegated
 *    responder's own revocation status is not checked; whether it carries id-pkix-ocsp-nocheck (which says
 *    that no check is needed) is noted in the evidence.
 * 3. The nonce, when one was sent, comes back unchanged (OCSP_NONCE_MISMATCH): a replayed old answer fails.
 * 4. One SingleResponse names this certificate: CertID hash of the issuer's name and key with SHA-1/256/384/512,
 *    and the serial number (OCSP_CERT_ID_MISMATCH). No unknown critical extension (OCSP_UNSUPPORTED).
 * 5. Freshness at `time`, with CLOCK_SKEW_SECONDS of tolerance either way for clocks that disagree: an answer
 *    from before `time` must still be current (time <= nextUpdate; without nextUpdate, thisUpdate at most
 *    maxAgeSeconds old, default DEFAULT_OCSP_MAX_AGE_SECONDS). An answer from after `time` speaks for it too,
 *    as a later CRL does (a revocation is never undone), provided it was given while the certificate was
 *    still within its validity (responders may forget expired certificates). With `maxAgeSeconds` set
 *    explicitly, thisUpdate must also be at most that old at `time` (OCSP_NOT_CURRENT).
 * 6. The status: good; revoked at or before `time` (CERTIFICATE_REVOKED; a revocation after `time` leaves the
 *    status good with `revokedAfterTime`, as for CRLs); unknown (OCSP_CERT_STATUS_UNKNOWN).
 */
import { bytesEqual } from '../../encoding/bytes.js';
import { TAG } from '../../encoding/der-reader.js';
import { explicit, nullValue, octetString, oid, sequence, tlv } from '../../encoding/der-writer.js';
import { toHex } from '../../encoding/hex.js';
import { readWholeTlv } from '../../crypto/der-primitives.js';
import { digest, HASH_ALGORITHM_OIDS, HASH_OID_BY_ALGORITHM, type HashAlgorithm } from '../../crypto/hash.js';
import { signatureAlgorithmFromIdentifier } from '../../crypto/signature-algorithms.js';
import { verifySignature } from '../../crypto/verify-signature.js';
import type { Certificate } from '../certificate.js';
import { childrenWithTag, readOctetAlignedBitString } from '../der-values.js';
import type { RevocationReason } from '../extensions.js';
import { namesMatch } from '../name.js';
import {
  OCSP_NOCHECK_OID, OCSP_NONCE_OID, parseOcspResponse, type BasicOcspResponse, type CertId, type SingleResponse,
} from './ocsp-response.js';

/** id-kp-OCSPSigning (RFC 6960 §4.2.2.2). */
export const OCSP_SIGNING_EKU = '1.3.6.1.5.5.7.3.9';
/** Tolerance between the responder's clock and ours. */
export const CLOCK_SKEW_SECONDS = 5 * 60;
/** How old an answer without nextUpdate may be at `time` (RFC 6960 §2.4: such a responder always has newer data). */
export const DEFAULT_OCSP_MAX_AGE_SECONDS = 60 * 60;
/** Length of the nonce gatherRevocationData would send (RFC 8954: 1..32 octets; 32 is the recommended size). */
export const OCSP_NONCE_LENGTH = 32;
/** Hashes accepted in a response's CertID. */
const CERT_ID_HASHES: ReadonlySet<HashAlgorithm> = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

export type OcspFailureCode =
  | 'OCSP_MALFORMED'
  | 'OCSP_RESPONSE_STATUS'
  | 'OCSP_UNSUPPORTED'
  | 'OCSP_RESPONDER_NOT_FOUND'
  | 'OCSP_RESPONDER_NOT_AUTHORIZED'
  | 'OCSP_SIGNATURE_INVALID'
  | 'OCSP_NONCE_MISMATCH'
  | 'OCSP_CERT_ID_MISMATCH'
  | 'OCSP_NOT_CURRENT';

export interface OcspCheck {
  /** good / revoked / unknown: what an accepted answer says; failed: the answer could not be relied on. */
  status: 'good' | 'revoked' | 'unknown' | 'failed';
  code: null | 'CERTIFICATE_REVOKED' | 'OCSP_CERT_STATUS_UNKNOWN' | OcspFailureCode;
  /** What exactly failed or was found, for people and logs. */
  detail?: string;
  evidence: {
    /** The response checked, as received (for later embedding as validation data). */
    response: Uint8Array;
    /** The checked certificate's fingerprint. */
    certificateSha256: string;
    /** The fingerprint of the issuer the answer was checked against (path checks use it only with that issuer). */
    issuerSha256: string;
    producedAt?: Date;
    thisUpdate?: Date;
    nextUpdate?: Date;
    /** The certificate whose key signed the response. */
    responder?: Certificate;
    responderKind?: 'issuer' | 'delegated' | 'local';
    /** A delegated responder carrying id-pkix-ocsp-nocheck. */
    responderNoCheck?: boolean;
    /** The response is signed with SHA-1. */
    weakSignature?: boolean;
    revocationTime?: Date;
    reason?: RevocationReason;
    /** Set when the certificate was revoked, but only after `time`. */
    revokedAfterTime?: Date;
    /** The responseStatus name when it was not successful (tryLater, unauthorized, ...). */
    responseStatus?: string;
  };
}

export interface OcspCheckOptions {
  /** The moment the status is asked for (the signing time, or now). */
  time: Date;
  /** The nonce sent in the request; the response must carry the same. */
  nonce?: Uint8Array;
  /** Oldest acceptable thisUpdate, in seconds before `time` (see the file comment). */
  maxAgeSeconds?: number;
  /** Responder certificates trusted by local configuration. */
  anchors?: readonly Certificate[];
}

/** The issuer's subjectPublicKey BIT STRING value: what CertID.issuerKeyHash and ResponderID byKey hash. */
function subjectPublicKeyBits(cert: Certificate): Uint8Array {
  const spki = cert.subjectPublicKeyInfo;
  const [, keyTlv] = childrenWithTag(spki, readWholeTlv(spki), TAG.SEQUENCE, 'SubjectPublicKeyInfo', 2);
  return readOctetAlignedBitString(spki, keyTlv, 'subjectPublicKey');
}

function certIdFor(cert: Certificate, issuer: Certificate, hash: HashAlgorithm): Omit<CertId, 'hashAlgorithm'> {
  return {
    issuerNameHash: digest(hash, cert.issuer.der),
    issuerKeyHash: digest(hash, subjectPublicKeyBits(issuer)),
    serialNumberHex: cert.serialNumberHex,
  };
}

/**
 * The DER OCSPRequest for `cert` (issued by `issuer`): one Request with a SHA-1 CertID (the hash every
 * responder supports, RFC 5019 §2.1.1; it only identifies the certificate) and, when given, the nonce
 * extension (RFC 8954). Unsigned, as responders expect.
 */
export function buildOcspRequest(cert: Certificate, issuer: Certificate, nonce?: Uint8Array): Uint8Array {
  const id = certIdFor(cert, issuer, 'SHA-1');
  const certId = sequence(
    sequence(oid(HASH_OID_BY_ALGORITHM['SHA-1']), nullValue()),
    octetString(id.issuerNameHash),
    octetString(id.issuerKeyHash),
    tlv(TAG.INTEGER, cert.serialNumber),
  );
  const parts = [sequence(sequence(certId))];
  if (nonce) {
    if (nonce.length < 1 || nonce.length > 32) throw new RangeError('an OCSP nonce has 1 to 32 octets (RFC 8954)');
    parts.push(explicit(2, sequence(sequence(oid(OCSP_NONCE_OID), octetString(octetString(nonce))))));
  }
  return sequence(sequence(...parts));
}

type Evidence = OcspCheck['evidence'];

class OcspFailure extends Error {
  constructor(readonly code: OcspFailureCode, readonly detail: string) {
    super(code);
  }
}

/**
 * Checks an OCSP response `der` about `cert` (issued by `issuer`) at `opts.time` (see the file comment).
 * Never throws: every failure is a status 'failed' with its code, detail and the evidence gathered so far.
 */
export async function checkOcspResponse(der: Uint8Array, cert: Certificate, issuer: Certificate, opts: OcspCheckOptions): Promise<OcspCheck> {
  const evidence: Evidence = { response: der, certificateSha256: cert.sha256, issuerSha256: issuer.sha256 };
  try {
    return await check(der, cert, issuer, opts, evidence);
  } catch (e) {
    if (e instanceof OcspFailure) return { status: 'failed', code: e.code, detail: e.detail, evidence };
    // A certificate in `certs` that cannot be read, or anything unexpected: the answer is not relied on.
    return { status: 'failed', code: 'OCSP_MALFORMED', detail: e instanceof Error ? e.message : String(e), evidence };
  }
}

async function check(der: Uint8Array, cert: Certificate, issuer: Certificate, opts: OcspCheckOptions, evidence: Evidence): Promise<OcspCheck> {
  let parsed;
  try {
    parsed = parseOcspResponse(der);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new OcspFailure(message.startsWith('unsupported response type') ? 'OCSP_UNSUPPORTED' : 'OCSP_MALFORMED', message);
  }
  if (!('basic' in parsed)) {
    evidence.responseStatus = parsed.status;
    throw new OcspFailure('OCSP_RESPONSE_STATUS', `the responder answered ${parsed.status} (${parsed.statusCode})`);
  }
  const basic = parsed.basic;
  evidence.producedAt = basic.producedAt;

  await checkResponder(basic, issuer, opts, evidence);

  if (opts.nonce) {
    if (!basic.nonce) throw new OcspFailure('OCSP_NONCE_MISMATCH', 'a nonce was sent but the response carries none');
    if (!bytesEqual(basic.nonce, opts.nonce)) {
      throw new OcspFailure('OCSP_NONCE_MISMATCH', `the response nonce ${toHex(basic.nonce)} is not the one sent (${toHex(opts.nonce)})`);
    }
  }

  const single = basic.responses.find((r) => certIdMatches(r.certId, cert, issuer));
  if (!single) throw new OcspFailure('OCSP_CERT_ID_MISMATCH', `none of the ${basic.responses.length} answers is about serial ${cert.serialNumberHex} of ${cert.issuer.toString()}`);
  evidence.thisUpdate = single.thisUpdate;
  if (single.nextUpdate) evidence.nextUpdate = single.nextUpdate;
  const unknown = [...basic.unknownCritical, ...single.unknownCritical];
  if (unknown.length) throw new OcspFailure('OCSP_UNSUPPORTED', `unknown critical extension ${unknown.join(', ')}`);

  checkFreshness(single, cert, opts);
  return statusOf(single, opts.time, evidence);
}

function certIdMatches(id: CertId, cert: Certificate, issuer: Certificate): boolean {
  const hash = HASH_ALGORITHM_OIDS[id.hashAlgorithm];
  if (!hash || !CERT_ID_HASHES.has(hash)) return false;
  if (id.serialNumberHex !== cert.serialNumberHex) return false;
  const expected = certIdFor(cert, issuer, hash);
  return bytesEqual(id.issuerNameHash, expected.issuerNameHash) && bytesEqual(id.issuerKeyHash, expected.issuerKeyHash);
}

function responderIdMatches(basic: BasicOcspResponse, candidate: Certificate): boolean {
  const id = basic.responderId;
  if ('byName' in id) return namesMatch(id.byName, candidate.subject);
  return bytesEqual(id.byKey, digest('SHA-1', subjectPublicKeyBits(candidate)));
}

/** Finds the responder (issuer, local anchor, delegated), checks its authority, then the response signature. */
async function checkResponder(basic: BasicOcspResponse, issuer: Certificate, opts: OcspCheckOptions, evidence: Evidence): Promise<void> {
  let responder: Certificate | undefined;
  if (responderIdMatches(basic, issuer)) {
    responder = issuer;
    evidence.responderKind = 'issuer';
  } else if ((responder = (opts.anchors ?? []).find((a) => responderIdMatches(basic, a)))) {
    evidence.responderKind = 'local';
    if (!responder.isValidAt(basic.producedAt)) {
      throw new OcspFailure('OCSP_RESPONDER_NOT_AUTHORIZED', `the locally trusted responder certificate was not valid when the response was produced (${basic.producedAt.toISOString()})`);
    }
  } else if ((responder = basic.certs.find((c) => responderIdMatches(basic, c)))) {
    evidence.responderKind = 'delegated';
    evidence.responder = responder;
    evidence.responderNoCheck = responder.extension(OCSP_NOCHECK_OID) !== undefined;
    await checkDelegation(responder, issuer, basic.producedAt);
  } else {
    throw new OcspFailure('OCSP_RESPONDER_NOT_FOUND', 'the response is signed by neither the issuer nor a responder certificate it names or carries');
  }
  evidence.responder = responder;

  let algorithm;
  try {
    algorithm = signatureAlgorithmFromIdentifier(basic.signatureAlgorithm);
  } catch {
    throw new OcspFailure('OCSP_SIGNATURE_INVALID', `signature algorithm ${basic.signatureAlgorithm.oid} is not supported`);
  }
  if (algorithm.hash === 'MD5') throw new OcspFailure('OCSP_SIGNATURE_INVALID', 'the response is signed with MD5');
  const result = await verifySignature({ publicKeyInfo: responder.subjectPublicKeyInfo, algorithm, data: basic.tbsResponseData, signature: basic.signature });
  if (!result.valid) {
    throw new OcspFailure('OCSP_SIGNATURE_INVALID', `the response signature does not verify with the key of ${responder.subject.toString()} (${result.code})`);
  }
  if (algorithm.hash === 'SHA-1') evidence.weakSignature = true;
}

/** RFC 6960 §4.2.2.2: a delegated responder is issued directly by the CA and carries id-kp-OCSPSigning. */
async function checkDelegation(responder: Certificate, issuer: Certificate, producedAt: Date): Promise<void> {
  const refuse = (detail: string) => {
    throw new OcspFailure('OCSP_RESPONDER_NOT_AUTHORIZED', detail);
  };
  if (!namesMatch(responder.issuer, issuer.subject)) refuse(`the responder certificate is issued by ${responder.issuer.toString()}, not by the certificate's issuer`);
  if (!responder.extendedKeyUsage?.includes(OCSP_SIGNING_EKU)) refuse('the responder certificate does not carry the extended key usage id-kp-OCSPSigning');
  if (responder.keyUsage && !responder.keyUsage.has('digitalSignature') && !responder.keyUsage.has('nonRepudiation')) {
    refuse('the responder certificate key usage allows no signatures');
  }
  if (responder.unknownCriticalExtensions.length) refuse(`the responder certificate has unknown critical extension ${responder.unknownCriticalExtensions.join(', ')}`);
  if (!responder.isValidAt(producedAt)) refuse(`the responder certificate was not valid when the response was produced (${producedAt.toISOString()})`);
  let algorithm;
  try {
    algorithm = signatureAlgorithmFromIdentifier(responder.signatureAlgorithm);
  } catch {
    return refuse(`the responder certificate's signature algorithm ${responder.signatureAlgorithm.oid} is not supported`);
  }
  const signed = await verifySignature({ publicKeyInfo: issuer.subjectPublicKeyInfo, algorithm, data: responder.tbs, signature: responder.signatureValue });
  if (!signed.valid || algorithm.hash === 'MD5') refuse('the responder certificate is not signed by the certificate\'s issuer');
}

function checkFreshness(single: SingleResponse, cert: Certificate, opts: OcspCheckOptions): void {
  const t = opts.time.getTime();
  const skew = CLOCK_SKEW_SECONDS * 1000;
  const thisUpdate = single.thisUpdate.getTime();
  const stale = (detail: string) => {
    throw new OcspFailure('OCSP_NOT_CURRENT', `${detail} (thisUpdate ${single.thisUpdate.toISOString()}, nextUpdate ${single.nextUpdate?.toISOString() ?? 'absent'}, time ${opts.time.toISOString()})`);
  };
  if (opts.maxAgeSeconds !== undefined && t - thisUpdate > opts.maxAgeSeconds * 1000 + skew) stale(`the answer is older than ${opts.maxAgeSeconds} s`);
  if (thisUpdate > t + skew) {
    // A later answer: it speaks for `time` while the responder still kept the certificate's status.
    if (thisUpdate > cert.notAfter.getTime() + skew) stale('the answer was given after the certificate expired');
    return;
  }
  if (single.nextUpdate) {
    if (t > single.nextUpdate.getTime() + skew) stale('the answer had expired at the validation time');
    return;
  }
  if (t - thisUpdate > DEFAULT_OCSP_MAX_AGE_SECONDS * 1000 + skew) stale(`the answer has no nextUpdate and is older than ${DEFAULT_OCSP_MAX_AGE_SECONDS} s`);
}

function statusOf(single: SingleResponse, time: Date, evidence: Evidence): OcspCheck {
  const status = single.status;
  if (status.kind === 'good') return { status: 'good', code: null, evidence };
  if (status.kind === 'unknown') return { status: 'unknown', code: 'OCSP_CERT_STATUS_UNKNOWN', detail: 'the responder does not know the certificate', evidence };
  if (status.reason) evidence.reason = status.reason;
  // certificateHold counts as revoked while the responder says so; removeFromCRL never appears in OCSP.
  if (status.revocationTime.getTime() <= time.getTime()) {
    evidence.revocationTime = status.revocationTime;
    const reason = status.reason ? ` (${status.reason})` : '';
    return { status: 'revoked', code: 'CERTIFICATE_REVOKED', detail: `revoked at ${status.revocationTime.toISOString()}${reason}`, evidence };
  }
  evidence.revokedAfterTime = status.revocationTime;
  return { status: 'good', code: null, detail: `revoked at ${status.revocationTime.toISOString()}, after the validation time`, evidence };
}

