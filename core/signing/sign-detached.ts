/** Detached CAdES-B-B over any file (the .p7s beside it); the file is streamed, never held whole. */
import { createHasher } from '../crypto/hash.js';
import { forEachChunk, type ByteSource } from '../io/byte-source.js';
import { buildCadesSignature } from '../cms/build-signed-data.js';
import type { DigestSigner } from '../cms/digest-signer.js';
import { checkSignerCertificate } from './signer-certificate.js';

export async function signDetached(
  content: ByteSource,
  signer: DigestSigner,
  signingTime: Date,
  timestamp?: (cms: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  checkSignerCertificate(signer.certificate, signingTime);
  const hasher = createHasher(signer.algorithm.hash);
  await forEachChunk(content, 0, content.size, (chunk) => hasher.update(chunk));
  const cms = await buildCadesSignature({ signer, contentDigest: hasher.digest(), signingTime });
  return timestamp ? timestamp(cms) : cms;
}
