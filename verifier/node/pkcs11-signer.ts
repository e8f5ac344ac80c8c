/**
 * `imzala sign --pkcs11 LIB [--slot ID] [--pin-env VAR]`: a signer on a USB token, through the same PKCS#11 back end
 * and token signer the native host and the extension use. The first signing certificate on the token (or on the
 * chosen slot) is used; the PIN comes from the caller (an environment variable or a hidden prompt), once.
 */
import { existsSync } from 'node:fs';
import type { DigestSigner } from '../../core/cms/digest-signer.js';
import { ImzalaError } from '../../core/errors.js';
import type { TokenCertificate } from '../../core/protocol/native.js';
import { tokenSigner } from '../../core/signing/token-signer.js';
import { pkcs11Backend } from '../../extension/native-host/pkcs11-backend.js';

export interface Pkcs11SignerOptions {
  library: string;
  /** The token's slot id as PKCS#11 numbers it; default: the first token with a signing certificate. */
  slot?: string;
  /** Asked once, when the first digest is signed. */
  pin: () => Promise<string>;
  documentName: string;
}

export async function pkcs11Signer(options: Pkcs11SignerOptions): Promise<{ signer: DigestSigner; certificate: TokenCertificate }> {
  const { library } = options;
  if (!existsSync(library)) throw new ImzalaError('TOKEN_LIBRARY_NOT_FOUND', `${library} does not exist`, { library });
  const backend = pkcs11Backend({ libraries: [library], defaultLibraries: [] });
  // The back end's refusals are ImzalaErrors with the bridge's codes (PROTOCOL_MESSAGES): the CLI reports them as such.
  const listed = await backend.listCertificates({ pkcs11Library: library });
  const entry = listed.certificates.find((c) => options.slot === undefined || c.token.slotId === options.slot);
  if (!entry) throw new ImzalaError('KEY_NOT_FOUND', `no signing certificate on ${options.slot === undefined ? 'the token' : `slot ${options.slot}`}`);
  let pin: Promise<string> | undefined;
  const signer = tokenSigner(entry, {
    documentName: options.documentName,
    send: (args) => backend.sign({ ...args, pkcs11Library: library, origin: 'imzala sign (command line)' }, () => (pin ??= options.pin())),
  });
  return { signer, certificate: entry };
}
