/**
 * RFC 5280 §6.1 processing of one candidate path: `path[0]` is the target, `path[path.length - 1]` the trust
 * anchor, and each certificate was issued by the one after it (name chaining and signatures come from path
 * building, path-validation.ts). Checks run from the anchor down, so the first failure reported is the one
 * closest to the anchor; revocation is checked last, once the path is otherwise sound.
 *
 * Choices (each fails closed):
 * - The anchor is trusted as given, but it is not a blank key: its validity period is checked at `time`, an
 *   unknown critical extension refuses it, and when it issues it must be a CA (v1/v2 anchors are accepted as
 *   CAs; a v3 anchor needs basicConstraints cA and, with keyUsage, keyCertSign). Its pathLenConstraint and
 *   nameConstraints apply to the path below it (RFC 5937 style). Its policy extensions are not used.
 * - Profile rules of RFC 5280 §4 that make a certificate non-conforming are refused anywhere in the path
 *   (CERTIFICATE_PROFILE_VIOLATION): non-positive or over-long serials (below the anchor), empty issuer names,
 *   CA certificates without a subject or without subjectKeyIdentifier, certificates below the anchor without
 *   authorityKeyIdentifier, an AKI without keyIdentifier, a self-signed anchor whose AKI names another key,
 *   critical AKI/SKI/AIA, non-critical basicConstraints in an issuing
 *   CA, non-critical nameConstraints/policyConstraints/inhibitAnyPolicy, nameConstraints outside CA
 *   certificates, keyCertSign without cA, pathLenConstraint without cA, an empty subject without a critical
 *   subjectAltName, and v1/v2 certificates anywhere but the anchor.
 * - Policies: the valid-policy set is tracked without policy qualifiers and with user-initial-policy-set =
 *   anyPolicy. policyMappings are not evaluated: when explicit policy becomes required on a path that carries
 *   mappings, the path is refused rather than guessed.
 * - Weak cryptography: a certificate signature with MD5, or made with an RSA key shorter than 2048 bits,
 *   refuses the path (WEAK_ALGORITHM); SHA-1 certificate signatures are a warning.
 * - Time is compared at whole seconds (certificates carry no fractions): `time` is floored by the caller.
 */
import { bytesEqual } from '../encoding/bytes.js';
import type { HashAlgorithm } from '../crypto/hash.js';
import type { PublicKeyInfo } from '../crypto/public-key.js';
import type { Certificate } from './certificate.js';
import { checkRevocationWithCrls, type Crl, type RevocationCheck } from './crl.js';
import type { OcspCheck } from './revocation/ocsp.js';
import { ANY_POLICY_OID, EXTENSION_OIDS, type KeyUsageName } from './extensions.js';
import {
  checkNameConstraints, constrainedNamesOf, NameConstraintBudget, DEFAULT_NAME_CONSTRAINT_BUDGET, type NameConstraints,
} from './name-constraints.js';

export type PathFailureCode =
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_SIGNATURE_INVALID'
  | 'CERTIFICATE_ALGORITHM_UNSUPPORTED'
  | 'NOT_A_CA'
  | 'PATH_LENGTH_EXCEEDED'
  | 'KEY_CERT_SIGN_MISSING'
  | 'UNKNOWN_CRITICAL_EXTENSION'
  | 'NAME_CONSTRAINTS_VIOLATED'
  | 'POLICY_CONSTRAINTS_VIOLATED'
  | 'CERTIFICATE_PROFILE_VIOLATION'
  | 'SIGNER_KEY_USAGE_MISSING'
  | 'EXTENDED_KEY_USAGE_MISSING'
  | 'CERTIFICATE_REVOKED'
  | 'REVOCATION_UNKNOWN'
  | 'WEAK_ALGORITHM'
  | 'PATH_TOO_COMPLEX';

export type PathWarningCode = 'WEAK_ALGORITHM' | 'REVOCATION_UNKNOWN' | 'CERTIFICATE_REVOKED_AFTER_TIME';

