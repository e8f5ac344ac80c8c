/**
 * Validation of every signature in a PDF. The structure is read on demand (core/pdf), each CMS is verified
 * over exactly its ByteRange, and all digests (plus the file's SHA-256) come from one streaming pass.
 */
import type { HashAlgorithm } from '../crypto/hash.js';
import type { ByteSource } from '../io/byte-source.js';
import { hashRanges, type HashJob } from '../io/hash-ranges.js';
import { parseSignedData, type ParsedSignedData } from '../cms/parse-signed-data.js';
import { verifyCmsSignatures } from '../cms/verify-signed-data.js';
import { isImzalaError } from '../errors.js';
import { analyzeChanges, type SignatureChanges } from '../pdf/change-analysis/index.js';
import { readDss } from '../pdf/dss.js';
import { Certificate } from '../pki/certificate.js';
import { Crl } from '../pki/crl.js';
import { scanPdfSignatures, type PdfSignatureField, type PdfSignatureScan } from '../pdf/scan-signatures.js';
import type { Finding } from '../report/indications.js';
import type { Modifications, SignatureKind, SignatureReport } from '../report/report.js';
import { cmsSignatureParts, reportMessages } from './signature-report.js';
import { checkSignatureTimestamps, proofsOfExistence } from './signature-timestamps.js';
import { documentTimestampReport, readDocumentTimestamp, type DocumentTimestampToken } from './document-timestamps.js';
import type { ValidationContext } from './validation-context.js';

export interface PdfValidation {
  signatures: SignatureReport[];
  sha256: Uint8Array;
  revisions: number;
  documentWarnings: Finding[];
}

const KIND_BY_SUBFILTER: Readonly<Record<string, SignatureKind>> = {
  'ETSI.CAdES.detached': 'PAdES',
  'adbe.pkcs7.detached': 'PKCS7',
  'ETSI.RFC3161': 'DocTimeStamp',
};

/** SubFilters whose CMS covers the ByteRange directly (the only ones this verifier decides on). */
const DETACHED_CMS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

interface Candidate {
  field: PdfSignatureField;
  kind: SignatureKind;
  signedData: ParsedSignedData | null;
  /** A document timestamp's token, when the signature is one. */
  documentTimestamp?: DocumentTimestampToken;
  problem: Finding | null;
}

async function candidateOf(field: PdfSignatureField): Promise<Candidate> {
  const kind = field.type === 'DocTimeStamp' ? 'DocTimeStamp' : KIND_BY_SUBFILTER[field.subFilter ?? ''] ?? 'PKCS7';
  const base = { field, kind, signedData: null };
  if (field.byteRangeCode) return { ...base, problem: { code: field.byteRangeCode, details: { byteRange: field.byteRange } } };
  if (field.type === 'DocTimeStamp' && field.subFilter === 'ETSI.RFC3161') {
    const stamp = await readDocumentTimestamp(field.contents!);
    return 'token' in stamp ? { ...base, documentTimestamp: stamp, problem: null } : { ...base, problem: stamp };
  }
  if (field.type === 'DocTimeStamp' || !DETACHED_CMS.has(field.subFilter ?? '')) {
    return { ...base, problem: { code: 'SUBFILTER_UNSUPPORTED', details: { subFilter: field.subFilter } } };
  }
  try {
    return { ...base, signedData: parseSignedData(field.contents!, true), problem: null };
  } catch (e) {
    return { ...base, problem: { code: isImzalaError(e) ? e.code : 'CMS_MALFORMED' } };
  }
}

/** The signed ranges of a ByteRange [a, b, c, d] as [start, length] pairs. */
function rangesOf(byteRange: number[]): Array<[number, number]> {
  return [
    [byteRange[0]!, byteRange[1]!],
    [byteRange[2]!, byteRange[3]!],
  ];
}

/** PDF whitespace (ISO 32000 7.2.2) and NUL: all a writer may leave after the last %%EOF. */
const TRAILING_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
/** Trailing bytes looked at; more than this after the last revision is never harmless padding. */
const TRAILING_LOOK = 64 * 1024;

/**
 * Bytes after the last revision that are not whitespace: objects appended without a cross-reference section
 * (an incremental saving attack that viewers repairing the file would show), or any other unsigned data.
 */
async function unsignedTrailingData(source: ByteSource, scan: PdfSignatureScan): Promise<Finding | null> {
  const last = scan.revisions[scan.revisions.length - 1];
  if (!last || last.end >= scan.size) return null;
  const length = scan.size - last.end;
  const tail = await source.read(last.end, Math.min(length, TRAILING_LOOK));
  if (length <= TRAILING_LOOK && tail.every((b) => TRAILING_WHITESPACE.has(b))) return null;
  return { code: 'DATA_AFTER_LAST_REVISION', details: { offset: last.end, bytes: length } };
}

