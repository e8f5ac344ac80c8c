/**
 * The one error type of the native host for expected failures: a BridgeError code plus its
 * evidence. main.ts turns it into the answer's `error`; anything else thrown becomes INTERNAL_ERROR without its stack.
 */
import type { BridgeErrorCode } from '../../core/protocol/codes.js';

export type HostErrorCode = BridgeErrorCode;

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HostError';
  }
}