export interface PathEvidence {
  /** The certificate the failure is about. */
  certificate?: Certificate;
  /** Its position in `path` (0 = target). */
  index?: number;
  /** The validation time used (floored to the second). */
  time?: Date;
  /** What exactly failed, for people and logs. */
  detail?: string;
  /** The code from the signature check (core/crypto), when a signature failed. */
  signatureCode?: string;
  /** Revocation evidence, when revocation decided. */
  revocation?: RevocationCheck;
  /** The OCSP answer, when one decided. */
  ocsp?: OcspCheck;
  /** Extension OIDs involved (unknown critical extensions). */
  extensions?: string[];
}

export interface PathWarning {
  code: PathWarningCode;
  certificate?: Certificate;
  detail?: string;
}

/** The outcome of checking one certificate's signature with its issuer's key. */
export interface EdgeCheck {
  valid: boolean;
  code?: PathFailureCode;
  detail?: string;
  signatureCode?: string;
  hash?: HashAlgorithm;
  issuerKey?: PublicKeyInfo;
}

export interface PathCheckOptions {
  /** Validation time. Compared at whole seconds. */
  time: Date;
  /** document-signing: the target's keyUsage, when present, must assert nonRepudiation or digitalSignature. */
  signerKeyUsage?: 'document-signing' | 'any';
  /** Key usages the target must all assert when it has a keyUsage extension. */
  requiredKeyUsage?: readonly KeyUsageName[];
  /** EKU OIDs the target must carry when it has an EKU extension (anyExtendedKeyUsage satisfies any). */
  extendedKeyUsage?: readonly string[];
  /** Most intermediate CA certificates (self-issued ones not counted) between target and anchor. */
  maxDepth?: number;
  /** When given, every certificate below the anchor is checked against these CRLs. */
  crls?: readonly Crl[];
  /**
   * Accepted OCSP answers by certificate SHA-256 (gatherRevocationData). An answer counts, like a CRL entry,
   * only for the certificate and issuer it was checked against; a good or revoked answer decides before the CRLs.
   */
  ocsp?: ReadonlyMap<string, OcspCheck>;
  /** Refuse when a certificate's revocation status cannot be decided from `crls` or `ocsp` (default false); with neither, every status is undecided. */
  requireRevocationData?: boolean;
  /** The anchor's signature verifies with its own key (computed only when its AKI and SKI disagree). */
  anchorSelfSigned?: boolean;
}

export type PathCheckResult =
  | { valid: true; warnings: PathWarning[] }
  | { valid: false; code: PathFailureCode; evidence: PathEvidence; warnings: PathWarning[] };

/** anyExtendedKeyUsage (RFC 5280 §4.2.1.12). */
export const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';
/** RSA moduli shorter than this may not sign certificates in an accepted path. */
export const MIN_CERTIFICATE_RSA_BITS = 2048;

class PathFailure extends Error {
  constructor(readonly code: PathFailureCode, readonly evidence: PathEvidence) {
    super(code);
  }
}

/** Checks one complete candidate path. `edges[k]` is the signature check of path[k] by path[k + 1]. */
export async function checkPath(path: readonly Certificate[], edges: readonly EdgeCheck[], options: PathCheckOptions): Promise<PathCheckResult> {
  const warnings: PathWarning[] = [];
  try {
    checkStructure(path, edges, options, warnings);
    await checkRevocation(path, options, warnings);
    return { valid: true, warnings };
  } catch (e) {
    if (e instanceof PathFailure) return { valid: false, code: e.code, evidence: e.evidence, warnings };
    throw e;
  }
}

function fail(code: PathFailureCode, path: readonly Certificate[], index: number, time: Date, detail: string, more: Partial<PathEvidence> = {}): never {
  throw new PathFailure(code, { certificate: path[index], index, time, detail, ...more });
}

