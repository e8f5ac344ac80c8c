/**
 * A DigestSigner whose private key is on a token: the signature algorithm follows the certificate's key, each digest
 * goes to `send` (the extension's background and native host, or the CLI's PKCS#11 module), and the value comes back.
 * ECDSA values come raw r||s (PKCS#11 returns them so). Core checks every value against the certificate before it
 * is used.
 */
import type { DigestSigner } from '../cms/digest-signer.js';
import { fromBase64, toBase64 } from '../encoding/base64.js';
import { ImzalaError } from '../errors.js';
import type { DigestAlgorithmName, NativeSignResult, SignRequestArgs, TokenCertificate } from '../protocol/native.js';
import { signerDescription } from './key-pair-signer.js';

const TOKEN_DIGESTS: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'] satisfies DigestAlgorithmName[];

export interface TokenSignerOptions {
  /** Shown by the native host next to the PIN prompt. */
  documentName: string;
  /** Called when the digest is on its way to the token (the PIN window opens). */
  onAwaitingToken?: () => void;
  /** Has the token sign one digest. */
  send: (args: SignRequestArgs) => Promise<NativeSignResult>;
}

export function tokenSigner(entry: TokenCertificate, options: TokenSignerOptions): DigestSigner {
  const description = signerDescription(fromBase64(entry.certificate), entry.chain.map(fromBase64));
  const { hash, scheme } = description.algorithm;
  if (!TOKEN_DIGESTS.includes(hash)) throw new ImzalaError('TOKEN_DIGEST_UNSUPPORTED', `${hash} is not signed on tokens`, { hash });
  return {
    ...description,
    ...(scheme === 'ECDSA' ? { signatureFormat: 'p1363' as const } : {}),
    async sign({ digest }) {
      options.onAwaitingToken?.();
      const result = await options.send({
        certificate: entry.certificate,
        digest: toBase64(digest),
        algorithm: hash as DigestAlgorithmName,
        scheme,
        documentName: options.documentName,
      });
      // A value made with another scheme would only fail core's check later with a vaguer message.
      if (result.scheme !== scheme) throw new ImzalaError('TOKEN_SCHEME_MISMATCH', `the token signed with ${result.scheme}, not ${scheme}`, { expected: scheme, got: result.scheme });
      return fromBase64(result.signature);
    },
  };
}
