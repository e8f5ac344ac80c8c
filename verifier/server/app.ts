/**
 * The Express application of the verification service: security headers, the routes, and one error handler
 * that turns every refusal into `{"error": {"code", "message"}}` with the status from ERROR_STATUS.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ImzalaError, isImzalaError } from '../../core/errors.js';
import type { ServerConfig } from './config.js';
import { sendError } from './http-errors.js';
import { healthzRouter } from './routes/healthz.js';
import { openApiRouter } from './routes/openapi.js';
import { verifyRouter } from './routes/verify.js';
import { createVerifyService } from './services/verify-service.js';
import type { ServerTrust } from './trust.js';

export interface AppOptions {
  /** Where operational log lines go (never document contents); default console.error. */
  log?: (line: string) => void;
}

export function createApp(config: ServerConfig, trust: ServerTrust, options: AppOptions = {}): express.Express {
  const log = options.log ?? ((line: string) => console.error(line));
  const app = express();
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
        },
      },
    }),
  );
  app.use(healthzRouter());
  app.use(verifyRouter(config, createVerifyService(config, trust)));
  app.use(openApiRouter(config));
  app.use((_req: Request, _res: Response, next: NextFunction) => next(new ImzalaError('NOT_FOUND', 'no such route')));
  // Express recognises an error handler by its four parameters.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (!isImzalaError(err)) {
      // Ours to fix: the operator sees the stack, the user a generic message.
      log(`imzala: ${req.method} ${req.path}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    sendError(req, res, err);
  });
  return app;
}