function checkStructure(path: readonly Certificate[], edges: readonly EdgeCheck[], options: PathCheckOptions, warnings: PathWarning[]): void {
  const { time } = options;
  const anchorIndex = path.length - 1;
  const constraints: NameConstraints[] = [];
  const budget = new NameConstraintBudget(DEFAULT_NAME_CONSTRAINT_BUDGET);
  let remainingPathLength = Number.POSITIVE_INFINITY;
  const policy = new PolicyState(anchorIndex);

  for (let k = anchorIndex; k >= 0; k--) {
    const cert = path[k]!;
    const isAnchor = k === anchorIndex;
    const isIssuer = k > 0;
    const isTarget = k === 0;
    const at: At = (code, detail, more) => fail(code, path, k, time, detail, more);

    const unknown = cert.unknownCriticalExtensions;
    if (unknown.length) at('UNKNOWN_CRITICAL_EXTENSION', `unknown critical extension ${unknown.join(', ')}`, { extensions: unknown });

    if (isIssuer) checkIssuerRole(cert, isAnchor, at);
    checkProfile(cert, { isAnchor, isIssuer, anchorSelfSigned: isAnchor && options.anchorSelfSigned === true }, at);

    if (time.getTime() < cert.notBefore.getTime()) at('CERTIFICATE_NOT_YET_VALID', `valid from ${cert.notBefore.toISOString()}`);
    if (time.getTime() > cert.notAfter.getTime()) at('CERTIFICATE_EXPIRED', `expired at ${cert.notAfter.toISOString()}`);

    if (!isAnchor) {
      const edge = edges[k];
      if (!edge || !edge.valid) {
        at(edge?.code ?? 'CERTIFICATE_SIGNATURE_INVALID', edge?.detail ?? 'signature not checked', edge?.signatureCode ? { signatureCode: edge.signatureCode } : {});
      }
      if (edge.hash === 'MD5') at('WEAK_ALGORITHM', 'the certificate is signed with MD5');
      const key = edge.issuerKey;
      if (key && (key.type === 'RSA' || key.type === 'RSA-PSS') && key.bits < MIN_CERTIFICATE_RSA_BITS) {
        at('WEAK_ALGORITHM', `the certificate is signed with an RSA key of ${key.bits} bits (at least ${MIN_CERTIFICATE_RSA_BITS} required)`);
      }
      if (edge.hash === 'SHA-1') warnings.push({ code: 'WEAK_ALGORITHM', certificate: cert, detail: 'the certificate is signed with SHA-1' });

      // Name constraints apply to every certificate below the one that set them, except self-issued
      // intermediates (RFC 5280 §6.1.3 (b)-(c)).
      if (!cert.isSelfIssued || isTarget) {
        const names = constrainedNamesOf(cert.subject, cert.subjectEmailAddresses, cert.subjectAltNames);
        for (const nc of constraints) {
          const violation = checkNameConstraints(names, nc, budget);
          if (violation === 'budget') at('PATH_TOO_COMPLEX', 'checking name constraints would take too much work');
          if (violation) at('NAME_CONSTRAINTS_VIOLATED', `${violation.name}: ${violation.reason}`);
        }
      }

      const policyProblem = policy.process(cert, isTarget);
      if (policyProblem) at('POLICY_CONSTRAINTS_VIOLATED', policyProblem);
    }

    if (isIssuer) {
      // pathLenConstraint (RFC 5280 §6.1.4 (l)-(m)): counts the non-self-issued intermediates below.
      if (!isAnchor && !cert.isSelfIssued) {
        if (remainingPathLength <= 0) at('PATH_LENGTH_EXCEEDED', 'a pathLenConstraint above allows no further CA certificate');
        remainingPathLength--;
      }
      const limit = cert.basicConstraints?.pathLenConstraint;
      if (limit !== undefined && limit < remainingPathLength) remainingPathLength = limit;
      if (cert.nameConstraints) constraints.push(cert.nameConstraints);
    }
  }

  if (options.maxDepth !== undefined) {
    const intermediates = path.slice(1, anchorIndex).filter((c) => !c.isSelfIssued).length;
    if (intermediates > options.maxDepth) {
      fail('PATH_LENGTH_EXCEEDED', path, 0, time, `${intermediates} intermediate certificates, at most ${options.maxDepth} allowed`);
    }
  }
  checkTargetUsage(path, options);
}

