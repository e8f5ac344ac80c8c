/**
 * The one error type core throws for expected failures (bad input, unsupported data, refusals).
 * `code` is stable and has messages in az/en/ru (core/report/messages.ts); `details` is the evidence.
 * Anything else thrown is a bug and is reported as INTERNAL_ERROR.
 */
export class ImzalaError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ImzalaError';
  }
}

export function isImzalaError(e: unknown): e is ImzalaError {
  return e instanceof ImzalaError;
}
