/**
 * Signing a file the user picked on their own computer: a PDF gets a PAdES signature as an incremental update
 * (the original bytes are streamed, never copied), an existing ASiC-E container one more signature, and any other
 * file goes into a new ASiC-E container. The same core engines the CLI and the service use.
 */
import type { DigestSigner } from '../../../core/cms/digest-signer.js';
import { createHasher } from '../../../core/crypto/hash.js';
import { toHex } from '../../../core/encoding/hex.js';
import { blobSource, forEachChunk } from '../../../core/io/byte-source.js';
import { coSignAsicE, signIntoAsicE } from '../../../core/signing/sign-asic.js';
import { signPdf } from '../../../core/signing/sign-pdf.js';
import { sniffFormat } from '../../../core/validation/validate-document.js';

export type LocalSigningKind = 'pdf' | 'asic-new' | 'asic-cosign';

/** Files signed into a container are held in memory once; PDFs are streamed but checked afterwards the same way. */
export const MAX_LOCAL_FILE_BYTES = 100 * 1024 * 1024;

const ASIC_E_NAME = /\.(asice|sce)$/i;

/** How `file` will be signed, from its first bytes (not its name alone: a .pdf that is not a PDF goes into ASiC-E). */
export async function localSigningKind(file: Blob & { name: string }): Promise<LocalSigningKind> {
  const format = await sniffFormat(blobSource(file));
  if (format === 'pdf') return 'pdf';
  if (format === 'asic' && ASIC_E_NAME.test(file.name)) return 'asic-cosign';
  return 'asic-new';
}

/** The lowercase hex SHA-256 of the file, read in chunks. */
export async function sha256Hex(file: Blob): Promise<string> {
  const hasher = createHasher('SHA-256');
  await forEachChunk(blobSource(file), 0, file.size, (chunk) => hasher.update(chunk));
  return toHex(hasher.digest());
}

/** The file name without its last extension, for naming the result. */
export function baseName(name: string): string {
  const base = name.replace(/\.[^./\\]{1,10}$/, '');
  return base || 'imzala';
}

/** The name the signed file is saved under. */
export function signedFileName(name: string, kind: LocalSigningKind): string {
  if (kind === 'pdf') return `${baseName(name)}-imzali.pdf`;
  if (kind === 'asic-cosign') return `${baseName(name)}-imzali.asice`;
  return `${baseName(name)}.asice`;
}

export interface SignedLocalFile {
  blob: Blob;
  name: string;
  kind: LocalSigningKind;
}

/** Signs `file` with `signer` at `signingTime`. Throws core's ImzalaError or the signer's BridgeFailure. */
export async function signLocalFile(file: File, kind: LocalSigningKind, signer: DigestSigner, signingTime: Date): Promise<SignedLocalFile> {
  const name = signedFileName(file.name, kind);
  if (kind === 'pdf') {
    const { update } = await signPdf(blobSource(file), signer, { signingTime });
    return { blob: new Blob([file, update as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name, kind };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const container =
    kind === 'asic-cosign'
      ? await coSignAsicE(bytes, signer, signingTime)
      : await signIntoAsicE([{ name: file.name, bytes, ...(file.type ? { mimeType: file.type } : {}) }], signer, signingTime);
  return { blob: new Blob([container as Uint8Array<ArrayBuffer>], { type: 'application/vnd.etsi.asic-e+zip' }), name, kind };
}
