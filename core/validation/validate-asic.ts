/**
 * Validation of ASiC-S / ASiC-E containers with CAdES signatures: the manifest (or the single data file) must
 * cover exactly the container's data files with matching digests, and each CMS must verify over it. A container
 * layout imzala cannot verify (an ADoc variant, a plain ZIP) is refused with a code, never guessed at.
 */
import { digest } from '../crypto/hash.js';
import type { ByteSource } from '../io/byte-source.js';
import { readAsicSignatures } from '../asic/index.js';
import { verifyCmsSignatures, digestOfBytes } from '../cms/verify-signed-data.js';
import { ImzalaError } from '../errors.js';
import type { Finding, Indication, SubIndication } from '../report/indications.js';
import type { SignatureReport } from '../report/report.js';
import { cmsSignatureParts, reportMessages } from './signature-report.js';
import type { ValidationContext } from './validation-context.js';

/** Containers are read whole; the ZIP reader bounds them to this. */
const MAX_CONTAINER_BYTES = 100 * 1024 * 1024;

/** Layouts that cannot be verified at all: the file is refused (exit 65), not reported as unsigned. */
const UNVERIFIABLE = new Set(['ASIC_UNRECOGNISED_VARIANT', 'ASIC_NOT_A_CONTAINER']);

/** What a manifest problem means for the signature over it. */
function manifestVerdict(code: string): { indication: Indication; subIndication: SubIndication } {
  if (code === 'ASIC_DATA_FILE_DIGEST_MISMATCH' || code === 'ASIC_REFERENCED_FILE_MISSING') {
    return { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' };
  }
  if (code === 'ASIC_WEAK_DIGEST_ALGORITHM') return { indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' };
  return { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
}

const RANK: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

export async function validateAsic(
  source: ByteSource,
  context: ValidationContext,
): Promise<{ signatures: SignatureReport[]; documentWarnings: Finding[]; sha256: Uint8Array }> {
  if (source.size > MAX_CONTAINER_BYTES) {
    throw new ImzalaError('ZIP_TOO_LARGE', 'the container is too large', { size: source.size, limit: MAX_CONTAINER_BYTES });
  }
  const container = await source.read(0, source.size);
  const reading = await readAsicSignatures(container);
  const refusal = reading.problems.find((p) => UNVERIFIABLE.has(p.code));
  if (refusal) throw new ImzalaError(refusal.code, 'this container layout cannot be verified', { ...refusal.details, mimetype: reading.mimetype });
  const documentWarnings = reading.problems.filter((p) => p.code !== 'ASIC_NO_SIGNATURE');

  const signatures: SignatureReport[] = [];
  for (const [i, s] of reading.signatures.entries()) {
    let entry: SignatureReport;
    try {
      const verification = await verifyCmsSignatures(s.cms, {
        anchors: context.anchors,
        time: context.validationTime,
        crls: context.crls,
        revocation: context.revocation,
        etsiProfile: true,
        digestContent: digestOfBytes(s.signedData),
      });
      const signer = verification.signers[0]!;
      entry = { id: `asic-${i + 1}`, kind: 'CAdES', ...cmsSignatureParts(signer, context.language), timestamp: null, coverage: null, modificationsAfter: 'none' };
      if (verification.signers.length !== 1 || !verification.detached) {
        entry.indication = 'TOTAL_FAILED';
        entry.subIndication = 'FORMAT_FAILURE';
        entry.errors.push(...reportMessages([{ code: 'ASIC_SIGNATURE_NOT_DETACHED' }], context.language));
      }
    } catch (e) {
      const code = e instanceof ImzalaError ? e.code : 'CMS_MALFORMED';
      entry = {
        id: `asic-${i + 1}`, kind: 'CAdES', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', signer: null,
        claimedSigningTime: null, timestamp: null, coverage: null, modificationsAfter: 'none', chain: [],
        revocation: { status: 'unknown', source: null }, errors: reportMessages([{ code }], context.language), warnings: [],
      };
    }
    // A manifest that does not match the files means the signature does not cover the container as it is now.
    for (const problem of s.manifestProblems) {
      const verdict = manifestVerdict(problem.code);
      if (RANK[verdict.indication] > RANK[entry.indication]) Object.assign(entry, verdict);
      entry.errors.push(...reportMessages([problem], context.language));
    }
    entry.fieldName = s.signatureName;
    signatures.push(entry);
  }
  // The file's SHA-256 from the bytes already read, not a second pass over up to 100 MB.
  return { signatures, documentWarnings, sha256: digest('SHA-256', container) };
}
