/** Signed samples for fuzzing, made in process: a PDF signed twice, a detached CMS with its content, an ASiC-E container. */
import { concatBytes, utf8Bytes } from '../../core/encoding/bytes.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { buildCadesSignature } from '../../core/cms/build-signed-data.js';
import { digest } from '../../core/crypto/hash.js';
import { Certificate } from '../../core/pki/certificate.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { signIntoAsicE } from '../../core/signing/sign-asic.js';
import { keyPairSigner } from '../../core/signing/key-pair-signer.js';
import type { ValidationContext } from '../../core/validation/validation-context.js';
import { createDemoHierarchy, type DemoEntity } from '../../verifier/pki-demo/demo-hierarchy.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import type { FuzzSample } from './mutate.js';

const signerOf = (entity: DemoEntity, chain: Uint8Array[]) => keyPairSigner({ certificate: entity.certificate, chain, privateKeyPkcs8: entity.privateKeyPkcs8! });

export async function fuzzSamples(): Promise<{ samples: FuzzSample[]; context: ValidationContext }> {
  const h = await createDemoHierarchy();
  const chain = [h.ica.certificate, h.pca.certificate];
  const citizen = await signerOf(h.citizen, chain);
  const business = await signerOf(h.business, chain);
  let pdf = samplePdf(['TEST fuzz sample', 'Party 1', 'Party 2']);
  for (const signer of [citizen, business]) {
    const { update } = await signPdf(bytesSource(pdf), signer, { signingTime: new Date() });
    pdf = concatBytes(pdf, update);
  }
  const content = utf8Bytes('TEST fuzz content');
  const cms = await buildCadesSignature({ signer: citizen, contentDigest: digest('SHA-256', content), signingTime: new Date() });
  const container = await signIntoAsicE([{ name: 'akt.txt', bytes: content }], citizen, new Date());
  return {
    samples: [{ bytes: pdf }, { bytes: cms, content }, { bytes: container }],
    context: { anchors: [Certificate.fromDer(h.rca.certificate)], validationTime: new Date(), crls: [], language: 'en' },
  };
}
