/**
 * One-off signing sessions over HTTP (logic: services/signing-sessions.ts):
 *   POST   /api/v1/sessions                       multipart `file` + `tool` ('asan'|'sima') [+ `phone`, `userId` | `fin`] [+ `lang`]
 *                                                 -> 201 {id, secret, tool, status, name, sha256, size, kind, expiresAt,
 *                                                         verificationCode? | operations?: [{qrUrl, deepLink, qrImage}]}
 *   GET    /api/v1/sessions/{id}?secret=          -> {status: 'waiting'|'signed'|'failed', error?: {code, message}, signer?, ...}
 *   GET    /api/v1/sessions/{id}/result?secret=   -> the signed file, once (PDF: the PDF with its PAdES update; other: .asice)
 *   DELETE /api/v1/sessions/{id}?secret=          -> 204, everything dropped
 * These routes (and only these) answer any origin (`Access-Control-Allow-Origin: *`, OPTIONS preflight): the browser
 * extension's pages call them cross-origin, and they carry no cookies — the session's secret is the only credential.
 *
 * The SİMA app's GETDATA and callback of a one-off session come through SİMA's usual paths (the contract's callback is
 * the operator's configured one): `simaSessionsRouter`, mounted before routes/sima.ts, takes the requests whose
 * OperationId is a one-off session's and passes every other one on untouched.
 */
import { readFile } from 'node:fs/promises';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ImzalaError } from '../../../core/errors.js';
import type { Language } from '../../../core/report/message-types.js';
import { localizeCli } from '../../cli/messages.js';
import { SIMA_ERROR_STATUS, SIMA_MESSAGES } from '../../providers/sima/codes.js';
import { SIMA_CALLBACK_PATH, SIMA_DATA_PATH, decodeTsquery } from '../../providers/sima/contract.js';
import type { ServerConfig } from '../config.js';
import { classifyError } from '../http-errors.js';
import { requestLanguage } from '../language.js';
import { perMinuteLimit } from '../rate-limit.js';
import { uploadReceiver, uploadedFiles } from '../uploads.js';
import { SESSION_ERROR_STATUS, SESSION_MESSAGES } from '../services/session-codes.js';
import { MAX_SIMA_DATA_BYTES } from '../services/sima-service.js';
import type { SessionView, SigningSessions } from '../services/signing-sessions.js';

export const SESSIONS_PATH = '/api/v1/sessions';

/** A message of this area's catalog, else of the service's. */
export function sessionMessage(code: string, language: Language, details?: Record<string, unknown>): string {
  const own = SESSION_MESSAGES[code]?.[language];
  if (own === undefined) return localizeCli(code, language, details);
  return own.replace(/\{(\w+)\}/g, (_, k: string) => String(details?.[k] ?? ''));
}

/** The view with the failure in words of the caller's language. */
function localizedView(view: SessionView, language: Language) {
  if (!view.error) return view;
  return { ...view, error: { code: view.error.code, message: sessionMessage(view.error.code, language, view.error.details) } };
}

/** Cross-origin access for these routes only: any origin, no credentials (none are used). */
function cors(req: Request, res: Response, next: NextFunction): void {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Expose-Headers', 'Content-Disposition, Content-Length');
  // helmet answers same-origin by default; a CORS read of these answers is the point.
  res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  if (req.method === 'OPTIONS') {
    res
      .set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
      .set('Access-Control-Allow-Headers', 'Content-Type, Accept-Language')
      .set('Access-Control-Max-Age', '600')
      .status(204)
      .end();
    return;
  }
  next();
}