type At = (code: PathFailureCode, detail: string, more?: Partial<PathEvidence>) => never;

/** A certificate that signed the next one down must be allowed to (RFC 5280 §6.1.4 (k), (n)). */
function checkIssuerRole(cert: Certificate, isAnchor: boolean, at: At): void {
  if (cert.version < 3) {
    if (!isAnchor) at('NOT_A_CA', `a version ${cert.version} certificate can only be a trust anchor, not an intermediate CA`);
    return;
  }
  if (!cert.basicConstraints) at('NOT_A_CA', 'the issuing certificate has no basicConstraints extension');
  if (!cert.basicConstraints.ca) at('NOT_A_CA', 'the issuing certificate does not assert cA');
  if (cert.keyUsage && !cert.keyUsage.has('keyCertSign')) at('KEY_CERT_SIGN_MISSING', 'the issuing certificate key usage does not assert keyCertSign');
}

/** RFC 5280 §4 profile rules that a conforming certificate meets (see the file comment). */
function checkProfile(cert: Certificate, role: { isAnchor: boolean; isIssuer: boolean; anchorSelfSigned?: boolean }, at: At): void {
  const violation = (detail: string) => at('CERTIFICATE_PROFILE_VIOLATION', detail);
  if (cert.version < 3 && !role.isAnchor) violation(`a version ${cert.version} certificate is accepted only as a trust anchor`);

  // An issuing anchor's serial identifies it to nobody here (it is trusted by fingerprint, never looked up in a
  // CRL), and old roots with serial 0 are still in service; for every other certificate, including a target
  // that is itself an anchor, the RFC 5280 §4.1.2.2 rules hold.
  if (!(role.isAnchor && role.isIssuer)) {
    const serial = cert.serialNumber;
    const magnitude = serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial;
    if (serial[0]! & 0x80) violation('the serial number is negative');
    if (magnitude.every((b) => b === 0)) violation('the serial number is zero');
    if (magnitude.length > 20) violation('the serial number is longer than 20 octets');
  }

  if (cert.issuer.isEmpty) violation('the issuer name is empty');
  const actsAsCa = cert.isCa || role.isIssuer;
  if (actsAsCa && cert.subject.isEmpty) violation('a CA certificate has an empty subject');
  if (cert.subject.isEmpty) {
    const san = cert.extension(EXTENSION_OIDS.subjectAltName);
    if (!san?.critical) violation('the subject is empty and subjectAltName is absent or not critical');
  }
  if (cert.version < 3) return;

  const criticalWhere = (oid: string, mustBe: boolean, name: string) => {
    const ext = cert.extension(oid);
    if (ext && ext.critical !== mustBe) violation(`${name} must ${mustBe ? '' : 'not '}be marked critical`);
  };
  criticalWhere(EXTENSION_OIDS.authorityKeyIdentifier, false, 'authorityKeyIdentifier');
  criticalWhere(EXTENSION_OIDS.subjectKeyIdentifier, false, 'subjectKeyIdentifier');
  criticalWhere(EXTENSION_OIDS.authorityInfoAccess, false, 'authorityInfoAccess');
  criticalWhere(EXTENSION_OIDS.nameConstraints, true, 'nameConstraints');
  criticalWhere(EXTENSION_OIDS.policyConstraints, true, 'policyConstraints');
  criticalWhere(EXTENSION_OIDS.inhibitAnyPolicy, true, 'inhibitAnyPolicy');
  if (role.isIssuer) criticalWhere(EXTENSION_OIDS.basicConstraints, true, 'basicConstraints of an issuing CA');

  if (cert.keyUsage?.has('keyCertSign') && !cert.isCa) violation('keyCertSign is asserted without basicConstraints cA');
  if (cert.basicConstraints?.pathLenConstraint !== undefined && !cert.isCa) violation('pathLenConstraint is set without cA');
  if (cert.nameConstraints && !cert.isCa) violation('nameConstraints appear in a certificate that is not a CA');
  if (cert.isCa && !cert.subjectKeyIdentifier) violation('a CA certificate has no subjectKeyIdentifier');
  // RFC 5280 §4.2.1.1: keyIdentifier MUST be present whenever the extension is, and every certificate but a
  // self-signed one MUST carry the extension. The path ends at the anchor, so its own AKI is never used to
  // build: an anchor without one is accepted (cross-certified roots in trust stores often lack it).
  const aki = cert.authorityKeyIdentifier;
  if (aki && !aki.keyIdentifier) violation('authorityKeyIdentifier has no keyIdentifier');
  if (!role.isAnchor && !aki) violation('authorityKeyIdentifier is missing');
  if (role.anchorSelfSigned && aki?.keyIdentifier && cert.subjectKeyIdentifier && !bytesEqual(aki.keyIdentifier, cert.subjectKeyIdentifier)) {
    violation('the self-signed certificate names another key in authorityKeyIdentifier');
  }
  for (const mapping of cert.policyMappings ?? []) {
    if (mapping.issuerDomainPolicy === ANY_POLICY_OID || mapping.subjectDomainPolicy === ANY_POLICY_OID) violation('policyMappings maps anyPolicy');
  }
}

