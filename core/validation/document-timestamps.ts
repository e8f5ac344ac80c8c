/**
 * PDF document timestamps (/SubFilter /ETSI.RFC3161, PAdES B-LTA): an RFC 3161 token over the ByteRange. Each is
 * reported as a signature of kind DocTimeStamp, with the TSA as its signer and the token's time.
 */
import type { HashAlgorithm } from '../crypto/hash.js';
import { readTlv } from '../encoding/der-reader.js';
import { isImzalaError } from '../errors.js';
import type { Finding, Indication, SubIndication } from '../report/indications.js';
import type { SignatureReport } from '../report/report.js';
import { certificateRef, reportMessages, signerReport } from './signature-report.js';
import type { ValidationContext } from './validation-context.js';

export interface DocumentTimestampToken {
  /** The token, cut to its DER length (the /Contents placeholder is zero-padded). */
  token: Uint8Array;
  hash: HashAlgorithm;
}

/** The token of a document timestamp and the hash its imprint uses, or the reason it cannot be read. */
export async function readDocumentTimestamp(contents: Uint8Array): Promise<DocumentTimestampToken | Finding> {
  // The timestamp code is loaded only for documents that carry a document timestamp.
  const { readTimestampToken } = await import('../tsp/verify-timestamp.js');
  try {
    const token = contents.subarray(0, readTlv(contents).end);
    const { tstInfo } = readTimestampToken(token);
    if (!tstInfo.hash) return { code: 'TSP_UNSUPPORTED_ALGORITHM', details: { oid: tstInfo.hashOid } };
    return { token, hash: tstInfo.hash };
  } catch (e) {
    return { code: isImzalaError(e) ? e.code : 'TSP_MALFORMED' };
  }
}

/** What a failed timestamp check means for the document timestamp as a whole. */
function verdictOf(code: string): { indication: Indication; subIndication: SubIndication } {
  switch (code) {
    case 'TSP_IMPRINT_MISMATCH':
      return { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' };
    case 'TSP_SIGNATURE_INVALID':
      return { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' };
    case 'TSP_MALFORMED':
    case 'TSP_NOT_TSTINFO':
      return { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
    case 'TSP_TSA_UNTRUSTED':
      return { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' };
    default:
      return { indication: 'INDETERMINATE', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE' };
  }
}

type Common = Pick<SignatureReport, 'id' | 'kind' | 'coverage' | 'modificationsAfter' | 'fieldName' | 'reason' | 'location'>;

/** Verifies one document timestamp over its ByteRange digest and builds its report entry. */
export async function documentTimestampReport(
  stamp: DocumentTimestampToken,
  rangeDigest: Uint8Array,
  common: Common,
  changes: { errors: Finding[]; warnings: Finding[] },
  context: ValidationContext,
): Promise<SignatureReport> {
  const { verifyTimestampToken } = await import('../tsp/verify-timestamp.js');
  const v = await verifyTimestampToken(stamp.token, {
    imprintOf: () => rangeDigest,
    anchors: context.anchors,
    time: context.validationTime,
    crls: context.crls,
    revocation: context.revocation,
  });
  const verdict = v.valid ? { indication: 'TOTAL_PASSED' as const, subIndication: null } : verdictOf(v.code ?? 'TSP_MALFORMED');
  return {
    ...common,
    ...verdict,
    signer: v.tsaCertificate ? signerReport(v.tsaCertificate) : null,
    claimedSigningTime: v.time?.toISOString() ?? null,
    timestamp: v.time ? { time: v.time.toISOString(), tsa: v.tsa, valid: v.valid } : null,
    chain: v.path?.path.map(certificateRef) ?? [],
    revocation: { status: v.cms?.revocation ?? 'unknown', source: v.cms?.revocationSource ?? null },
    errors: [...reportMessages(v.errors, context.language), ...reportMessages(changes.errors, context.language)],
    warnings: [...reportMessages(v.warnings, context.language), ...reportMessages(changes.warnings, context.language)],
  };
}