interface SignatureModifications {
  modifications: Modifications;
  /** Disallowed changes (errors) and permitted ones (warnings), with revision, pages and objects. */
  errors: Finding[];
  warnings: Finding[];
}

const NO_CHANGES: SignatureModifications = { modifications: 'none', errors: [], warnings: [] };

/**
 * What was added after a signature: the revision-by-revision analysis (core/pdf/change-analysis), and unsigned
 * bytes after the last revision, which the analysis cannot see (they have no cross-reference section).
 */
function modificationsAfter(field: PdfSignatureField, changes: Map<number, SignatureChanges>, trailing: Finding | null): SignatureModifications {
  if (field.revision === null) return NO_CHANGES;
  const analysed = changes.get(field.revision);
  const out: SignatureModifications = { modifications: analysed?.modifications ?? 'none', errors: [], warnings: [] };
  for (const f of analysed?.findings ?? []) {
    const finding: Finding = { code: f.code, details: { revision: f.revision, objects: f.objects, pages: f.pages, ...(f.detail ? { detail: f.detail } : {}) } };
    (f.severity === 'disallowed' ? out.errors : out.warnings).push(finding);
  }
  if (trailing) {
    out.modifications = 'disallowed';
    out.errors.push(trailing);
  }
  return out;
}

/**
 * Validation data the document carries in its /DSS (PAdES B-LT): certificates, CRLs and OCSP responses to build
 * and check paths with, so a document can be checked offline. A malformed /DSS is left out, with a warning.
 */
async function validationDataOf(
  scan: PdfSignatureScan,
  warnings: Finding[],
): Promise<{ certificates: Certificate[]; crls: Crl[]; ocspResponses: Uint8Array[] }> {
  const out = { certificates: [] as Certificate[], crls: [] as Crl[], ocspResponses: [] as Uint8Array[] };
  let dss;
  try {
    dss = await readDss(scan.document);
  } catch (e) {
    warnings.push({ code: isImzalaError(e) ? e.code : 'PDF_DSS_MALFORMED' });
    return out;
  }
  for (const der of dss?.certificates ?? []) {
    try {
      out.certificates.push(Certificate.fromDer(der));
    } catch {
      warnings.push({ code: 'PDF_DSS_MALFORMED', details: { detail: 'an unreadable certificate' } });
    }
  }
  out.ocspResponses.push(...(dss?.ocspResponses ?? []));
  for (const der of dss?.crls ?? []) {
    try {
      out.crls.push(Crl.fromDer(der));
    } catch {
      warnings.push({ code: 'PDF_DSS_MALFORMED', details: { detail: 'an unreadable CRL' } });
    }
  }
  return out;
}

/** The parts of a signature's report entry that come from the PDF (kind, coverage, changes, field). */
function commonOf(c: Candidate, i: number, changes: SignatureModifications) {
  const f = c.field;
  return {
    id: `sig-${i + 1}`,
    kind: c.kind,
    timestamp: null,
    coverage: f.byteRange
      ? {
          byteRange: f.byteRange,
          wholeDocumentAtSigning: f.byteRangeCode === null && f.revision !== null,
          revision: f.revision,
          coversWholeFile: f.coversWholeFile,
        }
      : null,
    modificationsAfter: changes.modifications,
    fieldName: f.fieldName,
    reason: f.reason,
    location: f.location,
  };
}

/** The signer's proof of existence: its own timestamp or a later document timestamp, whichever is earlier. */
function earliestProof(own: Map<number, Date>, fromDocument: Date | null): Map<number, Date> {
  const mine = own.get(0);
  if (fromDocument && (!mine || fromDocument < mine)) own.set(0, fromDocument);
  return own;
}

