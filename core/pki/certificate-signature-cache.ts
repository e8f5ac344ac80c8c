/**
 * A bounded memo of certificate-signature checks: "certificate C's signature verifies (or not) with the key of
 * certificate I". A service checks the same CA certificates in every request (the signer's ICA, the PCA, the
 * root), so the RSA/ECDSA work for those edges is done once instead of once per document.
 *
 * Why this is safe:
 * - The answer is a pure function of the two certificates' bytes: the signed TBSCertificate, the signature
 *   algorithm and value all lie inside C's DER; the issuer's key inside I's DER. The algorithm and key-size
 *   policy (weak hashes, minimum RSA sizes) are constants of the code, not options of a call.
 * - The key is both certificates' SHA-256 over their whole DER (Certificate.sha256). Finding a different
 *   certificate with the same key would need a SHA-256 collision; no byte of either certificate can change
 *   without changing the key.
 * - Only the signature edge is remembered. Everything that depends on the time, the revocation data, the path
 *   or the policy (validity, key usage, basic constraints, name constraints, CRL/OCSP) is checked again on
 *   every validation.
 * - A document's signature (SignerInfo, timestamp, CRL, OCSP response) is never cached here: it is over data
 *   that changes with every document and is always verified.
 * - Bounded: at most MAX_ENTRIES entries, least recently used dropped first, so hostile uploads full of
 *   certificates cost memory no more than that, and at worst only evict entries (slower, never wrong).
 */
import type { EdgeCheck } from './path-checks.js';

/** Most remembered certificate-signature checks. A real hierarchy has a handful of CA certificates. */
export const MAX_ENTRIES = 4096;

const entries = new Map<string, EdgeCheck>();

function keyOf(childSha256: string, issuerSha256: string): string {
  return `${childSha256}:${issuerSha256}`;
}

/** The remembered check of `child` (SHA-256 hex) signed by `issuer`'s key, or undefined. A copy each time. */
export function cachedCertificateSignature(childSha256: string, issuerSha256: string): EdgeCheck | undefined {
  const key = keyOf(childSha256, issuerSha256);
  const found = entries.get(key);
  if (!found) return undefined;
  // Map keeps insertion order: re-inserting marks the entry as the most recently used.
  entries.delete(key);
  entries.set(key, found);
  return { ...found };
}

/** Remembers the check of `child` signed by `issuer`'s key (see the file comment for why this is safe). */
export function rememberCertificateSignature(childSha256: string, issuerSha256: string, check: EdgeCheck): void {
  const key = keyOf(childSha256, issuerSha256);
  entries.delete(key);
  entries.set(key, { ...check });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

/** Number of remembered checks (tests). */
export function certificateSignatureCacheSize(): number {
  return entries.size;
}

/** Forgets everything (tests). */
export function clearCertificateSignatureCache(): void {
  entries.clear();
}
