/**
 * Verification of an RFC 3161 TimeStampToken: a CMS SignedData whose encapsulated content is a TSTInfo.
 *
 * Checks, as guard clauses, each failure a named code with its evidence (the first is `code`):
 * 1. the token is a SignedData with eContentType id-ct-TSTInfo, exactly one signer, and a DER TSTInfo;
 * 2. the CMS signature, through the same verification as document signatures (core/cms: messageDigest over
 *    the TSTInfo, signature value, signing certificate identified and matching its ESS reference);
 * 3. the messageImprint: a known, strong hash, and equal to the digest of the data the caller expects
 *    (the SignerInfo's signature value for a signature timestamp, the ByteRange for a document timestamp);
 * 4. the nonce, when the caller sent one;
 * 5. the TSA certificate: an ESS signingCertificate(V2) reference (RFC 3161 §2.4.2, RFC 5816), the extended key
 *    usage id-kp-timeStamping as its only purpose and critical (RFC 3161 §2.3), the TSTInfo `tsa` name when
 *    present is one of its names, genTime inside its validity period;
 * 6. the TSA's certificate path to the anchors, at `input.time`.
 *
 * Which time the TSA's chain is validated at: `input.time`, the validation time (now, or the `--at` a user asks
 * for), not genTime. ETSI EN 319 102-1 validates a time-stamp token with the same X.509 certificate validation
 * building block as a signature, at the current time (§5.2.6, §5.4): a TSA key revoked after a compromise
 * must not keep vouching for tokens that could have been back-dated with it. A TSA certificate that expired
 * since is OUT_OF_BOUNDS_NO_POE (TSP_TSA_CERTIFICATE_EXPIRED) unless the caller holds a later proof of existence
 * of the token (an archive or document timestamp covering it) and passes that proof's time as `input.time` —
 * the past signature validation of EN 319 102-1 §5.6.2.4. genTime itself must lie in the TSA certificate's
 * validity period (a token cannot be made by a certificate that was not valid), and not after `input.time`.
 */
import { digestOfBytes, verifyCmsSignatures, type CmsSignerVerification, type RevocationPolicy } from '../cms/verify-signed-data.js';
import { OID } from '../cms/oids.js';
import { parseSignedData, type ParsedSignedData } from '../cms/parse-signed-data.js';
import { isWeakHash, type HashAlgorithm } from '../crypto/hash.js';
import { bytesEqual } from '../encoding/bytes.js';
import { toHex } from '../encoding/hex.js';
import { ImzalaError, isImzalaError } from '../errors.js';
import type { Certificate } from '../pki/certificate.js';
import type { Crl } from '../pki/crl.js';
import { EXTENSION_OIDS } from '../pki/extensions.js';
import { generalNameToString, type GeneralName } from '../pki/general-name.js';
import { namesMatch } from '../pki/name.js';
import type { PathValidationResult } from '../pki/path-validation.js';
import type { Finding, SubIndication } from '../report/indications.js';
import { parseTstInfo, type TstInfo } from './tst-info.js';

/** id-kp-timeStamping (RFC 3161 §2.3, RFC 5280 §4.2.1.12). */
export const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

export interface TimestampVerifyInput {
  /** The digest, with the token's hash algorithm, of the data the token must cover. */
  imprintOf(hash: HashAlgorithm): Promise<Uint8Array> | Uint8Array;
  /** Trust anchors for the TSA's certificate. */
  anchors: readonly Certificate[];
  /** The time the TSA's chain is validated at (see the module comment). */
  time: Date;
  /** The nonce of the request, when the caller made it (a fresh token from a TSA). */
  expectedNonce?: Uint8Array;
  /** Untrusted certificates that may complete the TSA's path (e.g. from a PDF's DSS). */
  intermediates?: readonly Certificate[];
  /** Revocation lists for the TSA's path (embedded ones are used too). */
  crls?: readonly Crl[];
  /** OCSP / CRL fetching for the TSA's path, as for signatures (core/cms). */
  revocation?: RevocationPolicy;
}

export interface TimestampVerification {
  valid: boolean;
  /** The first failure, null when valid. */
  code: string | null;
  errors: Finding[];
  warnings: Finding[];
  /** genTime: the time the TSA vouches for. */
  time: Date | null;
  /** genTime's accuracy in milliseconds, when the TSA states it. */
  accuracyMs: number | null;
  /** The TSA certificate's subject, else the TSTInfo's tsa name. */
  tsa: string | null;
  tsaCertificate: Certificate | null;
  imprintMatches: boolean;
  hash: HashAlgorithm | null;
  /** Hex of the token's serial number. */
  serialNumber: string | null;
  policy: string | null;
  /** Hex of the token's nonce, when it has one. */
  nonce?: string;
  path: PathValidationResult | null;
  /** The CMS verification of the token's signature (evidence: algorithms, ESS reference, path warnings). */
  cms: CmsSignerVerification | null;
  tstInfo: TstInfo | null;
}

