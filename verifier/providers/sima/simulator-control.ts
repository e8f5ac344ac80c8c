/**
 * The SİMA phone simulator over HTTP, so the signing page in development can be "scanned":
 *   POST /simulator/sima/scan {"url": "<QR url or sima:// link>", "person"?: "<file base name in the demo dir>"}
 *     -> {"simulator": true, operationId, getData: {status, body}, callback?: {status, body}}
 * Mounted only with IMZALA_SIMA=simulator (never for the real app) and without authentication for that reason.
 */
import express, { Router } from 'express';
import { ImzalaError } from '../../../core/errors.js';
import { SIMA_REQUEST_INVALID } from './codes.js';
import { loadSimaTestPerson, simulateSimaPhone } from './phone-simulator.js';

export const SIMA_SIMULATOR_SCAN_PATH = '/simulator/sima/scan';

/**
 * @param demoDir the `imzala pki demo` directory whose sima-citizen (or `person`) the simulator signs as.
 */
export function simaSimulatorControlRouter(demoDir: string): Router {
  const router = Router();
  router.post(SIMA_SIMULATOR_SCAN_PATH, express.json({ limit: '16kb' }), async (req, res, next) => {
    try {
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      if (typeof body.url !== 'string' || body.url.length > 16 * 1024) throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: url is required', { detail: 'url is required' });
      const person = body.person ?? 'sima-citizen';
      // A file base name in the demo directory only: never a path.
      if (typeof person !== 'string' || !/^[a-z0-9-]{1,40}$/.test(person)) throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: person must be a demo name', { detail: 'person must be a demo name' });
      const result = await simulateSimaPhone(body.url, await loadSimaTestPerson(demoDir, person));
      res.set('Cache-Control', 'no-store').json({ simulator: true, ...result });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
