/**
 * `POST /api/v1/processes` (stable, ARCHITECTURE.md): multipart files `documents` and the field `process` = JSON
 * `{"name", "deadline", "lang", "initiator": {"email", "name"?}, "signers": [...], "cc": [...]}` -> 201
 * `{"id", "status", "signers": [...]}`. The wizard at /yeni uses it; so can outside clients. A refused form is 400
 * `PROCESS_FIELDS_INVALID` with every refused field (path, code, words) and changes nothing in the store.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { MAX_DOCUMENTS, MAX_TOTAL_DOCUMENT_BYTES } from '../../../core/process/validation.js';
import { ImzalaError } from '../../../core/errors.js';
import type { ServerConfig } from '../config.js';
import { perMinuteLimit } from '../rate-limit.js';
import type { ProcessService } from '../services/process-service.js';
import { uploadReceiver, uploadedFiles } from '../uploads.js';

/** The JSON description is small; this bounds it well above any real one (20 signers, 20 cc). */
const MAX_PROCESS_JSON_BYTES = 64 * 1024;
/** Room for the multipart framing and the JSON around the documents' own bytes. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export function processesRouter(config: Pick<ServerConfig, 'uploadDir' | 'rateLimitPerMinute'>, service: ProcessService): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute);
  const uploads = uploadReceiver({
    uploadDir: config.uploadDir,
    maxFileBytes: MAX_TOTAL_DOCUMENT_BYTES,
    // One more than allowed, so an 11th document is refused by the rules (DOCUMENTS_TOO_MANY, with its field).
    fields: [{ name: 'documents', maxCount: MAX_DOCUMENTS + 1 }],
    maxFieldBytes: MAX_PROCESS_JSON_BYTES,
  });

  /** A declared body beyond every document limit is refused before a byte is stored. */
  const sizeGate = (req: Request, _res: Response, next: NextFunction) => {
    const length = Number(req.get('content-length'));
    if (Number.isFinite(length) && length > MAX_TOTAL_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES) {
      return next(new ImzalaError('PROCESS_TOO_LARGE', 'the documents are too large together', { limit: MAX_TOTAL_DOCUMENT_BYTES }));
    }
    next();
  };

  const start = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = req.body as Record<string, unknown>;
      const json = typeof body.process === 'string' ? body.process : '';
      if (!json) throw new ImzalaError('PROCESS_INPUT_INVALID', 'no field "process"', { errors: [{ field: 'process', code: 'PROCESS_INPUT_INVALID' }] });
      const documents = uploadedFiles(req, 'documents').map((f) => ({ path: f.path, name: f.originalname, mediaType: f.mimetype }));
      const process = await service.start(json, documents);
      await uploads.cleanup(res);
      res
        .status(201)
        .set('Cache-Control', 'no-store')
        .json({
          id: process.id,
          status: process.status,
          signers: process.signers.map((s) => ({ index: s.index, name: s.name, email: s.email, status: s.status })),
        });
    } catch (e) {
      await uploads.cleanup(res);
      next(e);
    }
  };

  router.post('/api/v1/processes', limiter, sizeGate, uploads.receive, start);
  // The initiator's link carries the token: `/p/{id}/{token}` on the page, `?token=` / {"token"} here.
  router.get('/api/v1/processes/:id', limiter, async (req, res, next) => {
    try {
      res.set('Cache-Control', 'no-store').json(await service.initiatorView(String(req.params.id), String(req.query.token ?? '')));
    } catch (e) {
      next(e);
    }
  });
  router.post('/api/v1/processes/:id/cancel', limiter, express.json({ limit: '16kb' }), async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      res.set('Cache-Control', 'no-store').json(await service.cancel(String(req.params.id), String(body.token ?? ''), body.reason));
    } catch (e) {
      next(e);
    }
  });
  return router;
}
