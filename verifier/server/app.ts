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
import { revocationRouter } from './routes/revocation.js';
import { pagesRouter } from './routes/pages.js';
import { processesRouter } from './routes/processes.js';
import type { ProcessService } from './services/process-service.js';
import { signingRouter } from './routes/signing.js';
import type { SigningService } from './services/signing-service.js';
import type { MobileSignatureProvider } from '../providers/mobile-signature.js';
import { isAsanSimulator } from '../providers/asan-simulator.js';
import { asanSimulatorControlRouter } from '../providers/simulator-control.js';
import { simaSimulatorControlRouter } from '../providers/sima/simulator-control.js';
import { simaRouter } from './routes/sima.js';
import type { SimaService } from './services/sima-service.js';
import { trustAnchorsRouter } from './routes/trust-anchors.js';
import { verifyRouter } from './routes/verify.js';
import { signingSessionsRouter, simaSessionsRouter } from './routes/signing-sessions.js';
import type { SigningSessions } from './services/signing-sessions.js';
import { createRevocationProxy } from './services/revocation-proxy.js';
import { createVerifyService, type VerifyService } from './services/verify-service.js';
import { demoPkiDir, type ServerTrust } from './trust.js';

export interface AppOptions {
  /** Where operational log lines go (never document contents); default console.error. */
  log?: (line: string) => void;
  /** Who checks uploaded documents (startServer: the worker pool); default: in this thread. */
  verifyService?: VerifyService;
  /** Signing processes (POST /api/v1/processes, the wizard); without it those routes do not exist. */
  processService?: ProcessService;
  /** The hash-signing API of the processes' signers. */
  signingService?: SigningService;
  /** ASAN İmza; when it is the simulator, its "phone" control endpoint is mounted too (never for a real provider). */
  mobileProvider?: MobileSignatureProvider;
  /** SİMA Web2App; with the simulator its "phone" scan endpoint is mounted too. */
  simaService?: SimaService;
  /** One-off signing sessions (POST /api/v1/sessions, CORS for the extension); without it those routes do not exist. */
  signingSessions?: SigningSessions;
}

export function createApp(config: ServerConfig, trust: ServerTrust, options: AppOptions = {}): express.Express {
  const log = options.log ?? ((line: string) => console.error(line));
  const app = express();
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Everything listed, nothing from helmet's defaults: no inline script or style anywhere, pdf.js's worker is a
        // module from this origin, page previews are canvases, downloads are blob: URLs made by the page itself.
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          workerSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          ...(config.publicUrl?.startsWith('https:') ? { upgradeInsecureRequests: [] } : {}),
        },
      },
    }),
  );
  app.use(healthzRouter());
  app.use(pagesRouter(config, trust, options.processService !== undefined));
  app.use(trustAnchorsRouter(trust));
  app.use(verifyRouter(config, options.verifyService ?? createVerifyService(config, trust)));
  if (options.processService) app.use(processesRouter(config, options.processService));
  // One-off signing sessions, before SİMA's routes: the app's requests for a one-off operation go there.
  if (options.signingSessions) {
    app.use(signingSessionsRouter(config, options.signingSessions));
    app.use(simaSessionsRouter(config, options.signingSessions));
  }
  // SİMA's routes keep the callback's raw body (ts-sign covers its exact bytes): no JSON parser runs before them.
  if (options.simaService) app.use(simaRouter(config, options.simaService));
  if (options.simaService?.simulated) app.use(simaSimulatorControlRouter(demoPkiDir(config)));
  if (options.signingService) app.use(signingRouter(config, options.signingService));
  if (options.mobileProvider && isAsanSimulator(options.mobileProvider)) app.use(asanSimulatorControlRouter(options.mobileProvider));
  app.use(revocationRouter(config, createRevocationProxy(config, trust, { log })));
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
