/**
 * The hash-signing API (stable, ARCHITECTURE.md): `POST /api/v1/signing/{token}/prepare` `{"certificate", "chain"}`
 * -> `{"sessionId", "digests": [...]}`, and `POST /api/v1/signing/{token}/complete` `{"sessionId", "signatures"}`
 * -> `{"status", "process"}`. The logic is services/signing-service.ts.
 */
import express, { Router } from 'express';
import type { ServerConfig } from '../config.js';
import { perMinuteLimit } from '../rate-limit.js';
import type { SigningService } from '../services/signing-service.js';

export function signingRouter(config: Pick<ServerConfig, 'rateLimitPerMinute'>, service: SigningService): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute);
  // Certificates and signature values only: a few kilobytes each.
  const json = express.json({ limit: '256kb', type: 'application/json' });
  const answer = (work: (req: express.Request) => Promise<unknown>) => async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      res.set('Cache-Control', 'no-store').json(await work(req));
    } catch (e) {
      next(e);
    }
  };
  const token = (req: express.Request) => String(req.params.token);
  router.get('/api/v1/signing/:token', limiter, answer((req) => service.view(token(req))));
  router.get('/api/v1/signing/:token/documents/:documentId', limiter, async (req, res, next) => {
    try {
      const document = await service.document(token(req), String(req.params.documentId));
      res
        .set('Cache-Control', 'no-store')
        .type(document.mediaType)
        // RFC 6266 with the UTF-8 name; the name is data from the initiator, so it is percent-encoded, never raw.
        .set('Content-Disposition', `${req.query.download === '1' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(document.name)}`)
        .set('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(document.bytes));
    } catch (e) {
      next(e);
    }
  });
  router.post('/api/v1/signing/:token/decline', limiter, json, answer((req) => service.decline(token(req), req.body)));
  router.post('/api/v1/signing/:token/mobile', limiter, json, answer((req) => service.mobileStart(token(req), req.body)));
  router.get('/api/v1/signing/:token/mobile/:runId', answer((req) => service.mobilePoll(token(req), String(req.params.runId))));
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
