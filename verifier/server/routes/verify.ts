/**
 * `POST /api/v1/verify`: multipart field `file` (+ optional `at`, `lang`) -> the `imzala.report/1` JSON.
 * The upload is streamed to a temporary directory of its own under $IMZALA_DATA_DIR/uploads, with the size
 * limit enforced while streaming, and that directory is removed before the answer is sent, whatever happened.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import multer from 'multer';
import { ImzalaError } from '../../../core/errors.js';
import type { ServerConfig } from '../config.js';
import { requestLanguage } from '../language.js';
import { parseValidationTime, type VerifyService } from '../services/verify-service.js';

const UPLOAD_DIR_KEY = 'imzalaUploadDir';

/** Removes the request's upload directory (idempotent). */
async function removeUploadDir(res: Response): Promise<void> {
  const dir = res.locals[UPLOAD_DIR_KEY] as string | undefined;
  if (!dir) return;
  delete res.locals[UPLOAD_DIR_KEY];
  await rm(dir, { recursive: true, force: true });
}

/** Multer's refusals as the service's codes. */
function uploadError(e: unknown, maxUploadBytes: number): unknown {
  if (e instanceof multer.MulterError) {
    if (e.code === 'LIMIT_FILE_SIZE') return new ImzalaError('FILE_TOO_LARGE', 'the file is too large', { limit: maxUploadBytes });
    return new ImzalaError('UPLOAD_INVALID', 'the multipart form was refused', { detail: e.code });
  }
  // A file-system error (no space, permissions) is ours; anything else is a malformed body from the client.
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return e;
  return new ImzalaError('UPLOAD_INVALID', 'the multipart form was refused', { detail: 'malformed multipart body' });
}

export function verifyRouter(config: Pick<ServerConfig, 'uploadDir' | 'maxUploadBytes' | 'rateLimitPerMinute'>, service: VerifyService): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ImzalaError('RATE_LIMITED', 'too many requests')),
  });
  const storage = multer.diskStorage({
    destination: (_req, _file, cb) => cb(null, _req.res!.locals[UPLOAD_DIR_KEY] as string),
    // Never the client's name on disk: it could be a path.
    filename: (_req, _file, cb) => cb(null, `${randomBytes(12).toString('hex')}.upload`),
  });
  const single = multer({
    storage,
    defParamCharset: 'utf8',
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 50 },
  }).single('file');

  const makeUploadDir: RequestHandler = async (_req, res, next) => {
    await mkdir(config.uploadDir, { recursive: true });
    res.locals[UPLOAD_DIR_KEY] = await mkdtemp(join(config.uploadDir, 'req-'));
    // Backstop for a client that goes away mid-upload: the directory goes with it.
    res.on('close', () => void removeUploadDir(res));
    next();
  };

  const receive: RequestHandler = (req, res, next) => {
    single(req, res, (err?: unknown) => {
      if (err === undefined) return next();
      void removeUploadDir(res).then(
        () => next(uploadError(err, config.maxUploadBytes)),
        (cleanupError: unknown) => next(cleanupError),
      );
    });
  };

  const check = async (req: Request, res: Response, next: NextFunction) => {
    let report: unknown;
    try {
      if (!req.file) throw new ImzalaError('FILE_MISSING', 'no file in the form field "file"');
      const body = req.body as Record<string, unknown>;
      const at = typeof body.at === 'string' && body.at !== '' ? parseValidationTime(body.at) : undefined;
      report = await service.verify({ path: req.file.path, name: req.file.originalname }, { at, language: requestLanguage(req) });
    } catch (e) {
      await removeUploadDir(res);
      return next(e);
    }
    await removeUploadDir(res);
    res.set('Cache-Control', 'no-store').json(report);
  };

  router.post('/api/v1/verify', limiter, makeUploadDir, receive, check);
  return router;
}
