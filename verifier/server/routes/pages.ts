/**
 * The public pages and their files: `GET /yoxla` (check a document), `GET /yoxla/etibar` (the trusted anchors),
 * `GET /yeni` (send documents for signing, when the service runs processes), and
 * under /assets the page's script bundle, its stylesheet, pdf.js (page previews) and the fonts of the PDF report.
 * Only these directories are served, each from where the package keeps it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { Router, type Response } from 'express';
import type { PageConfig } from '../../web/page-config.js';
import { packageRoot } from '../../node/package-root.js';
import type { ServerConfig } from '../config.js';
import { requestLanguage } from '../language.js';
import { renderTrustPage } from '../pages/trust-page.js';
import { renderInstallPage } from '../pages/install-page.js';
import { renderWizardPage } from '../pages/wizard-page.js';
import { renderSigningPage } from '../pages/signing-page.js';
import { renderProcessPage } from '../pages/process-page.js';
import { linkTokenHash } from '../services/link-tokens.js';
import { renderYoxlaPage } from '../pages/yoxla-page.js';
import type { ServerTrust } from '../trust.js';

/** Where an installed package keeps its files (resolved like an import, so hoisting does not matter). */
function packageDir(name: string): string {
  return dirname(createRequire(join(packageRoot(), 'package.json')).resolve(`${name}/package.json`));
}

function sendPage(res: Response, html: string, language: string): void {
  res
    .set('Content-Type', 'text/html; charset=utf-8')
    .set('Content-Language', language)
    .set('Vary', 'Accept-Language')
    .set('Cache-Control', 'no-cache')
    .send(html);
}

/** `processes`: the service runs signing processes, so the wizard (/yeni) exists and the pages link to it. */
export function pagesRouter(config: Pick<ServerConfig, 'offline' | 'maxUploadBytes' | 'publicUrl'>, trust: ServerTrust, processes: boolean): Router {
  const router = Router();
  const root = packageRoot();
  const assets = (dir: string) => express.static(dir, { index: false, fallthrough: true, dotfiles: 'deny', maxAge: '1h' });
  // Browsers ask for it on every page; there is none, and a 404 in their console helps nobody.
  router.get('/favicon.ico', (_req, res) => res.status(204).end());
  router.get('/', (req, res) => res.redirect(302, `/yoxla${req.query.lang ? `?lang=${requestLanguage(req)}` : ''}`));
  router.get('/yoxla', (req, res) => {
    const language = requestLanguage(req);
    const page: PageConfig = { language, testTrust: trust.isTestTrust, offline: config.offline, maxUploadBytes: config.maxUploadBytes };
    sendPage(res, renderYoxlaPage(page, processes), language);
  });
  router.get('/yoxla/etibar', (req, res) => {
    const language = requestLanguage(req);
    sendPage(res, renderTrustPage(language, trust.anchors, trust.isTestTrust, processes), language);
  });
  router.get('/qurasdirma', (req, res) => {
    const language = requestLanguage(req);
    const origin = config.publicUrl ? new URL(config.publicUrl).origin : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    sendPage(res, renderInstallPage(language, origin, trust.isTestTrust, processes), language);
  });
  if (processes) {
    router.get('/yeni', (req, res) => {
      const language = requestLanguage(req);
      sendPage(res, renderWizardPage(language, trust.isTestTrust), language);
    });
    router.get('/p/:id/:token', (req, res) => {
      const language = requestLanguage(req);
      sendPage(res, renderProcessPage(language, req.params.id, req.params.token, trust.isTestTrust), language);
    });
    router.get('/s/:token', (req, res, next) => {
      try {
        linkTokenHash(req.params.token); // LINK_INVALID for anything that cannot be a link
      } catch (e) {
        return next(e);
      }
      const language = requestLanguage(req);
      sendPage(res, renderSigningPage(language, req.params.token, trust.isTestTrust), language);
    });
  }
  router.use('/assets/app', assets(join(root, 'dist/web/app')));
  router.use('/assets/static', assets(join(root, 'verifier/web/static')));
  const pdfjs = packageDir('pdfjs-dist');
  router.use('/assets/pdfjs/build', assets(join(pdfjs, 'build')));
  router.use('/assets/pdfjs/standard_fonts', assets(join(pdfjs, 'standard_fonts')));
  router.use('/assets/pdfjs/cmaps', assets(join(pdfjs, 'cmaps')));
  router.use('/assets/fonts', assets(join(packageDir('dejavu-fonts-ttf'), 'ttf')));
  return router;
}
