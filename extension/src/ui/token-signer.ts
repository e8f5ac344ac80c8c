/**
 * A DigestSigner whose private key is on the token: the signature algorithm follows the certificate's key, the
 * digest goes to the background as `ui:sign`, and the value comes back. ECDSA values come raw r||s (PKCS#11
 * returns them so). Core checks every value against the certificate before it is used.
 */
import type { DigestSigner } from '../../../core/cms/digest-signer.js';
import { fromBase64, toBase64 } from '../../../core/encoding/base64.js';
import { bridgeError } from '../../../core/protocol/codes.js';
import type { DigestAlgorithmName, NativeSignResult, SignRequestArgs, TokenCertificate } from '../../../core/protocol/native.js';
import { signerDescription } from '../../../core/signing/key-pair-signer.js';
import { BridgeFailure, signOnToken } from './background-client.js';

const TOKEN_DIGESTS: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'] satisfies DigestAlgorithmName[];

export interface TokenSignerOptions {
  /** Shown by the native host next to the PIN prompt. */
  documentName: string;
  /** Called when the digest is on its way to the token (the PIN window opens). */
  onAwaitingToken?: () => void;
  /** Sends `ui:sign` (replaceable in tests). */
  send?: (args: SignRequestArgs) => Promise<NativeSignResult>;
}

export function tokenSigner(entry: TokenCertificate, options: TokenSignerOptions): DigestSigner {
  const description = signerDescription(fromBase64(entry.certificate), entry.chain.map(fromBase64));
  const { hash, scheme } = description.algorithm;
  if (!TOKEN_DIGESTS.includes(hash)) throw new BridgeFailure(bridgeError('INVALID_REQUEST', { reason: `${hash} is not signed on tokens` }));
  const send = options.send ?? signOnToken;
  return {
    ...description,
    ...(scheme === 'ECDSA' ? { signatureFormat: 'p1363' as const } : {}),
    async sign({ digest }) {
      options.onAwaitingToken?.();
      const result = await send({
        certificate: entry.certificate,
        digest: toBase64(digest),
        algorithm: hash as DigestAlgorithmName,
        scheme,
        documentName: options.documentName,
      });
      // A value made with another scheme would only fail core's check later with a vaguer message.
      if (result.scheme !== scheme) throw new BridgeFailure(bridgeError('INTERNAL_ERROR', { reason: `token signed with ${result.scheme}, not ${scheme}` }));
      return fromBase64(result.signature);
    },
  };
}
