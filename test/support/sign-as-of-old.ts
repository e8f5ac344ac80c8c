/**
 * Signs a PDF with a key file through core's parts directly, skipping the pre-signing checks of
 * core/signing: this makes what a signature made back when a now-expired certificate was valid looks like,
 * so the verifier's handling of it can be tested.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bytesSource } from '../../core/io/byte-source.js';
import { createHasher } from '../../core/crypto/hash.js';
import { buildCadesSignature } from '../../core/cms/build-signed-data.js';
import { readPkcs12 } from '../../core/keys/pkcs12.js';
import { keyPairSigner } from '../../core/signing/key-pair-signer.js';
import { embedSignatureContents, forEachSignedChunk, preparePdfSignature } from '../../core/pdf/prepare-signature.js';

export async function signWithoutChecks(input: string, output: string, p12: string, password: string): Promise<void> {
  const bundle = await readPkcs12(new Uint8Array(readFileSync(p12)), password);
  const signer = await keyPairSigner(bundle);
  const original = new Uint8Array(readFileSync(input));
  const source = bytesSource(original);
  const prepared = await preparePdfSignature(source, { signingTime: new Date(), placeholderSize: 12_000 });
  const hasher = createHasher(signer.algorithm.hash);
  await forEachSignedChunk(source, prepared, (chunk) => hasher.update(chunk));
  const cms = await buildCadesSignature({
    signer,
    contentDigest: hasher.digest(),
  });
  writeFileSync(output, Buffer.concat([original, embedSignatureContents(prepared, cms)]));
}
