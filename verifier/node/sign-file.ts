/**
 * Writes signed files: the output is built in a temporary file beside the target and renamed into place only
 * when complete and checked, so a failure never leaves a half-written or unsigned file under the asked name.
 */
import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ByteSource } from '../../core/io/byte-source.js';
import type { DigestSigner } from '../../core/cms/digest-signer.js';
import { ImzalaError } from '../../core/errors.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { signDetached } from '../../core/signing/sign-detached.js';
import { scanPdfSignatures } from '../../core/pdf/scan-signatures.js';
import type { PreparedPdfSignature } from '../../core/pdf/prepare-signature.js';
import { openFileByteSource } from './file-byte-source.js';

export interface FileSigningOptions {
  signingTime: Date;
  reason?: string;
  location?: string;
  /** Adds a signature timestamp (from a TSA) to each CMS made. */
  timestamp?: (cms: Uint8Array) => Promise<Uint8Array>;
  /** Certify the PDF (DocMDP level). */
  certification?: 1 | 2 | 3;
  /** PAdES B-LT: the /DSS update to append once the signature is written and checked. */
  longTerm?: (signed: ByteSource) => Promise<Uint8Array>;
}

function tempPathFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Signs a PDF into `out`: one read of the original (hashed while copied), then the update appended. */
export async function signPdfFile(source: ByteSource, out: string, signer: DigestSigner, options: FileSigningOptions): Promise<void> {
  await writeSignedPdf(
    source,
    out,
    async (onSourceChunk) => {
      const { update, prepared } = await signPdf(source, signer, { ...options, onSourceChunk });
      return { update, prepared };
    },
    options.longTerm,
  );
}

/**
 * Writes a PDF with a new signature (or document timestamp) revision: `make` streams the original through
 * `onSourceChunk` (copied to a temporary file as it is hashed) and returns the update. imzala's own reader must
 * then find the new signature covering the whole new file before the file is handed over under `out`.
 */
export async function writeSignedPdf(
  source: ByteSource,
  out: string,
  make: (onSourceChunk: (chunk: Uint8Array) => void) => Promise<{ update: Uint8Array; prepared: PreparedPdfSignature }>,
  longTerm?: (signed: ByteSource) => Promise<Uint8Array>,
): Promise<void> {
  const temp = tempPathFor(out);
  const fd = openSync(temp, 'w', 0o644);
  let open = true;
  try {
    const { update, prepared } = await make((chunk) => writeAll(fd, chunk));
    writeAll(fd, update);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    const written = openFileByteSource(temp);
    try {
      const scan = await scanPdfSignatures(written);
      const mine = scan.signatures.find((s) => s.contentsStart === prepared.contentsStart);
      if (!mine || mine.byteRangeCode !== null || !mine.coversWholeFile) {
        throw new ImzalaError('SIGNED_PDF_CHECK_FAILED', 'the signed PDF did not pass imzala’s own structure check', {
          detail: mine?.byteRangeCode ?? 'signature not found',
        });
      }
      if (longTerm) {
        const dss = await longTerm(written);
        if (dss.length) appendFileSync(temp, dss);
      }
    } finally {
      written.close();
    }
    renameSync(temp, out);
  } catch (e) {
    if (open) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Writes `bytes` to `out` through a temporary file, so `out` is either complete or untouched. */
function writeAtomically(out: string, bytes: Uint8Array): void {
  const temp = tempPathFor(out);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Writes a detached .p7s for any file. */
export async function signCmsFile(source: ByteSource, out: string, signer: DigestSigner, options: FileSigningOptions): Promise<void> {
  writeAtomically(out, await signDetached(source, signer, options.signingTime, options.timestamp));
}

/** Signs a file into a new ASiC-E container, or adds a signature to an existing ASiC-E container. */
export async function signAsicFile(input: string, isContainer: boolean, out: string, signer: DigestSigner, options: FileSigningOptions): Promise<void> {
  const bytes = new Uint8Array(readFileSync(input));
  // The ZIP and container code is loaded only for containers.
  const { coSignAsicE, signIntoAsicE } = await import('../../core/signing/sign-asic.js');
  const container = isContainer
    ? await coSignAsicE(bytes, signer, options.signingTime, options.timestamp)
    : await signIntoAsicE([{ name: basename(input), bytes }], signer, options.signingTime, options.timestamp);
  writeAtomically(out, container);
}
