/**
 * `POST /api/v1/revocation`: JSON `{"url", "path": [base64 DER...], "ocspRequest"?: base64}` -> the CRL or OCSP
 * answer's bytes exactly as fetched (services/revocation-proxy.ts decides what may be fetched). Answers are
 * `no-store`: they are about one person's certificate.
 */
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ImzalaError } from '../../../core/errors.js';
import type { ServerConfig } from '../config.js';
import { perMinuteLimit } from '../rate-limit.js';
import type { RevocationProxy } from '../services/revocation-proxy.js';

/** The JSON body: a path of six certificates in base64 plus a request fits well within it. */
export const MAX_PROXY_BODY_BYTES = 64 * 1024;

/**
 * Checking one document in the page asks for up to a few addresses per certificate of its paths, so the proxy
 * allows this many times IMZALA_RATE_LIMIT (the limit of whole-document checks) per minute per client address.
 */
export const REVOCATION_RATE_FACTOR = 10;

/** body-parser's refusals as the service's codes. */
function bodyError(e: unknown): ImzalaError {
  const type = (e as { type?: unknown } | undefined)?.type;
  if (type === 'entity.too.large') return new ImzalaError('REVOCATION_PROXY_BODY_TOO_LARGE', 'the request body is too large', { limit: MAX_PROXY_BODY_BYTES });
  return new ImzalaError('REVOCATION_PROXY_BAD_REQUEST', 'the request body is not readable JSON', { detail: 'the body is not readable JSON' });
}

export function revocationRouter(config: Pick<ServerConfig, 'rateLimitPerMinute'>, proxy: RevocationProxy): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute * REVOCATION_RATE_FACTOR);
  const parseJson = express.json({ limit: MAX_PROXY_BODY_BYTES, strict: true, type: 'application/json' });
  const receive: RequestHandler = (req, res, next) => {
    parseJson(req, res, (err?: unknown) => (err === undefined ? next() : next(bodyError(err))));
  };
  const answer = async (req: Request, res: Response, next: NextFunction) => {
    let bytes: Uint8Array;
    try {
      bytes = await proxy.fetch(req.body as unknown);
    } catch (e) {
      return next(e);
    }
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('application/octet-stream')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };
  router.post('/api/v1/revocation', limiter, receive, answer);
  return router;
}
