/**
 * Signing in two steps, for tools that sign far from the document (a token behind the extension, ASAN İmza, an
 * outside client of the hash-signing API): `digestToSign` runs a signing operation until the signer is asked for
 * its value and returns the digest it was given; `signWithValue` runs the same operation again with the value the
 * tool returned. This works because every signing operation here is deterministic for the same inputs (document,
 * certificate, algorithm, signing time): the PDF update, the ASiC manifest and the CMS signed attributes come out
 * byte for byte the same, so the value signed in between fits the second run. Keep the inputs (and the signing
 * time!) between the two calls; `buildCadesSignature` checks the returned value with imzala's own verifier.
 */
import type { DigestSigner } from '../cms/digest-signer.js';
import { ImzalaError } from '../errors.js';

/** The signer's public part: certificate, chain, algorithm (and the ECDSA value format the tool returns). */
export type SignerDescription = Omit<DigestSigner, 'sign'>;

/** A signing operation to run twice: it receives the signer and must do everything else the same way each time. */
export type SigningOperation<T> = (signer: DigestSigner) => Promise<T>;

class DigestCaptured extends Error {
  constructor(readonly digest: Uint8Array) {
    super('digest captured');
  }
}

/** The digest (of the CMS signed attributes) that `operation` asks its signer to sign. */
export async function digestToSign(description: SignerDescription, operation: SigningOperation<unknown>): Promise<Uint8Array> {
  const signer: DigestSigner = {
    ...description,
    sign: async ({ digest }) => {
      throw new DigestCaptured(digest.slice());
    },
  };
  try {
    await operation(signer);
  } catch (e) {
    if (e instanceof DigestCaptured) return e.digest;
    throw e;
  }
  throw new ImzalaError('SIGNING_OPERATION_UNSIGNED', 'the signing operation finished without asking for a signature');
}

/**
 * Runs `operation` again with `signatureValue` as the signer's answer. When the operation asks for a different digest
 * than `expectedDigest` (its inputs changed in between), it is refused before anything is built with the value.
 */
export async function signWithValue<T>(
  description: SignerDescription,
  expectedDigest: Uint8Array,
  signatureValue: Uint8Array,
  operation: SigningOperation<T>,
): Promise<T> {
  const signer: DigestSigner = {
    ...description,
    sign: async ({ digest }) => {
      if (digest.length !== expectedDigest.length || digest.some((b, i) => b !== expectedDigest[i])) {
        throw new ImzalaError('SIGNING_INPUT_CHANGED', 'the document or the signer changed between preparing and completing the signature');
      }
      return signatureValue;
    },
  };
  return operation(signer);
}
