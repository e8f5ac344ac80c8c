/**
 * Signing files that are not PDFs into an ETSI ASiC-E container (EN 319 162-1): each signer adds one
 * ASiCManifest over all data files and a detached CAdES-B-B signature over that manifest, so further signers
 * add their own pair and nothing signed earlier changes.
 */
import { addAsicESignature, createAsicE, type AsicDataFile } from '../asic/index.js';
import { buildCadesSignature } from '../cms/build-signed-data.js';
import type { DigestSigner } from '../cms/digest-signer.js';
import { digest } from '../crypto/hash.js';
import { checkSignerCertificate } from './signer-certificate.js';

type Timestamper = (cms: Uint8Array) => Promise<Uint8Array>;

function manifestSigner(signer: DigestSigner, signingTime: Date, timestamp?: Timestamper) {
  return async (manifest: Uint8Array) => {
    const cms = await buildCadesSignature({ signer, contentDigest: digest(signer.algorithm.hash, manifest), signingTime });
    return timestamp ? timestamp(cms) : cms;
  };
}

/** A new ASiC-E container holding `files`, signed by `signer`. */
export async function signIntoAsicE(files: AsicDataFile[], signer: DigestSigner, signingTime: Date, timestamp?: Timestamper): Promise<Uint8Array> {
  checkSignerCertificate(signer.certificate, signingTime);
  return createAsicE(files, manifestSigner(signer, signingTime, timestamp));
}

/** The container with one more signature over all its data files (refused when it was changed after earlier signers). */
export async function coSignAsicE(container: Uint8Array, signer: DigestSigner, signingTime: Date, timestamp?: Timestamper): Promise<Uint8Array> {
  checkSignerCertificate(signer.certificate, signingTime);
  return addAsicESignature(container, manifestSigner(signer, signingTime, timestamp));
}
