/**
 * Certification path building and validation (RFC 5280 §6, RFC 4158 ideas for building).
 *
 * Building goes from the target up: issuer candidates are the anchors and the untrusted bag whose subject
 * matches the certificate's issuer name (RFC 5280 §7.1), minus those whose subjectKeyIdentifier contradicts
 * the certificate's authorityKeyIdentifier; anchors are tried first, then exact key-identifier matches, then
 * certificates valid at `time`. Each step checks the signature (remembered per pair), so a wrong same-named CA
 * is dropped at once. The search is depth-first, never reuses a certificate or a (subject, key) pair within a
 * path (loops), and stops after `maxAttempts` issuer candidates in total. Every path that reaches an anchor is
 * checked in full (path-checks.ts); the first that passes is returned. Otherwise the most informative failure
 * is: a path that reached an anchor with good signatures, then a path to an anchor with a bad signature
 * somewhere (a same-named wrong candidate that leads nowhere is not reported), then a path cut short by
 * maxDepth, then "no chain".
 */
import { bytesEqual } from '../encoding/bytes.js';
import { isImzalaError } from '../errors.js';
import { signatureAlgorithmFromIdentifier } from '../crypto/signature-algorithms.js';
import { verifySignature } from '../crypto/verify-signature.js';
import type { Certificate } from './certificate.js';
import { cachedCertificateSignature, rememberCertificateSignature } from './certificate-signature-cache.js';
import { namesMatch } from './name.js';
import {
  checkPath, type EdgeCheck, type PathCheckOptions, type PathEvidence, type PathFailureCode, type PathWarning,
} from './path-checks.js';

export type { PathEvidence, PathFailureCode, PathWarning, PathWarningCode } from './path-checks.js';
export { ANY_EXTENDED_KEY_USAGE } from './path-checks.js';

export interface PathValidationOptions extends Omit<PathCheckOptions, 'anchorSelfSigned'> {
  /** Trust anchors, trusted as given; their validity period and critical extensions are still checked. */
  anchors: readonly Certificate[];
  /** Untrusted certificates that may complete the path (a CMS certificates field). */
  intermediates?: readonly Certificate[];
  /** Most issuer candidates examined in total (default 64). */
  maxAttempts?: number;
}

export interface PathValidationResult {
  valid: boolean;
  code: PathFailureCode | null;
  /** Target first ... anchor last: the accepted path, or the best failed candidate (maybe partial). */
  path: Certificate[];
  evidence: PathEvidence;
  warnings: PathWarning[];
  /** Issuer candidates examined. */
  attempts: number;
}

export const DEFAULT_MAX_ATTEMPTS = 64;
/** Longest path built, anchor and target included, whatever maxDepth says. */
export const MAX_PATH_CERTIFICATES = 16;

interface Failure {
  rank: number;
  code: PathFailureCode;
  path: Certificate[];
  evidence: PathEvidence;
  warnings: PathWarning[];
}

/** Ranks of failures: higher is more informative. */
const RANK = { partial: 1, anchorSignature: 2, anchorReached: 3 } as const;

/**
 * Builds and validates a path from `target` to one of `options.anchors` at `options.time`.
 * Never throws for bad certificates; every failure is a code with its evidence.
 */
