/**
 * Multipart uploads for the routes that take files: each file is streamed into the upload directory under a random
 * name (never the client's), with the size limit enforced while streaming, and removed before the answer is sent,
 * whatever happened: handled, refused, or the client gone mid-upload (then as soon as multer has let go of the
 * files). One open/write/close and one unlink per file; the directory is made once.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestHandler, Response } from 'express';
import multer from 'multer';
import { ImzalaError } from '../../core/errors.js';

/** The uploads of one request: their files on disk, and whether multer is done with them. */
interface Upload {
  paths: string[];
  received: boolean;
  /** The files must go as soon as multer is done (the response ended first). */
  removeWhenReceived: boolean;
}

const UPLOAD_KEY = 'imzalaUpload';

/** Removes the uploaded files (idempotent; a file multer already removed is fine). */
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
function uploadError(e: unknown, maxFileBytes: number): unknown {
  if (e instanceof multer.MulterError) {
    if (e.code === 'LIMIT_FILE_SIZE') return new ImzalaError('FILE_TOO_LARGE', 'the file is too large', { limit: maxFileBytes });
    return new ImzalaError('UPLOAD_INVALID', 'the multipart form was refused', { detail: e.code });
  }
  // A file-system error (no space, permissions) is ours; anything else is a malformed body from the client.
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return e;
  return new ImzalaError('UPLOAD_INVALID', 'the multipart form was refused', { detail: 'malformed multipart body' });
}

export interface UploadOptions {
  uploadDir: string;
  /** Largest single file. */
  maxFileBytes: number;
  /** The file fields and how many files each may carry. */
  fields: readonly { name: string; maxCount: number }[];
  /** Largest text field (e.g. a JSON description). */
  maxFieldBytes?: number;
}

export interface UploadReceiver {
  /** Middleware: receives the form; refusals go to `next` with the service's codes. */
  receive: RequestHandler;
  /** Removes the request's files (call before answering; also done when the response closes). */
  cleanup(res: Response): Promise<void>;
}

export function uploadReceiver(options: UploadOptions): UploadReceiver {
  const { uploadDir, maxFileBytes } = options;
  const maxFiles = options.fields.reduce((n, f) => n + f.maxCount, 0);
  // The upload directory is made on first use, and again after a failure (someone removed it while running).
  let uploadDirReady: Promise<unknown> | null = null;
  const ensureUploadDir = () =>
    (uploadDirReady ??= mkdir(uploadDir, { recursive: true }).catch((e: unknown) => {
      uploadDirReady = null;
      throw e;
    }));
  const storage = multer.diskStorage({
    destination: (_req, _file, cb) => {
      ensureUploadDir().then(() => cb(null, uploadDir), (e: Error) => cb(e, uploadDir));
    },
    // Never the client's name on disk: it could be a path. The path is known before the file exists, so the
    // request's cleanup can find it whatever happens next.
    filename: (req, _file, cb) => {
      const name = `${randomBytes(12).toString('hex')}.upload`;
      (req.res!.locals[UPLOAD_KEY] as Upload).paths.push(join(uploadDir, name));
      cb(null, name);
    },
  });
  const files = multer({
    storage,
    defParamCharset: 'utf8',
    limits: {
      fileSize: maxFileBytes,
      files: maxFiles,
      fields: 8,
      fieldSize: options.maxFieldBytes ?? 1024,
      parts: maxFiles + 8,
      headerPairs: 50,
    },
  }).fields([...options.fields]);

  const receive: RequestHandler = (req, res, next) => {
    const upload: Upload = { paths: [], received: false, removeWhenReceived: false };
    res.locals[UPLOAD_KEY] = upload;
    // Backstop for a client that goes away mid-upload: the files go once multer has let go of them.
    res.on('close', () => {
      if (upload.received) void removeUpload(upload).catch(() => undefined);
      else upload.removeWhenReceived = true;
    });
    files(req, res, (err?: unknown) => {
      upload.received = true;
      if (err === undefined && !upload.removeWhenReceived) return next();
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') uploadDirReady = null;
      void removeUpload(upload).then(
        () => (upload.removeWhenReceived ? undefined : next(uploadError(err, maxFileBytes))),
        (cleanupError: unknown) => (upload.removeWhenReceived ? undefined : next(cleanupError)),
      );
    });
  };

  return { receive, cleanup: (res) => removeUpload(res.locals[UPLOAD_KEY] as Upload) };
}

/** The files a field received (multer's `req.files` of `.fields()`). */
export function uploadedFiles(req: { files?: unknown }, field: string): Express.Multer.File[] {
  return (req.files as Record<string, Express.Multer.File[] | undefined> | undefined)?.[field] ?? [];
}
