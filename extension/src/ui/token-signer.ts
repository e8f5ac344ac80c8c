/**
 * The token signer of the extension's own pages: core's tokenSigner, sending each digest to the background as
 * `ui:sign` (which asks the native host).
 */
import type { DigestSigner } from '../../../core/cms/digest-signer.js';
import type { TokenCertificate } from '../../../core/protocol/native.js';
import { tokenSigner as coreTokenSigner, type TokenSignerOptions as CoreOptions } from '../../../core/signing/token-signer.js';
import { signOnToken } from './background-client.js';

export type TokenSignerOptions = Omit<CoreOptions, 'send'> & Partial<Pick<CoreOptions, 'send'>>;

export function tokenSigner(entry: TokenCertificate, options: TokenSignerOptions): DigestSigner {
  return coreTokenSigner(entry, { ...options, send: options.send ?? signOnToken });
}