/** Key usage and extended key usage of the target (RFC 5280 §4.2.1.3, §4.2.1.12). */
function checkTargetUsage(path: readonly Certificate[], options: PathCheckOptions): void {
  const target = path[0]!;
  const at: At = (code, detail) => fail(code, path, 0, options.time, detail);
  const ku = target.keyUsage;
  if (ku && options.signerKeyUsage === 'document-signing' && !ku.has('nonRepudiation') && !ku.has('digitalSignature')) {
    at('SIGNER_KEY_USAGE_MISSING', 'the key usage asserts neither nonRepudiation nor digitalSignature');
  }
  for (const usage of options.requiredKeyUsage ?? []) {
    if (ku && !ku.has(usage)) at('SIGNER_KEY_USAGE_MISSING', `the key usage does not assert ${usage}`);
  }
  const eku = target.extendedKeyUsage;
  if (eku && options.extendedKeyUsage?.length && !eku.includes(ANY_EXTENDED_KEY_USAGE)) {
    const missing = options.extendedKeyUsage.filter((oid) => !eku.includes(oid));
    if (missing.length) at('EXTENDED_KEY_USAGE_MISSING', `the extended key usage lacks ${missing.join(', ')}`);
  }
}

/**
 * The valid-policy state of RFC 5280 §6.1 with user-initial-policy-set = {anyPolicy}, kept as the set of
 * policies still valid (plus whether anyPolicy is) instead of a tree: without policy mappings and qualifiers
 * the leaves of the tree are exactly that set.
 */
class PolicyState {
  private anyValid = true;
  private readonly valid = new Set<string>();
  private treeNull = false;
  private mappingsSeen = false;
  private explicitPolicy: number;
  private inhibitAnyPolicy: number;

  constructor(n: number) {
    this.explicitPolicy = n + 1;
    this.inhibitAnyPolicy = n + 1;
  }

