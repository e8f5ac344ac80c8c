/**
 * The native host's expected failures: core's ImzalaError narrowed to the bridge's codes (so the CLI, which uses the
 * same PKCS#11 back end, reports them like any other refusal). main.ts turns one into the answer's `error`; anything
 * else thrown becomes INTERNAL_ERROR without its stack.
 */
import { ImzalaError } from '../../core/errors.js';
import type { BridgeErrorCode } from '../../core/protocol/codes.js';

export type HostErrorCode = BridgeErrorCode;

export class HostError extends ImzalaError {
  constructor(
    override readonly code: HostErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
    this.name = 'HostError';
  }
}
