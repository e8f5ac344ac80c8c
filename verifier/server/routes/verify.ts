/**
 * `POST /api/v1/verify`: multipart field `file` (+ optional `content`: the signed file of a detached signature,
 * `at`, `lang`) -> the `imzala.report/1` JSON. The uploads are removed before the answer (uploads.ts).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { ImzalaError } from '../../../core/errors.js';
import type { ServerConfig } from '../config.js';
import { perMinuteLimit } from '../rate-limit.js';
import { requestLanguage } from '../language.js';
import { parseValidationTime, type VerifyService } from '../services/verify-service.js';
import { uploadReceiver, uploadedFiles } from '../uploads.js';

export function verifyRouter(config: Pick<ServerConfig, 'uploadDir' | 'maxUploadBytes' | 'rateLimitPerMinute'>, service: VerifyService): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute);
  const uploads = uploadReceiver({
    uploadDir: config.uploadDir,
    maxFileBytes: config.maxUploadBytes,
    fields: [
      { name: 'file', maxCount: 1 },
      { name: 'content', maxCount: 1 },
    ],
  });

  const check = async (req: Request, res: Response, next: NextFunction) => {
    let json: string;
    try {
      const file = uploadedFiles(req, 'file')[0];
      const content = uploadedFiles(req, 'content')[0];
      if (!file) throw new ImzalaError('FILE_MISSING', 'no file in the form field "file"');
      const body = req.body as Record<string, unknown>;
      const at = typeof body.at === 'string' && body.at !== '' ? parseValidationTime(body.at) : undefined;
      json = await service.verifyReportJson(
        { path: file.path, name: file.originalname, ...(content ? { contentPath: content.path } : {}) },
        { at, language: requestLanguage(req) },
      );
    } catch (e) {
      await uploads.cleanup(res);
      return next(e);
    }
    await uploads.cleanup(res);
    res.set('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(json);
  };

  router.post('/api/v1/verify', limiter, uploads.receive, check);
  return router;
}
