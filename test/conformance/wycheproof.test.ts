import { afterEach, describe, expect, it, vi } from 'vitest';
import { runWycheproof, type WycheproofSummary } from './wycheproof.js';

/**
 * Valid vectors imzala refuses on purpose, with the reason. Empty: every valid vector in the corpus verifies.
 * (Anything added here must also be reported in the conformance notes.)
 */
const VALID_REJECTED_BY_POLICY: Record<string, string> = {};

function expectConformant(summary: WycheproofSummary): void {
  // Every file of the corpus is read and understood (the harness throws on unknown kinds instead of skipping).
  expect(summary.files).toBe(16);
  expect(summary.valid).toBeGreaterThan(1000);
  expect(summary.invalid).toBeGreaterThan(2000);
  expect(summary.invalidAcceptedIds).toEqual([]);
  expect(summary.invalidAccepted).toBe(0);
  expect(summary.validRejectedIds.filter((id) => !(id in VALID_REJECTED_BY_POLICY))).toEqual([]);
}

describe('Wycheproof signature vectors through the CMS/X.509 verification path', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('verifies every valid vector and accepts no invalid one (WebCrypto for ECDSA)', async () => {
    const summary = await runWycheproof();
    expectConformant(summary);
    expect(summary.validRejected).toBe(Object.keys(VALID_REJECTED_BY_POLICY).length);
    // Acceptable vectors may go either way; these are RSA PKCS#1 DigestInfos without the NULL parameters,
    // which encode-and-compare refuses.
    expect(summary.acceptable).toBe(5);
    expect(summary.acceptableAccepted).toBe(0);
    // Both failure kinds occur: strict DER refusals and cryptographic failures.
    expect(summary.rejectionCodes.MALFORMED_SIGNATURE).toBeGreaterThan(0);
    expect(summary.rejectionCodes.SIG_CRYPTO_FAILURE).toBeGreaterThan(0);
  });

  it('gives the same answers where WebCrypto is missing (ECDSA through @noble/curves)', async () => {
    // A page served over plain http has no crypto.subtle; the verifier falls back to @noble/curves there.
    vi.stubGlobal('crypto', undefined);
    const summary = await runWycheproof();
    expectConformant(summary);
    expect(summary.validRejected).toBe(0);
  });
});
