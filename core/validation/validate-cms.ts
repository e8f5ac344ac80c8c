/** Validation of a CMS signature file (.p7s / .p7m): detached with given content, or with encapsulated content. */
import { digest } from '../crypto/hash.js';
import { bytesSource, type ByteSource } from '../io/byte-source.js';
import { hashRanges } from '../io/hash-ranges.js';
import { parseSignedData } from '../cms/parse-signed-data.js';
import { verifyCmsSignatures } from '../cms/verify-signed-data.js';
import { ImzalaError } from '../errors.js';
import type { Finding } from '../report/indications.js';
import type { SignatureReport } from '../report/report.js';
import { cmsSignatureParts, reportMessages } from './signature-report.js';
import { checkSignatureTimestamps, proofsOfExistence } from './signature-timestamps.js';
import type { ValidationContext } from './validation-context.js';

/** The most a .p7s may be for reading it whole (content is streamed separately). */
const MAX_CMS_FILE = 32 * 1024 * 1024;

export interface CmsFileValidation {
  signatures: SignatureReport[];
  documentWarnings: Finding[];
  /** SHA-256 of the signature file, from the bytes already read. */
  sha256: Uint8Array;
}

export async function validateCmsFile(
  source: ByteSource,
  context: ValidationContext,
  content: ByteSource | undefined,
): Promise<CmsFileValidation> {
  const documentWarnings: Finding[] = [];
  if (source.size > MAX_CMS_FILE) throw new ImzalaError('CMS_TOO_LARGE', 'the CMS signature is too large', { size: source.size });
  const bytes = await source.read(0, source.size);
  const signedData = parseSignedData(bytes);
  let signedContent: ByteSource;
  if (signedData.eContent) {
    // What was signed is inside the signature; a --content meant for another (detached) file is not used here.
    if (content) documentWarnings.push({ code: 'CMS_CONTENT_IGNORED' });
    signedContent = bytesSource(signedData.eContent);
  } else if (content) {
    signedContent = content;
  } else {
    throw new ImzalaError('CMS_CONTENT_MISSING', 'a detached signature needs the signed file (--content FILE)');
  }
  const stamps = await checkSignatureTimestamps(signedData, context);
  const verification = await verifyCmsSignatures(signedData, {
    proofOfExistence: proofsOfExistence(stamps),
    anchors: context.anchors,
    time: context.validationTime,
    crls: context.crls,
    revocation: context.revocation,
    digestContent: async (algorithm) => (await hashRanges(signedContent, [{ algorithm, ranges: [[0, signedContent.size]] }]))[0]!,
  });
  const signatures = verification.signers.map((signer): SignatureReport => {
    const parts = cmsSignatureParts(signer, context.language);
    const stamp = stamps.get(signer.index);
    return {
    id: `cms-${signer.index + 1}`,
    // CAdES when the signer is bound by the ESS signing certificate reference; otherwise plain PKCS#7/CMS.
    kind: signer.signingCertificateReference === 'absent' ? 'PKCS7' : 'CAdES',
    ...parts,
    warnings: [...parts.warnings, ...reportMessages(stamp?.findings ?? [], context.language)],
    timestamp: stamp?.report ?? null,
    coverage: null,
    modificationsAfter: 'none',
    };
  });
  return { signatures, documentWarnings, sha256: digest('SHA-256', bytes) };
}
