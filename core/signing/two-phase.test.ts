/**
 * Two-phase signing as a remote tool does it: the tool only ever sees the digest and signs it as a pre-hashed value
 * (here node:crypto plays the token / phone: RSA PKCS#1 v1.5 over DigestInfo, ECDSA over the digest), and the
 * document signed in the second step verifies VALID. A value for another digest, or changed inputs, are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, utf8Bytes } from '../encoding/bytes.js';
import { bytesSource } from '../io/byte-source.js';
import { Certificate } from '../pki/certificate.js';
import { isImzalaError } from '../errors.js';
import { validateDocument } from '../validation/validate-document.js';
import { createDemoHierarchy, type DemoHierarchy, type DemoEntity } from '../../verifier/pki-demo/demo-hierarchy.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { keyPairSigner } from './key-pair-signer.js';
import { signPdf } from './sign-pdf.js';
import { signIntoAsicE } from './sign-asic.js';
import { digestToSign, signWithValue, type SignerDescription } from './two-phase.js';
import { signDigest } from '../../test/support/remote-signer.js';

let h: DemoHierarchy;
beforeAll(async () => {
  h = await createDemoHierarchy();
});

async function describeSigner(entity: DemoEntity): Promise<SignerDescription> {
  const { sign: _sign, ...description } = await keyPairSigner({ certificate: entity.certificate, chain: [h.ica.certificate, h.pca.certificate], privateKeyPkcs8: entity.privateKeyPkcs8! });
  return description;
}

const remoteTool = (entity: DemoEntity, digest: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') => signDigest(entity.privateKeyPkcs8!, digest, hash);

const check = (bytes: Uint8Array, name: string) =>
  validateDocument({ name, source: bytesSource(bytes) }, { anchors: [Certificate.fromDer(h.rca.certificate)], validationTime: new Date(), crls: [], language: 'en' });

describe('two-phase signing', () => {
  for (const who of ['citizen', 'business'] as const) {
    it(`a PDF signed from the digest alone verifies VALID (${who})`, async () => {
      const entity = h[who];
      const description = await describeSigner(entity);
      const pdf = samplePdf(['TEST two-phase']);
      const signingTime = new Date();
      const operation = (signer: Parameters<typeof signPdf>[1]) => signPdf(bytesSource(pdf), signer, { signingTime, reason: 'TEST' });
      const digest = await digestToSign(description, operation);
      expect(digest).toHaveLength(32);
      // Between the two steps the server holds only the inputs; the tool sends back the value.
      const value = remoteTool(entity, digest, description.algorithm.hash as 'SHA-256');
      const { update } = await signWithValue(description, digest, value, operation);
      const report = await check(concatBytes(pdf, update), 'two-phase.pdf');
      expect(report.status).toBe('VALID');
      expect(report.signatures[0]!.signer!.fin).toBe(entity === h.citizen ? '1TEST01' : '1TEST02');
    });
  }

  it('an ASiC-E container signed from the digest alone verifies VALID', async () => {
    const description = await describeSigner(h.citizen);
    const signingTime = new Date();
    const files = [{ name: 'akt.txt', bytes: utf8Bytes('TEST akt') }];
    const operation = (signer: Parameters<typeof signIntoAsicE>[1]) => signIntoAsicE(files, signer, signingTime);
    const digest = await digestToSign(description, operation);
    const container = await signWithValue(description, digest, remoteTool(h.citizen, digest, 'SHA-256'), operation);
    expect((await check(container, 'akt.asice')).status).toBe('VALID');
  });

  it('refuses a value made for another digest, and inputs that changed between the steps', async () => {
    const description = await describeSigner(h.citizen);
    const pdf = samplePdf(['TEST two-phase refusals']);
    const signingTime = new Date();
    const operation = (signer: Parameters<typeof signPdf>[1]) => signPdf(bytesSource(pdf), signer, { signingTime });
    const digest = await digestToSign(description, operation);
    const wrong = remoteTool(h.citizen, new Uint8Array(32).fill(7), 'SHA-256');
    const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (isImzalaError(e) ? e.code : String(e)));
    expect(await code(signWithValue(description, digest, wrong, operation))).toBe('SIGNER_PRODUCED_INVALID_SIGNATURE');
    const later = (signer: Parameters<typeof signPdf>[1]) => signPdf(bytesSource(pdf), signer, { signingTime: new Date(signingTime.getTime() + 1000) });
    expect(await code(signWithValue(description, digest, remoteTool(h.citizen, digest, 'SHA-256'), later))).toBe('SIGNING_INPUT_CHANGED');
  });
});
