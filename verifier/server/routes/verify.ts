/**
 * `POST /api/v1/verify`: multipart field `file` (+ optional `content`: the signed file of a detached signature,
 * `at`, `lang`) -> the `imzala.report/1` JSON. Each upload is streamed into $IMZALA_DATA_DIR/uploads under a random
 * name, with the size limit enforced while streaming, and removed before the answer is sent, whatever happened:
 * checked, refused, or the client gone mid-upload (then as soon as multer has let go of the files). One
 * open/write/close and one unlink per file; the directory is made once.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import multer from 'multer';
import { ImzalaError } from '../../../core/errors.js';
import type { ServerConfig } from '../config.js';
import { requestLanguage } from '../language.js';
import { parseValidationTime, type VerifyService } from '../services/verify-service.js';

/** The uploads of one request: their files on disk, and whether multer is done with them. */
interface Upload {
  paths: string[];
  received: boolean;
  /** The file must go as soon as multer is done (the response ended first). */
  removeWhenReceived: boolean;
}

const UPLOAD_KEY = 'imzalaUpload';

function uploadOf(res: Response): Upload {
  return res.locals[UPLOAD_KEY] as Upload;
}

/** Removes the request's uploaded files (idempotent; a file multer already removed is fine). */
async function removeUpload(upload: Upload): Promise<void> {
  const paths = upload.paths.splice(0);
  await Promise.all(
    paths.map((path) =>
      unlink(path).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      }),
    ),
  );
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
  // The upload directory is made on first use, and again after a failure (someone removed it while running).
  let uploadDirReady: Promise<unknown> | null = null;
  const ensureUploadDir = () => (uploadDirReady ??= mkdir(config.uploadDir, { recursive: true }).catch((e: unknown) => {
    uploadDirReady = null;
    throw e;
  }));
  const storage = multer.diskStorage({
    destination: (_req, _file, cb) => {
      ensureUploadDir().then(() => cb(null, config.uploadDir), (e: Error) => cb(e, config.uploadDir));
    },
    // Never the client's name on disk: it could be a path. The path is known before the file exists, so the
    // request's cleanup can find it whatever happens next.
    filename: (req, _file, cb) => {
      const name = `${randomBytes(12).toString('hex')}.upload`;
      uploadOf(req.res!).paths.push(join(config.uploadDir, name));
      cb(null, name);
    },
  });
  const files = multer({
    storage,
    defParamCharset: 'utf8',
    limits: { fileSize: config.maxUploadBytes, files: 2, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 50 },
  }).fields([
    { name: 'file', maxCount: 1 },
    { name: 'content', maxCount: 1 },
  ]);

  const receive: RequestHandler = (req, res, next) => {
    const upload: Upload = { paths: [], received: false, removeWhenReceived: false };
    res.locals[UPLOAD_KEY] = upload;
    // Backstop for a client that goes away mid-upload: the file goes once multer has let go of it.
    res.on('close', () => {
      if (upload.received) void removeUpload(upload).catch(() => undefined);
      else upload.removeWhenReceived = true;
    });
    files(req, res, (err?: unknown) => {
      upload.received = true;
      if (err === undefined && !upload.removeWhenReceived) return next();
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') uploadDirReady = null;
      void removeUpload(upload).then(
        () => (upload.removeWhenReceived ? undefined : next(uploadError(err, config.maxUploadBytes))),
        (cleanupError: unknown) => (upload.removeWhenReceived ? undefined : next(cleanupError)),
      );
    });
  };

  const check = async (req: Request, res: Response, next: NextFunction) => {
    const upload = uploadOf(res);
    let json: string;
    try {
      const uploaded = req.files as Record<string, Express.Multer.File[] | undefined> | undefined;
      const file = uploaded?.file?.[0];
      const content = uploaded?.content?.[0];
      if (!file) throw new ImzalaError('FILE_MISSING', 'no file in the form field "file"');
      const body = req.body as Record<string, unknown>;
      const at = typeof body.at === 'string' && body.at !== '' ? parseValidationTime(body.at) : undefined;
      json = await service.verifyReportJson(
        { path: file.path, name: file.originalname, ...(content ? { contentPath: content.path } : {}) },
        { at, language: requestLanguage(req) },
      );
    } catch (e) {
      await removeUpload(upload);
      return next(e);
    }
    await removeUpload(upload);
    res.set('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(json);
  };

  router.post('/api/v1/verify', limiter, receive, check);
  return router;
}