export function signingSessionsRouter(config: Pick<ServerConfig, 'rateLimitPerMinute' | 'maxUploadBytes' | 'uploadDir'>, sessions: SigningSessions): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute);
  const upload = uploadReceiver({ uploadDir: config.uploadDir, maxFileBytes: config.maxUploadBytes, fields: [{ name: 'file', maxCount: 1 }], maxFieldBytes: 256 });
  router.use(SESSIONS_PATH, cors);

  /** Refusals of this area with their status and words; everything else goes to the application's handler. */
  const refuse = (e: unknown, req: Request, res: Response, next: NextFunction) => {
    const { code, details } = classifyError(e);
    const status = SESSION_ERROR_STATUS[code];
    if (status === undefined) return next(e);
    res.status(status).set('Cache-Control', 'no-store').json({ error: { code, message: sessionMessage(code, requestLanguage(req), details) } });
  };
  const secret = (req: Request) => req.query.secret;
  const id = (req: Request) => String(req.params.id);

  // Busy is refused before the upload is received: a full service does not take 100 MB first.
  const notFull = (_req: Request, _res: Response, next: NextFunction) =>
    next(sessions.full() ? new ImzalaError('SERVER_BUSY', 'too many signing sessions at once', {}) : undefined);

  router.post(SESSIONS_PATH, limiter, notFull, upload.receive, async (req, res, next) => {
    try {
      const [file] = uploadedFiles(req, 'file');
      if (!file) throw new ImzalaError('FILE_MISSING', 'no file was sent', {});
      const body = (req.body ?? {}) as Record<string, unknown>;
      const lang = body.lang === 'az' || body.lang === 'en' || body.lang === 'ru' ? body.lang : requestLanguage(req);
      const bytes = new Uint8Array(await readFile(file.path));
      // The upload file goes now: from here the document lives in the session's memory only.
      await upload.cleanup(res);
      const created = await sessions.create({ tool: body.tool, bytes, name: file.originalname, phone: body.phone, userId: body.userId, fin: body.fin, language: lang });
      res.status(201).set('Cache-Control', 'no-store').json(created);
    } catch (e) {
      await upload.cleanup(res).catch(() => undefined);
      refuse(e, req, res, next);
    }
  });

  router.get(`${SESSIONS_PATH}/:id`, async (req, res, next) => {
    try {
      res.set('Cache-Control', 'no-store').json(localizedView(await sessions.status(id(req), secret(req)), requestLanguage(req)));
    } catch (e) {
      refuse(e, req, res, next);
    }
  });

  router.get(`${SESSIONS_PATH}/:id/result`, limiter, async (req, res, next) => {
    try {
      const result = await sessions.result(id(req), secret(req));
      res
        .set('Cache-Control', 'no-store')
        .type(result.mediaType)
        // RFC 6266 with the UTF-8 name, percent-encoded: the name came from the client.
        .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(result.name)}`)
        .set('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(result.bytes));
    } catch (e) {
      refuse(e, req, res, next);
    }
  });

  router.delete(`${SESSIONS_PATH}/:id`, async (req, res, next) => {
    try {
      await sessions.cancel(id(req), secret(req));
      res.status(204).set('Cache-Control', 'no-store').end();
    } catch (e) {
      refuse(e, req, res, next);
    }
  });
  return router;
}

/**
 * The SİMA app's GETDATA and callback for one-off sessions, on SİMA's own paths; mount before routes/sima.ts. A request
 * for any other operation goes on to it unchanged (the callback's raw body stays in `req.body`; the next raw parser
 * sees the stream finished and leaves it).
 */
export function simaSessionsRouter(config: Pick<ServerConfig, 'rateLimitPerMinute' | 'maxUploadBytes'>, sessions: SigningSessions): Router {
  const router = Router();
  const limiter = perMinuteLimit(config.rateLimitPerMinute);
  const answerApp = async (req: Request, res: Response, next: NextFunction, work: () => Promise<unknown>) => {
    try {
      res.set('Cache-Control', 'no-store').json(await work());
    } catch (e) {
      const { code, status, details } = classifyError(e);
      if (code === 'INTERNAL_ERROR') return next(e);
      const text = (SIMA_MESSAGES[code]?.[requestLanguage(req)] ?? code).replace(/\{(\w+)\}/g, (_, k: string) => String(details?.[k] ?? ''));
      res.status(SIMA_ERROR_STATUS[code] ?? status).set('Cache-Control', 'no-store').json({ status: 'error', error: { code, message: text } });
    }
  };
  router.get(SIMA_DATA_PATH, (req, res, next) => {
    let operationId: unknown;
    try {
      operationId = decodeTsquery(req.query.tsquery).SignableContainer.OperationInfo.OperationId;
    } catch {
      return next(); // malformed: routes/sima.ts refuses it in its words
    }
    if (!sessions.ownsSimaOperation(operationId)) return next();
    limiter(req, res, (err?: unknown) => (err ? next(err) : void answerApp(req, res, next, () => sessions.simaGetData(req.originalUrl, req.query.tsquery, req.headers))));
  });
  const raw = express.raw({ type: () => true, limit: Math.ceil(Math.min(config.maxUploadBytes, MAX_SIMA_DATA_BYTES) * 4 / 3) + 64 * 1024 });
  router.post(SIMA_CALLBACK_PATH, raw, (req, res, next) => {
    const body = new Uint8Array(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    let fields: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return next();
      fields = parsed as Record<string, unknown>;
    } catch {
      return next(); // not JSON: routes/sima.ts refuses it as SIMA_REQUEST_INVALID
    }
    if (!sessions.ownsSimaOperation(fields.OperationId)) return next();
    limiter(req, res, (err?: unknown) => (err ? next(err) : void answerApp(req, res, next, () => sessions.simaCallback(body, fields, req.headers))));
  });
  return router;
}
