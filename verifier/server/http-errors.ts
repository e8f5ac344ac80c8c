/**
 * The one table from refusal code to HTTP status, and the JSON error body `{"error": {"code", "message"}}`.
 * Messages come from the code in the user's language; a stack or an internal message never reaches the user.
 */
import type { Request, Response } from 'express';
import { isImzalaError } from '../../core/errors.js';
import { localizeCli } from '../cli/messages.js';
import { SIMULATOR_CONTROL_ERROR_STATUS } from '../providers/simulator-control.js';
import { SIMA_ERROR_STATUS } from '../providers/sima/codes.js';
import { SESSION_ERROR_STATUS } from './services/session-codes.js';
import { requestLanguage } from './language.js';

/** Code -> HTTP status. An ImzalaError with a code not listed here came from checking the file: 422. */
export const ERROR_STATUS: Readonly<Record<string, number>> = {
  ...SIMULATOR_CONTROL_ERROR_STATUS,
  ...SIMA_ERROR_STATUS,
  ...SESSION_ERROR_STATUS,
  FILE_MISSING: 400,
  UPLOAD_INVALID: 400,
  INVALID_TIME: 400,
  NOT_FOUND: 404,
  PROCESS_INPUT_INVALID: 400,
  PROCESS_FIELDS_INVALID: 400,
  PROCESS_TOO_LARGE: 413,
  LINK_USED: 410,
  PROCESS_NOT_FOUND: 404,
  CANCEL_REASON_TOO_LONG: 400,
  PROCESS_EXPIRED: 410,
  PROCESS_NOT_IN_PROGRESS: 409,
  RECIPIENT_OUT_OF_TURN: 409,
  SIGNING_INPUT_CHANGED: 409,
  CERTIFICATE_INVALID: 400,
  SIGNING_REQUEST_INVALID: 400,
  SIGNER_PRODUCED_INVALID_SIGNATURE: 400,
  CERTIFICATE_UNTRUSTED: 403,
  CERTIFICATE_IDENTITY_MISMATCH: 403,
  SIGNING_SESSION_UNKNOWN: 404,
  DECLINE_REASON_REQUIRED: 400,
  DECLINE_REASON_TOO_LONG: 400,
  PROVIDER_PHONE_INVALID: 400,
  PROVIDER_USER_ID_INVALID: 400,
  PROVIDER_NOT_CONFIGURED: 503,
  MOBILE_SIGNATURE_CERT_NOT_FOUND: 404,
  MOBILE_SIGNATURE_CERT_SUSPENDED: 403,
  MOBILE_SIGNATURE_CERT_EXPIRED: 403,
  MOBILE_SIGNATURE_SERVICE_UNAVAILABLE: 503,
  LINK_INVALID: 404,
  FILE_TOO_LARGE: 413,
  FORMAT_UNKNOWN: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVER_BUSY: 503,
  // POST /api/v1/revocation: refusals of the request, then what the upstream server did.
  REVOCATION_PROXY_BAD_REQUEST: 400,
  REVOCATION_PROXY_PATH_LENGTH: 400,
  REVOCATION_PROXY_OCSP_REQUEST_TOO_LARGE: 400,
  REVOCATION_PROXY_PATH_INVALID: 403,
  REVOCATION_PROXY_ANCHOR_UNKNOWN: 403,
  REVOCATION_PROXY_URL_UNSUPPORTED: 403,
  REVOCATION_PROXY_URL_NOT_NAMED: 403,
  REVOCATION_PROXY_BODY_TOO_LARGE: 413,
  REVOCATION_PROXY_OFFLINE: 503,
  REVOCATION_FETCH_FAILED: 502,
  REVOCATION_RESPONSE_TOO_LARGE: 502,
  REVOCATION_FETCH_TIMEOUT: 504,
};

/** Status of a document that could be received but not checked (unreadable, malformed, over a parse limit). */
export const UNPROCESSABLE = 422;

export interface ErrorBody {
  /** `fields`: for a refused form, each refused field (a path such as "signers[1].fin") with its code and words. */
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

/** The field refusals carried in an error's details (core/process's FieldError list), if any. */
function fieldErrors(details: Record<string, unknown> | undefined): { field: string; code: string }[] {
  const errors = details?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is { field: string; code: string } => typeof e?.field === 'string' && typeof e?.code === 'string');
}

/** The code, status and message details of any thrown value; anything not an ImzalaError is INTERNAL_ERROR. */
export function classifyError(e: unknown): { code: string; status: number; details?: Record<string, unknown> } {
  if (!isImzalaError(e)) return { code: 'INTERNAL_ERROR', status: 500 };
  return { code: e.code, status: ERROR_STATUS[e.code] ?? UNPROCESSABLE, details: e.details };
}

/** Sends the JSON error for a thrown value. */
export function sendError(req: Request, res: Response, e: unknown): void {
  const { code, status, details } = classifyError(e);
  const language = requestLanguage(req);
  const body: ErrorBody = { error: { code, message: localizeCli(code, language, details) } };
  const fields = fieldErrors(details);
  if (fields.length) body.error.fields = fields.map((f) => ({ field: f.field, code: f.code, message: localizeCli(f.code, language) }));
  res.status(status).json(body);
}
