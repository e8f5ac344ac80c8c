/** A per-client-address limit of requests per minute for one route, refusing with RATE_LIMITED (429) in words. */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ImzalaError } from '../../core/errors.js';

export function perMinuteLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ImzalaError('RATE_LIMITED', 'too many requests')),
  });
}