export async function validateCertificatePath(target: Certificate, options: PathValidationOptions): Promise<PathValidationResult> {
  const time = new Date(Math.floor(options.time.getTime() / 1000) * 1000);
  const checkOptions = { ...options, time };
  const anchors = uniqueBySha256(options.anchors);
  const anchorIds = new Set(anchors.map((a) => a.sha256));
  const bag = uniqueBySha256(options.intermediates ?? []).filter((c) => !anchorIds.has(c.sha256));
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const edgeChecks = new Map<string, Promise<EdgeCheck>>();
  let attempts = 0;
  let best: Failure | undefined;
  let deepest: Certificate[] = [target];

  const remember = (failure: Failure) => {
    if (!best || failure.rank > best.rank) best = failure;
  };
  const edge = (child: Certificate, issuer: Certificate): Promise<EdgeCheck> => {
    const key = `${child.sha256}:${issuer.sha256}`;
    let check = edgeChecks.get(key);
    if (!check) edgeChecks.set(key, (check = checkEdge(child, issuer)));
    return check;
  };

  const finish = async (path: Certificate[]): Promise<PathValidationResult | null> => {
    const edges = await Promise.all(path.slice(0, -1).map((c, k) => edge(c, path[k + 1]!)));
    const anchor = path[path.length - 1]!;
    const akiId = anchor.authorityKeyIdentifier?.keyIdentifier;
    const ski = anchor.subjectKeyIdentifier;
    // Only an anchor whose AKI contradicts its SKI needs to know whether it signed itself.
    const anchorSelfSigned = anchor.isSelfIssued && akiId && ski && !bytesEqual(akiId, ski) ? (await edge(anchor, anchor)).valid : false;
    const result = await checkPath(path, edges, { ...checkOptions, anchorSelfSigned });
    if (result.valid) return { valid: true, code: null, path, evidence: { time }, warnings: result.warnings, attempts };
    remember({ rank: RANK.anchorReached, code: result.code, path, evidence: result.evidence, warnings: result.warnings });
    return null;
  };

  // The target may be its own anchor only when it is in the anchor list itself.
  if (anchorIds.has(target.sha256)) {
    const done = await finish([target]);
    if (done) return done;
  }

  /**
   * Depth-first search. `taint` is set once an edge's signature failed: the branch is still followed, because
   * a bad signature only matters (and is only reported) when that branch leads to an anchor; a tainted
   * branch never succeeds.
   */
  const extend = async (path: Certificate[], taint: Failure | null): Promise<PathValidationResult | null> => {
    if (!taint && path.length > deepest.length) deepest = path;
    const cert = path[path.length - 1]!;
    for (const candidate of issuerCandidates(cert, anchors, anchorIds, bag, time)) {
      if (attempts >= maxAttempts) return null;
      if (path.some((p) => p.sha256 === candidate.sha256 || (namesMatch(p.subject, candidate.subject) && bytesEqual(p.subjectPublicKeyInfo, candidate.subjectPublicKeyInfo)))) {
        continue;
      }
      const isAnchor = anchorIds.has(candidate.sha256);
      if (!isAnchor && path.length + 1 >= MAX_PATH_CERTIFICATES) continue;
      attempts++;
      const next = [...path, candidate];
      const check = await edge(cert, candidate);
      let branchTaint = taint;
      if (!check.valid && !branchTaint) {
        branchTaint = {
          rank: RANK.anchorSignature,
          code: check.code ?? 'CERTIFICATE_SIGNATURE_INVALID',
          path: next,
          evidence: { certificate: cert, index: path.length - 1, time, detail: check.detail ?? 'signature does not verify', ...(check.signatureCode ? { signatureCode: check.signatureCode } : {}) },
          warnings: [],
        };
      }
      if (isAnchor) {
        if (branchTaint) {
          remember({ ...branchTaint, path: next });
          continue;
        }
        const done = await finish(next);
        if (done) return done;
        continue;
      }
      if (!branchTaint && options.maxDepth !== undefined && next.slice(1).filter((c) => !c.isSelfIssued).length > options.maxDepth) {
        remember({
          rank: RANK.partial, code: 'PATH_LENGTH_EXCEEDED', path: next,
          evidence: { certificate: candidate, index: next.length - 1, time, detail: `more than ${options.maxDepth} intermediate certificates` }, warnings: [],
        });
        continue;
      }
      const done = await extend(next, branchTaint);
      if (done) return done;
    }
    return null;
  };

  const found = await extend([target], null);
  if (found) return found;
  if (best) return { valid: false, code: best.code, path: best.path, evidence: best.evidence, warnings: best.warnings, attempts };
  const last = deepest[deepest.length - 1]!;
  const detail = attempts >= maxAttempts
    ? `stopped after ${attempts} issuer candidates without reaching a trust anchor`
    : `no trusted issuer found for ${last.issuer.toString()}`;
  return {
    valid: false, code: 'NO_CERTIFICATE_CHAIN_FOUND', path: deepest,
    evidence: { certificate: last, index: deepest.length - 1, time, detail }, warnings: [], attempts,
  };
}

function uniqueBySha256(certs: readonly Certificate[]): Certificate[] {
  const seen = new Set<string>();
  return certs.filter((c) => !seen.has(c.sha256) && (seen.add(c.sha256), true));
}

/** Issuer candidates for `cert`, best first (see the file comment). */
function issuerCandidates(cert: Certificate, anchors: readonly Certificate[], anchorIds: ReadonlySet<string>, bag: readonly Certificate[], time: Date): Certificate[] {
  const wanted = cert.authorityKeyIdentifier?.keyIdentifier;
  const scored: { c: Certificate; score: number; order: number }[] = [];
  [...anchors, ...bag].forEach((c, order) => {
    if (!namesMatch(cert.issuer, c.subject)) return;
    const ski = c.subjectKeyIdentifier;
    if (wanted && ski && !bytesEqual(wanted, ski)) return;
    const score = (anchorIds.has(c.sha256) ? 4 : 0) + (wanted && ski ? 2 : 0) + (c.isValidAt(time) ? 1 : 0);
    scored.push({ c, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.c);
}

/**
 * Verifies `child`'s signature with `issuer`'s key, remembered across validations by both certificates'
 * SHA-256 (certificate-signature-cache.ts says why that is safe). Names are not compared here. Exported for the
 * revocation proxy, which checks a path link by link with this same function.
 */
export async function checkEdge(child: Certificate, issuer: Certificate): Promise<EdgeCheck> {
  const cached = cachedCertificateSignature(child.sha256, issuer.sha256);
  if (cached) return cached;
  const check = await verifyEdge(child, issuer);
  rememberCertificateSignature(child.sha256, issuer.sha256, check);
  return check;
}

/** Verifies `child`'s signature with `issuer`'s key (core/crypto does the mathematics). */
async function verifyEdge(child: Certificate, issuer: Certificate): Promise<EdgeCheck> {
  let algorithm;
  try {
    algorithm = signatureAlgorithmFromIdentifier(child.signatureAlgorithm);
  } catch (e) {
    return {
      valid: false, code: 'CERTIFICATE_ALGORITHM_UNSUPPORTED', signatureCode: isImzalaError(e) ? e.code : 'UNSUPPORTED_ALGORITHM',
      detail: `signature algorithm ${child.signatureAlgorithm.oid} is not supported`,
    };
  }
  const check = await verifySignature({ publicKeyInfo: issuer.subjectPublicKeyInfo, algorithm, data: child.tbs, signature: child.signatureValue });
  if (check.valid) return { valid: true, hash: algorithm.hash, ...(check.key ? { issuerKey: check.key } : {}) };
  const code: PathFailureCode = check.code === 'UNSUPPORTED_ALGORITHM'
    ? 'CERTIFICATE_ALGORITHM_UNSUPPORTED'
    : check.code === 'WEAK_KEY' ? 'WEAK_ALGORITHM' : 'CERTIFICATE_SIGNATURE_INVALID';
  const reason = typeof check.details.reason === 'string' ? `: ${check.details.reason}` : '';
  return { valid: false, code, signatureCode: check.code ?? 'SIG_CRYPTO_FAILURE', detail: `the signature does not verify with the issuer's key (${check.code})${reason}` };
}