export async function validatePdf(source: ByteSource, context: ValidationContext): Promise<PdfValidation> {
  const scan = await scanPdfSignatures(source);
  const documentWarnings: Finding[] = scan.warnings.map((w) => ({ code: w.code, ...(w.detail ? { details: { detail: w.detail } } : {}) }));
  // An empty or zero-filled signature value is no signature: the field is a placeholder (or a forgery attempt).
  const real = scan.signatures.filter((f) => !f.contentsEmpty);
  if (real.length < scan.signatures.length) documentWarnings.push({ code: 'EMPTY_SIGNATURE_FIELD' });
  const candidates = await Promise.all(real.map(candidateOf));

  // One pass: the file's SHA-256 and each signature's ByteRange digest in each algorithm its signers use.
  const jobs: HashJob[] = [{ algorithm: 'SHA-256', ranges: [[0, scan.size]] }];
  const jobIndex = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (c.documentTimestamp) {
      jobIndex.set(`${i}/${c.documentTimestamp.hash}`, jobs.length);
      jobs.push({ algorithm: c.documentTimestamp.hash, ranges: rangesOf(c.field.byteRange!) });
    }
    for (const info of c.signedData?.signerInfos ?? []) {
      if (!info.digestAlgorithm || jobIndex.has(`${i}/${info.digestAlgorithm}`)) continue;
      jobIndex.set(`${i}/${info.digestAlgorithm}`, jobs.length);
      jobs.push({ algorithm: info.digestAlgorithm, ranges: rangesOf(c.field.byteRange!) });
    }
  });
  const digests = await hashRanges(source, jobs);

  const trailing = await unsignedTrailingData(source, scan);
  const dss = await validationDataOf(scan, documentWarnings);
  const signedRevisions = [...new Set(candidates.flatMap((c) => (c.field.revision === null ? [] : [c.field.revision])))];
  const changesByRevision = await analyzeChanges(scan.document, signedRevisions);

  // Document timestamps first: a valid one proves that every signature in an earlier revision existed at its
  // time (PAdES B-LTA), which can keep such a signature valid after its certificate expired.
  const documentTimestamps = new Map<number, SignatureReport>();
  const provenAt: { revision: number; time: Date }[] = [];
  for (const [i, c] of candidates.entries()) {
    if (!c.documentTimestamp) continue;
    const changes = modificationsAfter(c.field, changesByRevision, trailing);
    const digest = digests[jobIndex.get(`${i}/${c.documentTimestamp.hash}`)!]!;
    const report = await documentTimestampReport(c.documentTimestamp, digest, commonOf(c, i, changes), changes, context);
    documentTimestamps.set(i, report);
    if (report.indication === 'TOTAL_PASSED' && report.timestamp && c.field.revision !== null) {
      provenAt.push({ revision: c.field.revision, time: new Date(report.timestamp.time) });
    }
  }
  /** The earliest time a valid document timestamp proves for a signature of revision `revision`. */
  const documentProof = (revision: number | null): Date | null =>
    revision === null
      ? null
      : provenAt.filter((p) => p.revision > revision).reduce<Date | null>((min, p) => (!min || p.time < min ? p.time : min), null);

  const signatures: SignatureReport[] = [];
  for (const [i, c] of candidates.entries()) {
    const f = c.field;
    const changes = modificationsAfter(f, changesByRevision, trailing);
    const common = commonOf(c, i, changes);
    const changeErrors = reportMessages(changes.errors, context.language);
    const changeWarnings = reportMessages(changes.warnings, context.language);
    const stampReport = documentTimestamps.get(i);
    if (stampReport) {
      signatures.push(stampReport);
      continue;
    }
    if (c.problem || !c.signedData) {
      const problem = c.problem ?? { code: 'CMS_MALFORMED' };
      const undecided = problem.code === 'SUBFILTER_UNSUPPORTED';
      signatures.push({
        ...common,
        indication: undecided ? 'INDETERMINATE' : 'TOTAL_FAILED',
        subIndication: undecided ? 'SIGNED_DATA_NOT_FOUND' : 'FORMAT_FAILURE',
        signer: null,
        claimedSigningTime: f.signingTime?.toISOString() ?? null,
        chain: [],
        revocation: { status: 'unknown', source: null },
        errors: [...reportMessages([problem], context.language), ...changeErrors],
        warnings: changeWarnings,
      });
      continue;
    }
    if (c.signedData.signerInfos.length !== 1 || c.signedData.eContent) {
      signatures.push({
        ...common,
        indication: 'TOTAL_FAILED',
        subIndication: 'FORMAT_FAILURE',
        signer: null,
        claimedSigningTime: f.signingTime?.toISOString() ?? null,
        chain: [],
        revocation: { status: 'unknown', source: null },
        errors: [...reportMessages([{ code: 'PDF_SIGNATURE_NOT_DETACHED_SINGLE_SIGNER' }], context.language), ...changeErrors],
        warnings: changeWarnings,
      });
      continue;
    }
    const stamps = await checkSignatureTimestamps(c.signedData, context);
    const verification = await verifyCmsSignatures(c.signedData, {
      proofOfExistence: earliestProof(proofsOfExistence(stamps), documentProof(f.revision)),
      anchors: context.anchors,
      time: context.validationTime,
      crls: [...context.crls, ...dss.crls],
      extraCertificates: dss.certificates,
      ocspResponses: dss.ocspResponses,
      revocation: context.revocation,
      claimedSigningTime: f.signingTime,
      etsiProfile: c.kind === 'PAdES',
      digestContent: async (algorithm: HashAlgorithm) => digests[jobIndex.get(`${i}/${algorithm}`)!]!,
    });
    const parts = cmsSignatureParts(verification.signers[0]!, context.language);
    const stamp = stamps.get(0);
    signatures.push({
      ...common,
      ...parts,
      timestamp: stamp?.report ?? null,
      errors: [...parts.errors, ...changeErrors],
      warnings: [...parts.warnings, ...reportMessages(stamp?.findings ?? [], context.language), ...changeWarnings],
    });
  }
  return { signatures, sha256: digests[0]!, revisions: scan.revisions.length, documentWarnings };
}
