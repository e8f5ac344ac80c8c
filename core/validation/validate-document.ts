/**
 * Checks one file and returns its `imzala.report/1`: recognises the format by its bytes (never by its name),
 * validates every signature, and decides the document status. Expected failures to read the file are
 * ImzalaErrors (the CLI maps them to exit 65); the report itself never lies about what was checked.
 */
import type { ByteSource } from '../io/byte-source.js';
import { toHex } from '../encoding/hex.js';
import { latin1String } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import type { Finding } from '../report/indications.js';
import { documentStatus, type FileFormat, type SignatureReport, type ValidationReport } from '../report/report.js';
import { certificateRef, reportMessages } from './signature-report.js';
import { validateCmsFile } from './validate-cms.js';
import { validatePdf } from './validate-pdf.js';
import type { ValidationContext } from './validation-context.js';

export interface DocumentInput {
  name: string;
  source: ByteSource;
  /** The signed data of a detached CMS signature. */
  content?: ByteSource;
}

/** Recognises a file by its first bytes. */
export async function sniffFormat(source: ByteSource): Promise<FileFormat> {
  const head = await source.read(0, 1024);
  if (latin1String(head).includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'asic';
  // DER/BER SEQUENCE whose first element is the signedData OID 1.2.840.113549.1.7.2.
  const signedDataOid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
  if (head[0] === 0x30) {
    const at = head[1]! < 0x80 ? 2 : 2 + (head[1]! & 0x7f);
    if (signedDataOid.every((b, i) => head[at + i] === b)) return 'cms';
  }
  return 'unknown';
}

export async function validateDocument(input: DocumentInput, context: ValidationContext, checkedAt = new Date()): Promise<ValidationReport> {
  const { source } = input;
  if (source.size === 0) throw new ImzalaError('FILE_EMPTY', 'the file is empty');
  const format = await sniffFormat(source);
  let signatures: SignatureReport[];
  let sha256: Uint8Array;
  let revisions: number | undefined;
  let documentWarnings: Finding[] = [];
  switch (format) {
    case 'pdf': {
      const pdf = await validatePdf(source, context);
      ({ signatures, sha256, revisions, documentWarnings } = pdf);
      break;
    }
    case 'cms':
      ({ signatures, documentWarnings, sha256 } = await validateCmsFile(source, context, input.content));
      break;
    case 'asic':
      // Container code (ZIP, manifests) is loaded only for containers.
      ({ signatures, documentWarnings, sha256 } = await (await import('./validate-asic.js')).validateAsic(source, context));
      break;
    default:
      throw new ImzalaError('FORMAT_UNKNOWN', 'the file is not a signed format imzala knows (PDF, CMS .p7s, ASiC)');
  }
  const report: ValidationReport = {
    schema: 'imzala.report/1',
    file: { name: input.name, size: source.size, sha256: toHex(sha256), format },
    checkedAt: checkedAt.toISOString(),
    trustAnchors: context.anchors.map(certificateRef),
    status: documentStatus(signatures, documentWarnings.length),
    signatures,
  };
  if (context.validationTime.getTime() !== checkedAt.getTime()) report.validationTime = context.validationTime.toISOString();
  if (documentWarnings.length) report.warnings = reportMessages(documentWarnings, context.language);
  if (revisions !== undefined) report.revisions = revisions;
  return report;
}
