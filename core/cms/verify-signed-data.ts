/**
 * Verification of CMS SignedData signatures (CAdES / PKCS#7 detached, as in .p7s files and PDF /Contents),
 * in the order of ETSI EN 319 102-1 basic validation: format, signing certificate identification,
 * message digest, cryptographic signature, then the X.509 path at the validation time. Every check leaves
 * evidence; the result carries an ETSI indication and the codes that led to it.
 */
import * as asn1js from 'asn1js';
import { createHasher, digest, HASH_ALGORITHM_OIDS, isWeakHash, type HashAlgorithm } from '../crypto/hash.js';
import {
  isWeakSignatureAlgorithm, signatureAlgorithmFromIdentifier, type SignatureAlgorithm,
} from '../crypto/signature-algorithms.js';
import { verifySignature, type SignatureCheck } from '../crypto/verify-signature.js';
import { decodeOid } from '../crypto/der-primitives.js';
import { octetStringContent, readBer, UNIVERSAL, type BerElement } from '../encoding/ber-reader.js';
import { bytesEqual } from '../encoding/bytes.js';
import { certificateIssuerAndSerial, contentOf, readTlv } from '../encoding/der-reader.js';
import { toHex } from '../encoding/hex.js';
import { ImzalaError, isImzalaError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';
import { Crl } from '../pki/crl.js';
import { validateCertificatePath, type PathValidationResult } from '../pki/path-validation.js';
import type { RevocationFetcher } from '../pki/revocation/fetcher.js';
import type { OcspCheck } from '../pki/revocation/ocsp.js';
import { gatherRevocationData, type RevocationCache } from '../pki/revocation/revocation-data.js';
import type { Finding, Indication, SubIndication } from '../report/indications.js';
import { OID } from './oids.js';
import { attributeValues, parseSignedData, type ParsedSignedData, type ParsedSignerInfo } from './parse-signed-data.js';

export interface CmsVerifyOptions {
  /** Trust anchors. */
  anchors: readonly Certificate[];
  /** Validation time (now, or the `--at` a user asked for). */
  time: Date;
  /** Digest of the signed content with the given algorithm (a PDF's ByteRange streamed, a detached file). */
  digestContent(algorithm: HashAlgorithm): Promise<Uint8Array>;
  /** The time the signer claims when the CMS does not carry one (a PDF's /M). */
  claimedSigningTime?: Date | null;
  /** Extra untrusted certificates to build paths with (e.g. from a PDF's DSS). */
  extraCertificates?: Certificate[];
  /** Revocation lists the caller has (embedded ones are used too). */
  crls?: Crl[];
  /** OCSP responses the caller has (a PDF's /DSS). */
  ocspResponses?: readonly Uint8Array[];
  /** PDF /Contents are zero-padded. */
  allowZeroPadding?: boolean;
  /**
   * CAdES / PAdES (ETSI) require the ESS signing certificate reference; plain CMS (RFC 5652, `openssl cms`)
   * does not, so its absence is a warning only for the ETSI profiles.
   */
  etsiProfile?: boolean;
  /** Where revocation data may come from beyond `crls` and the CMS: OCSP and CRLs named in the certificates. */
  revocation?: RevocationPolicy;
  /**
   * Proof that a signer's signature existed at a time (a verified signature timestamp), by SignerInfo index: a
   * certificate that expired or was revoked only after it does not undo the signature.
   */
  proofOfExistence?: ReadonlyMap<number, Date>;
}

export interface RevocationPolicy {
  fetcher?: RevocationFetcher;
  cache?: RevocationCache;
  /** Only what is embedded, given or cached is used; nothing is fetched. */
  offline: boolean;
  /** Without revocation data for the signer's path the signature cannot be decided (INDETERMINATE / TRY_LATER). */
  required: boolean;
}

export interface CmsSignerVerification {
  index: number;
  indication: Indication;
  subIndication: SubIndication | null;
  errors: Finding[];
  warnings: Finding[];
  signerCertificate: Certificate | null;
  /** Certificates the signature carries (parsed). */
  certificates: Certificate[];
  digestAlgorithm: HashAlgorithm | null;
  signatureAlgorithm: SignatureAlgorithm | null;
  claimedSigningTime: Date | null;
  messageDigestMatches: boolean | null;
  signature: SignatureCheck | null;
  signingCertificateReference: 'v2' | 'v1' | 'absent' | 'mismatch';
  path: PathValidationResult | null;
  /** The signer certificate's revocation status, and what said so. */
  revocation: 'good' | 'revoked' | 'unknown';
  revocationSource: 'crl' | 'ocsp' | null;
  unsignedAttributeTypes: string[];
}

export interface CmsVerification {
  signedData: ParsedSignedData;
  detached: boolean;
  signers: CmsSignerVerification[];
}

/** Sub-indications that make a signature TOTAL_FAILED (ETSI EN 319 102-1 §5.1.3); all others leave it INDETERMINATE. */
const TOTAL_FAILED: ReadonlySet<SubIndication> = new Set(['FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'REVOKED']);

/** How a path validation failure maps onto ETSI sub-indications. */
const PATH_SUB_INDICATION: Readonly<Record<string, SubIndication>> = {
  NO_CERTIFICATE_CHAIN_FOUND: 'NO_CERTIFICATE_CHAIN_FOUND',
  CERTIFICATE_EXPIRED: 'OUT_OF_BOUNDS_NO_POE',
  CERTIFICATE_NOT_YET_VALID: 'NOT_YET_VALID',
  CERTIFICATE_SIGNATURE_INVALID: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  SIGNER_KEY_USAGE_MISSING: 'SIG_CONSTRAINTS_FAILURE',
  REVOCATION_UNKNOWN: 'TRY_LATER',
  WEAK_ALGORITHM: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  NOT_A_CA: 'CHAIN_CONSTRAINTS_FAILURE',
  PATH_LENGTH_EXCEEDED: 'CHAIN_CONSTRAINTS_FAILURE',
  KEY_CERT_SIGN_MISSING: 'CHAIN_CONSTRAINTS_FAILURE',
  UNKNOWN_CRITICAL_EXTENSION: 'CHAIN_CONSTRAINTS_FAILURE',
  NAME_CONSTRAINTS_VIOLATED: 'CHAIN_CONSTRAINTS_FAILURE',
  EXTENDED_KEY_USAGE_MISSING: 'CHAIN_CONSTRAINTS_FAILURE',
};

/** Collects findings and decides the indication: the first TOTAL_FAILED reason wins, then the first INDETERMINATE one. */
class Verdict {
  readonly errors: Finding[] = [];
  readonly warnings: Finding[] = [];
  private failed: SubIndication | null = null;
  private indeterminate: SubIndication | null = null;

  fail(subIndication: SubIndication, code: string, details?: Record<string, unknown>): void {
    this.errors.push(details ? { code, details } : { code });
    if (TOTAL_FAILED.has(subIndication)) this.failed ??= subIndication;
    else this.indeterminate ??= subIndication;
  }

  warn(code: string, details?: Record<string, unknown>): void {
    this.warnings.push(details ? { code, details } : { code });
  }

  get indication(): Indication {
    return this.failed ? 'TOTAL_FAILED' : this.indeterminate ? 'INDETERMINATE' : 'TOTAL_PASSED';
  }

  get subIndication(): SubIndication | null {
    return this.failed ?? this.indeterminate;
  }
}

/** The certificates and CRLs a SignedData carries, read once for all its signers. */
interface CertificateBag {
  certificates: Certificate[];
  /** Certificates of the CMS that could not be read, with the reason (evidence when the signer is among them). */
  unreadable: { reason: string }[];
  crls: Crl[];
  unreadableCrls: number;
}

function readEmbedded(signedData: ParsedSignedData): CertificateBag {
  const bag: CertificateBag = { certificates: [], unreadable: [], crls: [], unreadableCrls: 0 };
  for (const der of signedData.certificates) {
    try {
      bag.certificates.push(Certificate.fromDer(der));
    } catch (e) {
      bag.unreadable.push({ reason: e instanceof Error ? e.message + (isImzalaError(e) && e.details.reason ? `: ${e.details.reason}` : '') : String(e) });
    }
  }
  for (const der of signedData.crls) {
    try {
      bag.crls.push(Crl.fromDer(der));
    } catch {
      bag.unreadableCrls++;
    }
  }
  return bag;
}

function findSignerCertificate(info: ParsedSignerInfo, certificates: Certificate[]): Certificate | null {
  const sid = info.sid;
  for (const cert of certificates) {
    if (sid.kind === 'subjectKeyIdentifier') {
      if (cert.subjectKeyIdentifier && bytesEqual(cert.subjectKeyIdentifier, sid.keyIdentifier)) return cert;
      continue;
    }
    const own = certificateIssuerAndSerial(cert.der);
    // The SID copies the certificate's issuer and serial; compare bytes (a re-encoded name would not be a match we can trust).
    if (bytesEqual(own.issuer, sid.issuer) && bytesEqual(contentOf(own.serialNumber, readTlv(own.serialNumber)), sid.serialNumber)) {
      return cert;
    }
  }
  return null;
}

function malformedAttribute(what: string, message = `${what} cannot be read`): ImzalaError {
  return new ImzalaError('CMS_MALFORMED', message, { attribute: what });
}

/** The one value of a single-valued attribute, read with the lazy BER reader. */
function singleValue(values: Uint8Array[], what: string): BerElement {
  if (values.length !== 1) throw new ImzalaError('CMS_MALFORMED', `${what} must have exactly one value`, { attribute: what });
  try {
    return readBer(values[0]!);
  } catch {
    throw malformedAttribute(what);
  }
}

/** The children of a SEQUENCE, or undefined when `node` is not one. */
function sequenceItems(node: BerElement | undefined): readonly BerElement[] | undefined {
  return node?.constructed && node.isUniversal(UNIVERSAL.SEQUENCE) ? node.children() : undefined;
}

/** The content of an OCTET STRING, also a constructed (BER) one; null when `node` is not one. */
function octetStringOf(node: BerElement | undefined): Uint8Array | null {
  return node?.isUniversal(UNIVERSAL.OCTET_STRING) ? octetStringContent(node) : null;
}

/** The dotted OBJECT IDENTIFIER, or null when `node` is not a readable one. */
function objectIdentifier(node: BerElement | undefined): string | null {
  if (!node?.isUniversal(UNIVERSAL.OID) || node.constructed) return null;
  try {
    return decodeOid(node.content);
  } catch {
    return null;
  }
}

function signingTimeOf(info: ParsedSignerInfo): Date | null {
  const values = attributeValues(info.signedAttributes, OID.signingTime);
  if (!values) return null;
  if (values.length !== 1) throw new ImzalaError('CMS_MALFORMED', 'signingTime must have exactly one value', { attribute: 'signingTime' });
  // asn1js reads the times other tools write (with or without seconds, fractions, offsets) as it always did; it is
  // one short value per signer, not worth a reader of its own.
  const parsed = asn1js.fromBER(values[0]!);
  if (parsed.offset === -1) throw malformedAttribute('signingTime');
  const node = parsed.result;
  if (node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime) return node.toDate();
  throw new ImzalaError('CMS_MALFORMED', 'signingTime is not a time', { attribute: 'signingTime' });
}

/**
 * ESS signing certificate reference (RFC 5035 / RFC 2634): the first ESSCertID(v2) must name the certificate
 * that verifies the signature, so a signer cannot be swapped for another with the same key.
 */
function checkSigningCertificateReference(info: ParsedSignerInfo, signer: Certificate): 'v2' | 'v1' | 'absent' | 'mismatch' {
  const v2 = attributeValues(info.signedAttributes, OID.signingCertificateV2);
  const v1 = attributeValues(info.signedAttributes, OID.signingCertificate);
  const values = v2 ?? v1;
  if (!values) return 'absent';
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies ... OPTIONAL }
  const node = singleValue(values, v2 ? 'signingCertificateV2' : 'signingCertificate');
  const certs = node.constructed ? node.children()[0] : undefined;
  const first = certs?.constructed ? certs.children()[0] : undefined;
  const fields = first?.constructed ? first.children() : undefined;
  if (!fields?.length) throw new ImzalaError('CMS_MALFORMED', 'the signing certificate attribute is empty');
  let hash: HashAlgorithm = v2 ? 'SHA-256' : 'SHA-1';
  let at = 0;
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
  const algorithm = v2 ? sequenceItems(fields[0]) : undefined;
  if (algorithm) {
    const algOid = objectIdentifier(algorithm[0]);
    if (algOid === null) throw new ImzalaError('CMS_MALFORMED', 'bad ESSCertIDv2 hashAlgorithm');
    const alg = HASH_ALGORITHM_OIDS[algOid];
    if (!alg) throw new ImzalaError('UNSUPPORTED_ALGORITHM', 'unknown hash in the signing certificate attribute', { oid: algOid });
    hash = alg;
    at = 1;
  }
  const certHash = octetStringOf(fields[at]);
  if (!certHash) throw new ImzalaError('CMS_MALFORMED', 'bad ESSCertID');
  if (!bytesEqual(certHash, digest(hash, signer.der))) return 'mismatch';
  const issuerSerial = sequenceItems(fields[at + 1]);
  if (issuerSerial) {
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }: the INTEGER, byte for byte.
    const serial = issuerSerial[1];
    const own = certificateIssuerAndSerial(signer.der);
    if (!serial?.isUniversal(UNIVERSAL.INTEGER) || serial.constructed || !bytesEqual(serial.encoding, own.serialNumber)) return 'mismatch';
  }
  return v2 ? 'v2' : 'v1';
}

async function verifySignerInfo(
  signedData: ParsedSignedData,
  info: ParsedSignerInfo,
  index: number,
  bag: CertificateBag,
  options: CmsVerifyOptions,
): Promise<CmsSignerVerification> {
  const verdict = new Verdict();
  const result: CmsSignerVerification = {
    index,
    indication: 'TOTAL_PASSED',
    subIndication: null,
    errors: verdict.errors,
    warnings: verdict.warnings,
    signerCertificate: null,
    certificates: bag.certificates,
    digestAlgorithm: info.digestAlgorithm,
    signatureAlgorithm: null,
    claimedSigningTime: options.claimedSigningTime ?? null,
    messageDigestMatches: null,
    signature: null,
    signingCertificateReference: 'absent',
    path: null,
    revocation: 'unknown',
    revocationSource: null,
    unsignedAttributeTypes: info.unsignedAttributes.map((a) => a.type),
  };
  const finish = (): CmsSignerVerification => {
    result.indication = verdict.indication;
    result.subIndication = verdict.subIndication;
    return result;
  };

  // 1. Format.
  if (!info.signedAttributesToBeSigned) {
    verdict.fail('FORMAT_FAILURE', 'SIGNED_ATTRIBUTES_MISSING');
    return finish();
  }
  if (!info.digestAlgorithm) {
    verdict.fail('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', 'UNSUPPORTED_ALGORITHM', { oid: info.digestAlgorithmOid });
    return finish();
  }
  let contentType: string;
  let messageDigest: Uint8Array;
  try {
    const ct = attributeValues(info.signedAttributes, OID.contentType);
    const md = attributeValues(info.signedAttributes, OID.messageDigest);
    if (!ct || !md) {
      verdict.fail('FORMAT_FAILURE', 'SIGNED_ATTRIBUTE_MISSING', { attribute: !ct ? 'contentType' : 'messageDigest' });
      return finish();
    }
    const ctValue = objectIdentifier(singleValue(ct, 'contentType'));
    const mdValue = octetStringOf(singleValue(md, 'messageDigest'));
    if (ctValue === null || mdValue === null) {
      throw new ImzalaError('CMS_MALFORMED', 'contentType or messageDigest has the wrong type');
    }
    contentType = ctValue;
    messageDigest = mdValue;
    result.claimedSigningTime = signingTimeOf(info) ?? result.claimedSigningTime;
  } catch (e) {
    verdict.fail('FORMAT_FAILURE', isImzalaError(e) ? e.code : 'CMS_MALFORMED', { reason: e instanceof Error ? e.message : String(e) });
    return finish();
  }
  if (contentType !== signedData.eContentType) {
    verdict.fail('FORMAT_FAILURE', 'CONTENT_TYPE_MISMATCH', { signed: contentType, encapsulated: signedData.eContentType });
  }

  // 2. Identification of the signing certificate.
  const signer = findSignerCertificate(info, bag.certificates);
  result.signerCertificate = signer;
  if (!signer && bag.unreadable.length) {
    verdict.fail('NO_SIGNING_CERTIFICATE_FOUND', 'SIGNER_CERTIFICATE_UNREADABLE', { reason: bag.unreadable.map((u) => u.reason).join('; ') });
  } else if (!signer) {
    verdict.fail('NO_SIGNING_CERTIFICATE_FOUND', 'SIGNER_CERTIFICATE_NOT_FOUND');
  }

  // 3. Message digest over the content.
  const actual = await options.digestContent(info.digestAlgorithm);
  result.messageDigestMatches = bytesEqual(actual, messageDigest);
  if (!result.messageDigestMatches) {
    verdict.fail('HASH_FAILURE', 'MESSAGE_DIGEST_MISMATCH', { signed: toHex(messageDigest), computed: toHex(actual) });
  }
  if (isWeakHash(info.digestAlgorithm)) {
    verdict.fail('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', 'WEAK_DIGEST_ALGORITHM', { algorithm: info.digestAlgorithm });
  }
  if (!signer) return finish();

  try {
    result.signingCertificateReference = checkSigningCertificateReference(info, signer);
  } catch (e) {
    verdict.fail('FORMAT_FAILURE', isImzalaError(e) ? e.code : 'CMS_MALFORMED', { reason: e instanceof Error ? e.message : String(e) });
  }
  if (result.signingCertificateReference === 'mismatch') {
    verdict.fail('NO_SIGNING_CERTIFICATE_FOUND', 'SIGNING_CERTIFICATE_MISMATCH');
  } else if (result.signingCertificateReference === 'absent' && options.etsiProfile) {
    verdict.warn('SIGNING_CERTIFICATE_REFERENCE_MISSING');
  }

  // 4. The signature value.
  try {
    result.signatureAlgorithm = signatureAlgorithmFromIdentifier(info.signatureAlgorithm, info.digestAlgorithm);
  } catch (e) {
    verdict.fail('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', 'UNSUPPORTED_ALGORITHM', { oid: info.signatureAlgorithm.oid });
    return finish();
  }
  result.signature = await verifySignature({
    publicKeyInfo: signer.subjectPublicKeyInfo,
    algorithm: result.signatureAlgorithm,
    data: info.signedAttributesToBeSigned,
    signature: info.signature,
  });
  if (!result.signature.valid) {
    const code = result.signature.code ?? 'SIG_CRYPTO_FAILURE';
    if (code === 'UNSUPPORTED_ALGORITHM' || code === 'WEAK_KEY') verdict.fail('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', code);
    else verdict.fail('SIG_CRYPTO_FAILURE', code === 'SIG_CRYPTO_FAILURE' ? 'SIGNATURE_INVALID' : code);
  } else if (isWeakSignatureAlgorithm(result.signatureAlgorithm) || result.signature.weak) {
    verdict.fail('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', 'WEAK_SIGNATURE_ALGORITHM', { algorithm: result.signatureAlgorithm.name });
  }

  // 5. The certificate path at the validation time.
  if (bag.unreadableCrls) verdict.warn('CMS_CRL_UNREADABLE', { count: bag.unreadableCrls });
  const crls = [...bag.crls, ...(options.crls ?? [])];
  const pathOptions = {
    anchors: options.anchors,
    intermediates: [...bag.certificates, ...(options.extraCertificates ?? [])],
    time: options.time,
    signerKeyUsage: 'document-signing' as const,
  };
  // Without any CRL there is nothing to check revocation with: say "unknown" once, not a warning per certificate.
  let path = await validateCertificatePath(signer, { ...pathOptions, crls: crls.length ? crls : undefined });
  let ocsp: ReadonlyMap<string, OcspCheck> | undefined;
  const policy = options.revocation;
  // With a path to an anchor, look up the revocation status of each certificate on it (cache, OCSP, CRLs), then
  // validate the path again with what was found.
  if (policy && path.path.length >= 2 && path.path[path.path.length - 1] !== signer && (path.valid || path.code === 'REVOCATION_UNKNOWN')) {
    const gathered = await gatherRevocationData(path.path, {
      fetcher: policy.fetcher,
      cache: policy.cache,
      offline: policy.offline,
      time: options.time,
      crls,
      ocspResponses: options.ocspResponses,
    });
    ocsp = gathered.ocsp;
    crls.push(...gathered.crls);
    if (crls.length || ocsp.size || policy.required) {
      path = await validateCertificatePath(signer, {
        ...pathOptions,
        crls: crls.length ? crls : [],
        ocsp: ocsp.size ? ocsp : undefined,
        requireRevocationData: policy.required,
      });
    }
    const signerProblems = gathered.problems.filter((p) => p.certificate === signer.sha256);
    const signerDecided = ocsp.has(signer.sha256) || (crls.length > 0 && !path.warnings.some((w) => w.code === 'REVOCATION_UNKNOWN' && w.certificate === signer));
    if (!policy.offline && !signerDecided && signerProblems.length) {
      verdict.warn('REVOCATION_UNAVAILABLE', { urls: signerProblems.map((p) => `${p.url || '-'} (${p.code})`) });
    }
  }
  const poe = options.proofOfExistence?.get(index) ?? null;
  if (poe && path.code === 'CERTIFICATE_EXPIRED') {
    // The timestamp proves the signature existed while the certificates were valid: validate the path then.
    const atPoe = await validateCertificatePath(signer, {
      ...pathOptions,
      time: poe,
      crls: crls.length ? crls : undefined,
      ocsp: ocsp?.size ? ocsp : undefined,
    });
    if (atPoe.valid) {
      path = atPoe;
      verdict.warn('VALIDATED_AT_TIMESTAMP_TIME', { time: poe.toISOString() });
    }
  }
  result.path = path;
  const signerUnknown = path.warnings.some((w) => w.code === 'REVOCATION_UNKNOWN' && w.certificate === signer);
  const byOcsp = ocsp?.get(signer.sha256);
  if (path.code === 'CERTIFICATE_REVOKED') {
    result.revocation = 'revoked';
    result.revocationSource = path.evidence.ocsp ? 'ocsp' : 'crl';
  } else if (path.valid && byOcsp?.status === 'good') {
    result.revocation = 'good';
    result.revocationSource = 'ocsp';
  } else if (path.valid && crls.length && !signerUnknown) {
    result.revocation = 'good';
    result.revocationSource = 'crl';
  }
  for (const w of path.warnings) verdict.warn(w.code, w.certificate ? { subject: w.certificate.subject.toString() } : undefined);
  if (!path.valid && path.code) {
    const details: Record<string, unknown> = {};
    if (path.evidence.certificate) details.subject = path.evidence.certificate.subject.toString();
    if (path.evidence.detail) details.detail = path.evidence.detail;
    if (path.code === 'CERTIFICATE_REVOKED') {
      const revokedAt = path.evidence.revocation?.evidence.revocationDate ?? path.evidence.ocsp?.evidence.revocationTime ?? null;
      details.revokedAt = revokedAt?.toISOString();
      const claimed = result.claimedSigningTime;
      if (poe && revokedAt && poe.getTime() < revokedAt.getTime()) {
        // A timestamp proves the signature was made before the revocation: it stands, and the report says so.
        verdict.warn('CERTIFICATE_REVOKED_AFTER_SIGNING', { ...details, time: poe.toISOString() });
      } else {
        // Revoked before the time the signer claims (or with no claim): the signature cannot stand. Revoked only
        // after the claimed time: without a timestamp proving when it was made, it cannot be decided.
        const before = !claimed || !revokedAt || revokedAt.getTime() <= claimed.getTime();
        verdict.fail(before ? 'REVOKED' : 'REVOKED_NO_POE', 'CERTIFICATE_REVOKED', details);
      }
    } else {
      verdict.fail(PATH_SUB_INDICATION[path.code] ?? 'CERTIFICATE_CHAIN_GENERAL_FAILURE', path.code, details);
    }
  }
  return finish();
}

/**
 * Verifies every SignerInfo of a CMS SignedData.
 * @throws ImzalaError CMS_MALFORMED / CMS_EMPTY / CMS_NOT_SIGNED_DATA / CMS_TOO_LARGE when the blob cannot be read at all.
 */
export async function verifyCmsSignatures(
  cms: Uint8Array | ParsedSignedData,
  options: CmsVerifyOptions,
): Promise<CmsVerification> {
  const signedData = cms instanceof Uint8Array ? parseSignedData(cms, options.allowZeroPadding ?? false) : cms;
  if (signedData.signerInfos.length === 0) {
    throw new ImzalaError('CMS_NO_SIGNER', 'the CMS signature has no signer');
  }
  const bag = readEmbedded(signedData);
  // The content digest is computed once per algorithm, however many signers share it.
  const digests = new Map<HashAlgorithm, Promise<Uint8Array>>();
  const cachedOptions: CmsVerifyOptions = {
    ...options,
    digestContent: (alg) => {
      let d = digests.get(alg);
      if (!d) digests.set(alg, (d = options.digestContent(alg)));
      return d;
    },
  };
  const signers: CmsSignerVerification[] = [];
  for (const [i, info] of signedData.signerInfos.entries()) {
    signers.push(await verifySignerInfo(signedData, info, i, bag, cachedOptions));
  }
  return { signedData, detached: signedData.eContent === null, signers };
}

/** Digest of in-memory content, for `digestContent`. */
export function digestOfBytes(content: Uint8Array): (algorithm: HashAlgorithm) => Promise<Uint8Array> {
  return async (algorithm) => createHasher(algorithm).update(content).digest();
}
