/**
 * The hash-signing API (stable, ARCHITECTURE.md): `POST /api/v1/signing/{token}/prepare` `{"certificate", "chain"}`
 * -> `{"sessionId", "digests": [...]}`, and `POST /api/v1/signing/{token}/complete` `{"sessionId", "signatures"}`
 * -> `{"status", "process"}`. The logic is services/signing-service.ts.
 */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ImzalaError } from '../../../core/errors.js';
import type { ServerConfig } from '../config.js';
import type { SigningService } from '../services/signing-service.js';

export function signingRouter(config: Pick<ServerConfig, 'rateLimitPerMinute'>, service: SigningService): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ImzalaError('RATE_LIMITED', 'too many requests')),
  });
  // Certificates and signature values only: a few kilobytes each.
  const json = express.json({ limit: '256kb', type: 'application/json' });
  router.post('/api/v1/signing/:token/prepare', limiter, json, async (req, res, next) => {
    try {
      res.set('Cache-Control', 'no-store').json(await service.prepare(String(req.params.token), req.body));
    } catch (e) {
      next(e);
    }
  });
  router.post('/api/v1/signing/:token/complete', limiter, json, async (req, res, next) => {
    try {
      res.set('Cache-Control', 'no-store').json(await service.complete(String(req.params.token), req.body));
    } catch (e) {
      next(e);
    }
  });
  return router;
}
