/**
 * PAdES-B-B signing of a PDF as an incremental update: prepare the update with a placeholder, hash exactly
 * the ByteRange (the original bytes streamed once, then the update around the placeholder), let the signer
 * sign the CMS signed attributes, and put the CMS into the placeholder. The original bytes are never changed.
 */
import { createHasher } from '../crypto/hash.js';
import type { ByteSource } from '../io/byte-source.js';
import { buildCadesSignature } from '../cms/build-signed-data.js';
import type { DigestSigner } from '../cms/digest-signer.js';
import { checkSignerCertificate } from './signer-certificate.js';
import {
  embedSignatureContents, forEachSignedChunk, preparePdfSignature, type PreparedPdfSignature,
} from '../pdf/prepare-signature.js';

export interface PdfSigningOptions {
  signingTime: Date;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Called with each chunk of the original file as it is hashed (the CLI copies it to the output meanwhile). */
  onSourceChunk?: (chunk: Uint8Array) => void;
  /** A certification signature (DocMDP) allowing 1 no changes, 2 form filling, 3 also annotations. */
  certification?: 1 | 2 | 3;
  /** Adds a signature timestamp to the finished CMS (PAdES B-T); room for it is reserved in the placeholder. */
  timestamp?: (cms: Uint8Array) => Promise<Uint8Array>;
}

/** Room reserved for a signature timestamp token: the TSA's certificates and its signature. */
const TIMESTAMP_ROOM = 12 * 1024;

export interface SignedPdfUpdate {
  /** The incremental update, signature included: append it to the original bytes. */
  update: Uint8Array;
  prepared: PreparedPdfSignature;
  cms: Uint8Array;
}

/**
 * CMS capacity to reserve: the certificates and the signature value, plus room for the attributes and the
 * structure. Sized from the real certificates so the placeholder neither overflows nor bloats the file.
 */
export function placeholderSizeFor(signer: DigestSigner): number {
  const certificates = [signer.certificate, ...(signer.chain ?? [])].reduce((n, c) => n + c.length, 0);
  return certificates + 512 /* RSA-4096 signature */ + 2048 /* attributes, structure, margin */;
}

export async function signPdf(source: ByteSource, signer: DigestSigner, options: PdfSigningOptions): Promise<SignedPdfUpdate> {
  checkSignerCertificate(signer.certificate, options.signingTime);
  const prepared = await preparePdfSignature(source, {
    signingTime: options.signingTime,
    placeholderSize: placeholderSizeFor(signer) + (options.timestamp ? TIMESTAMP_ROOM : 0),
    reason: options.reason,
    location: options.location,
    contactInfo: options.contactInfo,
    certification: options.certification,
    subFilter: 'ETSI.CAdES.detached',
  });
  const hasher = createHasher(signer.algorithm.hash);
  await forEachSignedChunk(source, prepared, (chunk, fromSource) => {
    hasher.update(chunk);
    if (fromSource) options.onSourceChunk?.(chunk);
  });
  // PAdES: no signingTime attribute in the CMS; the claimed time is the signature dictionary's /M.
  const signed = await buildCadesSignature({ signer, contentDigest: hasher.digest() });
  const cms = options.timestamp ? await options.timestamp(signed) : signed;
  return { update: embedSignatureContents(prepared, cms), prepared, cms };
}
