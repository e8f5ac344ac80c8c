/**
 * SİMA Web2App over HTTP (AZ-ESIGN.md §4; logic in services/sima-service.ts):
 *   POST /api/v1/signing/{token}/sima           -> {runId, expiresAt, operations: [{documentId, name, qrUrl, deepLink, qrImage}]}
 *   GET  /api/v1/signing/{token}/sima/{runId}   -> {status: 'waiting'|'signed'|'failed', signedDocuments, error?, process?}
 *   GET  /api/v1/sima/data?tsquery=...          (the app's GETDATA) -> {filename, data}
 *   POST /api/v1/sima/callback                  (the app's answer)  -> {status: 'success'}
 * The page's routes refuse through the application's error handler; the app's routes answer the app itself with
 * `{"status": "error", "error": {"code", "message"}}` and the status of SIMA_ERROR_STATUS.
 */
import express, { Router } from 'express';
import type { ServerConfig } from '../config.js';
import { classifyError } from '../http-errors.js';
import { requestLanguage } from '../language.js';
import { perMinuteLimit } from '../rate-limit.js';
import { SIMA_ERROR_STATUS, SIMA_MESSAGES } from '../../providers/sima/codes.js';
import { SIMA_CALLBACK_PATH, SIMA_DATA_PATH } from '../../providers/sima/contract.js';
import { MAX_SIMA_DATA_BYTES, type SimaService } from '../services/sima-service.js';

export function simaRouter(config: Pick<ServerConfig, 'rateLimitPerMinute' | 'maxUploadBytes'>, service: SimaService): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute);
  const token = (req: express.Request) => String(req.params.token);
  const page = (work: (req: express.Request) => Promise<unknown>) => async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      res.set('Cache-Control', 'no-store').json(await work(req));
    } catch (e) {
      next(e);
    }
  };
  const app = (work: (req: express.Request) => Promise<unknown>) => async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      res.set('Cache-Control', 'no-store').json(await work(req));
    } catch (e) {
      const { code, status, details } = classifyError(e);
      if (code === 'INTERNAL_ERROR') return next(e);
      const language = requestLanguage(req);
      const text = (SIMA_MESSAGES[code]?.[language] ?? code).replace(/\{(\w+)\}/g, (_, k: string) => String(details?.[k] ?? ''));
      res.status(SIMA_ERROR_STATUS[code] ?? status).set('Cache-Control', 'no-store').json({ status: 'error', error: { code, message: text } });
    }
  };
  router.post('/api/v1/signing/:token/sima', limiter, page((req) => service.start(token(req))));
  router.get('/api/v1/signing/:token/sima/:runId', page((req) => service.poll(token(req), String(req.params.runId))));
  router.get(SIMA_DATA_PATH, limiter, app((req) => service.getData(req.originalUrl, req.query.tsquery, req.headers)));
  // The raw body: ts-sign covers its exact bytes, so it must not be parsed and re-serialised first.
  // A signed PDF comes back whole, base64 in JSON: a third larger than the largest document the service takes.
  const raw = express.raw({ type: () => true, limit: Math.ceil(Math.min(config.maxUploadBytes, MAX_SIMA_DATA_BYTES) * 4 / 3) + 64 * 1024 });
  router.post(SIMA_CALLBACK_PATH, limiter, raw, app((req) => service.callback(new Uint8Array(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)), req.headers)));
  return router;
}