/** How the CMS verifier's sub-indications for the token's SignerInfo map onto timestamp codes. */
const CMS_FAILURE_CODES: Readonly<Partial<Record<SubIndication, string>>> = {
  FORMAT_FAILURE: 'TSP_MALFORMED',
  HASH_FAILURE: 'TSP_SIGNATURE_INVALID',
  SIG_CRYPTO_FAILURE: 'TSP_SIGNATURE_INVALID',
  NO_SIGNING_CERTIFICATE_FOUND: 'TSP_TSA_CERTIFICATE_NOT_FOUND',
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: 'TSP_WEAK_ALGORITHM',
  REVOKED: 'TSP_TSA_CERTIFICATE_REVOKED',
  REVOKED_NO_POE: 'TSP_TSA_CERTIFICATE_REVOKED',
  NO_CERTIFICATE_CHAIN_FOUND: 'TSP_TSA_UNTRUSTED',
  OUT_OF_BOUNDS_NO_POE: 'TSP_TSA_CERTIFICATE_EXPIRED',
  NOT_YET_VALID: 'TSP_TSA_CERTIFICATE_NOT_YET_VALID',
  TRY_LATER: 'TSP_TSA_REVOCATION_UNKNOWN',
};

/** Sub-indications that are about the token's own bytes; the rest are about the TSA certificate and its path. */
const SIGNATURE_SUB_INDICATIONS: ReadonlySet<SubIndication> = new Set(['FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);

/** Hex of an unsigned big-endian number without leading zero octets (how nonces are compared). */
function magnitudeHex(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return toHex(bytes.subarray(start));
}

function sameGeneralName(a: GeneralName, b: GeneralName): boolean {
  if (a.type === 'directoryName' && b.type === 'directoryName') return namesMatch(a.value, b.value);
  return a.type === b.type && generalNameToString(a) === generalNameToString(b);
}

/** RFC 3161 §2.4.2: when present, `tsa` MUST correspond to one of the subject names of the TSA certificate. */
function tsaNameMatches(tsa: GeneralName, certificate: Certificate): boolean {
  if (tsa.type === 'directoryName' && namesMatch(tsa.value, certificate.subject)) return true;
  return certificate.subjectAltNames.some((name) => sameGeneralName(tsa, name));
}

/**
 * Reads a token's SignedData and TSTInfo without verifying anything (a TSA client checks the nonce and imprint
 * of a fresh token with it before verifying).
 * @throws ImzalaError TSP_NOT_TSTINFO, TSP_MALFORMED, or the CMS_* code of a blob that is not a SignedData.
 */
export function readTimestampToken(token: Uint8Array): { signedData: ParsedSignedData; tstInfo: TstInfo } {
  const signedData = parseSignedData(token);
  if (signedData.eContentType !== OID.tstInfo) {
    throw new ImzalaError('TSP_NOT_TSTINFO', 'the token does not hold a TSTInfo', { contentType: signedData.eContentType });
  }
  if (!signedData.eContent) throw new ImzalaError('TSP_MALFORMED', 'the timestamp is malformed: no TSTInfo', { reason: 'no TSTInfo' });
  if (signedData.signerInfos.length !== 1) {
    const reason = `${signedData.signerInfos.length} signers, RFC 3161 wants one`;
    throw new ImzalaError('TSP_MALFORMED', `the timestamp is malformed: ${reason}`, { reason });
  }
  return { signedData, tstInfo: parseTstInfo(signedData.eContent) };
}

/**
 * Verifies a TimeStampToken (see the module comment for what is checked and at which time).
 * Never throws for bad input: every problem is a code in the result.
 */
export async function verifyTimestampToken(token: Uint8Array, input: TimestampVerifyInput): Promise<TimestampVerification> {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const result: TimestampVerification = {
    valid: false, code: null, errors, warnings, time: null, accuracyMs: null, tsa: null, tsaCertificate: null,
    imprintMatches: false, hash: null, serialNumber: null, policy: null, path: null, cms: null, tstInfo: null,
  };
  const fail = (code: string, details?: Record<string, unknown>) => errors.push(details ? { code, details } : { code });
  const finish = (): TimestampVerification => {
    result.valid = errors.length === 0;
    result.code = errors[0]?.code ?? null;
    return result;
  };

  // 1. Structure.
  let signedData: ParsedSignedData;
  let tstInfo: TstInfo;
  try {
    ({ signedData, tstInfo } = readTimestampToken(token));
  } catch (e) {
    if (!isImzalaError(e)) throw e;
    fail(e.code.startsWith('TSP_') ? e.code : 'TSP_MALFORMED', { cause: e.code, reason: e.details.reason ?? e.message });
    return finish();
  }
  result.tstInfo = tstInfo;
  result.time = tstInfo.genTime;
  result.accuracyMs = tstInfo.accuracyMs;
  result.hash = tstInfo.hash;
  result.serialNumber = tstInfo.serialNumber;
  result.policy = tstInfo.policy;
  if (tstInfo.nonce !== null) result.nonce = tstInfo.nonce;
  if (tstInfo.tsa) result.tsa = generalNameToString(tstInfo.tsa);

  // 2. The CMS signature over the TSTInfo, and the TSA's path at the validation time.
  const cms = (await verifyCmsSignatures(signedData, {
    anchors: input.anchors,
    time: input.time,
    digestContent: digestOfBytes(signedData.eContent!),
    // Revocation after genTime is then REVOKED_NO_POE, before it REVOKED (the token's own signingTime, if any, wins).
    claimedSigningTime: tstInfo.genTime,
    extraCertificates: [...(input.intermediates ?? [])],
    crls: [...(input.crls ?? [])],
    ...(input.revocation ? { revocation: input.revocation } : {}),
  })).signers[0]!;
  result.cms = cms;
  result.path = cms.path;
  const tsaCertificate = cms.signerCertificate;
  result.tsaCertificate = tsaCertificate;
  if (tsaCertificate) result.tsa = tsaCertificate.subject.toString();
  for (const w of cms.warnings) warnings.push(w);
  const cmsCode = cms.subIndication && (CMS_FAILURE_CODES[cms.subIndication] ?? 'TSP_TSA_CERTIFICATE_INVALID');
  const cmsDetails = { cause: cms.errors[0]?.code, ...(cms.errors[0]?.details ?? {}) };
  // A bad signature or a broken token is the first thing to say: nothing else in it can be believed.
  if (cmsCode && cms.subIndication && SIGNATURE_SUB_INDICATIONS.has(cms.subIndication)) fail(cmsCode, cmsDetails);

  // 3. The message imprint.
  if (!tstInfo.hash) {
    fail('TSP_UNSUPPORTED_ALGORITHM', { oid: tstInfo.hashOid });
  } else {
    const expected = await input.imprintOf(tstInfo.hash);
    result.imprintMatches = bytesEqual(expected, tstInfo.hashedMessage);
    if (!result.imprintMatches) {
      fail('TSP_IMPRINT_MISMATCH', { hash: tstInfo.hash, stamped: toHex(tstInfo.hashedMessage), computed: toHex(expected) });
    }
    // With a collision-prone hash the token could be moved onto other data: it proves nothing.
    if (isWeakHash(tstInfo.hash)) fail('TSP_WEAK_ALGORITHM', { algorithm: tstInfo.hash });
  }

  // 4. The nonce of our own request.
  if (input.expectedNonce && tstInfo.nonce !== magnitudeHex(input.expectedNonce)) {
    fail('TSP_NONCE_MISMATCH', { sent: magnitudeHex(input.expectedNonce), received: tstInfo.nonce });
  }

  // 5. The TSA certificate.
  if (cmsCode && cms.subIndication === 'NO_SIGNING_CERTIFICATE_FOUND') fail(cmsCode, cmsDetails);
  if (tsaCertificate) {
    if (cms.signingCertificateReference === 'absent') fail('TSP_SIGNING_CERTIFICATE_MISSING');
    const eku = tsaCertificate.extensions.find((e) => e.oid === EXTENSION_OIDS.extKeyUsage);
    const purposes = tsaCertificate.extendedKeyUsage ?? [];
    if (!eku || !eku.critical || purposes.length !== 1 || purposes[0] !== TIME_STAMPING_EKU) {
      fail('TSP_TSA_NOT_TIMESTAMPING', { subject: tsaCertificate.subject.toString(), extendedKeyUsage: purposes, critical: eku?.critical ?? false });
    }
    if (tstInfo.tsa && !tsaNameMatches(tstInfo.tsa, tsaCertificate)) {
      fail('TSP_TSA_NAME_MISMATCH', { tsa: generalNameToString(tstInfo.tsa), subject: tsaCertificate.subject.toString() });
    }
    const gen = tstInfo.genTime.getTime();
    if (gen < tsaCertificate.notBefore.getTime() || gen > tsaCertificate.notAfter.getTime()) {
      fail('TSP_GENTIME_OUTSIDE_TSA_VALIDITY', {
        genTime: tstInfo.genTime.toISOString(), notBefore: tsaCertificate.notBefore.toISOString(), notAfter: tsaCertificate.notAfter.toISOString(),
      });
    }
  }
  if (tstInfo.genTime.getTime() - (tstInfo.accuracyMs ?? 0) > input.time.getTime()) {
    fail('TSP_GENTIME_AFTER_VALIDATION_TIME', { genTime: tstInfo.genTime.toISOString(), time: input.time.toISOString() });
  }

  // 6. The TSA's path (the CMS verifier validated it at input.time).
  if (cmsCode && cms.subIndication && !SIGNATURE_SUB_INDICATIONS.has(cms.subIndication) && cms.subIndication !== 'NO_SIGNING_CERTIFICATE_FOUND') {
    fail(cmsCode, cmsDetails);
  }
  return finish();
}