  /** Processes the next certificate (top-down); returns why the path fails its policy requirements, or null. */
  process(cert: Certificate, isLast: boolean): string | null {
    // (d)/(e): intersect with the certificate's policies.
    if (!this.treeNull) {
      if (cert.certificatePolicies.length === 0) {
        this.treeNull = true;
      } else {
        const asserts = new Set(cert.certificatePolicies);
        const anyUsable = asserts.has(ANY_POLICY_OID) && (this.inhibitAnyPolicy > 0 || (!isLast && cert.isSelfIssued));
        const next = new Set<string>();
        for (const p of asserts) if (p !== ANY_POLICY_OID && (this.anyValid || this.valid.has(p))) next.add(p);
        if (anyUsable) for (const p of this.valid) next.add(p);
        this.anyValid = this.anyValid && anyUsable;
        this.valid.clear();
        for (const p of next) this.valid.add(p);
        if (!this.anyValid && this.valid.size === 0) this.treeNull = true;
      }
    }
    if (cert.policyMappings) this.mappingsSeen = true;

    if (!isLast) {
      if (this.explicitPolicy === 0 && (this.treeNull || this.mappingsSeen)) return this.reason();
      // Preparation for the next certificate (RFC 5280 §6.1.4 (h)-(j)).
      if (!cert.isSelfIssued) {
        if (this.explicitPolicy > 0) this.explicitPolicy--;
        if (this.inhibitAnyPolicy > 0) this.inhibitAnyPolicy--;
      }
      const require = cert.policyConstraints?.requireExplicitPolicy;
      if (require !== undefined && require < this.explicitPolicy) this.explicitPolicy = require;
      if (cert.inhibitAnyPolicy !== undefined && cert.inhibitAnyPolicy < this.inhibitAnyPolicy) this.inhibitAnyPolicy = cert.inhibitAnyPolicy;
      return null;
    }
    // Wrap-up (RFC 5280 §6.1.5 (a)-(b), (g)).
    if (this.explicitPolicy > 0) this.explicitPolicy--;
    if (cert.policyConstraints?.requireExplicitPolicy === 0) this.explicitPolicy = 0;
    if (this.explicitPolicy === 0 && (this.treeNull || this.mappingsSeen)) return this.reason();
    return null;
  }

  private reason(): string {
    return this.mappingsSeen
      ? 'an explicit policy is required and the path uses policy mappings, which imzala does not evaluate'
      : 'an explicit policy is required and no certificate policy is valid for the whole path';
  }
}

/** Revocation of every certificate below the anchor, with the CRLs given (RFC 5280 §6.3). */
async function checkRevocation(path: readonly Certificate[], options: PathCheckOptions, warnings: PathWarning[]): Promise<void> {
  // Without CRLs or OCSP answers there is nothing to check, unless revocation data is required: then every status is unknown.
  const crls = options.crls ?? (options.requireRevocationData || options.ocsp ? [] : undefined);
  if (!crls) return;
  for (let k = path.length - 2; k >= 0; k--) {
    const cert = path[k]!;
    const ocsp = options.ocsp?.get(cert.sha256);
    if (ocsp && ocsp.evidence.issuerSha256 === path[k + 1]!.sha256 && (ocsp.status === 'good' || ocsp.status === 'revoked')) {
      if (ocsp.status === 'revoked') fail('CERTIFICATE_REVOKED', path, k, options.time, `${ocsp.detail ?? 'revoked'} (OCSP)`, { ocsp });
      if (ocsp.evidence.revokedAfterTime) {
        warnings.push({ code: 'CERTIFICATE_REVOKED_AFTER_TIME', certificate: cert, detail: `revoked at ${ocsp.evidence.revokedAfterTime.toISOString()}, after the validation time (OCSP)` });
      }
      continue;
    }
    const check = await checkRevocationWithCrls(cert, path[k + 1]!, crls, options.time);
    if (check.status === 'revoked') {
      const reason = check.evidence.reason ? ` (${check.evidence.reason})` : '';
      fail('CERTIFICATE_REVOKED', path, k, options.time, `revoked at ${check.evidence.revocationDate!.toISOString()}${reason}`, { revocation: check });
    }
    if (check.status === 'unknown') {
      const why = check.evidence.rejected.map((r) => `${r.code}: ${r.detail}`).join('; ') || 'no CRL from this issuer';
      if (options.requireRevocationData) fail('REVOCATION_UNKNOWN', path, k, options.time, why, { revocation: check });
      warnings.push({ code: 'REVOCATION_UNKNOWN', certificate: cert, detail: why });
    }
    if (check.evidence.revokedAfterTime) {
      warnings.push({ code: 'CERTIFICATE_REVOKED_AFTER_TIME', certificate: cert, detail: `revoked at ${check.evidence.revokedAfterTime.toISOString()}, after the validation time` });
    }
  }
}
