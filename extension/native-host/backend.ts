/**
 * What the bridge needs from a local signer. The PKCS#11 backend is the first; another local signer program (such as
 * the desktop "Online imzalayıcı", whose protocol is not public) can be added as another SignerBackend without touching
 * main.ts or the browser side.
 */
import type { NativeListResult, NativeSignArgs, NativeSignResult, NativeStatusResult } from '../../core/protocol/native.js';
import type { PinRequest } from './pin-prompt.js';

export interface BackendOptions {
  /** A library path from the extension's managed policy; tried before the host config's list. */
  pkcs11Library?: string;
}

/** What the backend knows when it needs the PIN; the host adds origin, document and digest. */
export type PinContext = Pick<PinRequest, 'certificateName' | 'fin' | 'tokenLabel' | 'pinCountLow' | 'finalTry'>;

/** Asks the person for the PIN; throws HostError USER_CANCELLED / USER_TIMEOUT when there is none. */
export type AskPin = (context: PinContext) => Promise<string>;

export type BackendStatus = Omit<NativeStatusResult, 'version' | 'protocol'>;

export interface SignerBackend {
  readonly name: string;
  status(options: BackendOptions): Promise<BackendStatus>;
  listCertificates(options: BackendOptions): Promise<NativeListResult>;
  /** Signs `args.digest`; every failure is a HostError with a bridge code. */
  sign(args: NativeSignArgs, askPin: AskPin): Promise<NativeSignResult>;
}
