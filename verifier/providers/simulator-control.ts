/**
 * The ASAN İmza simulator's "phone" over HTTP: list the sessions waiting for the phone, approve or deny one.
 *   GET  /simulator/asan/sessions                 -> {"simulator": true, "sessions": [{id, phone, documentName, verificationCode, ...}]}
 *   POST /simulator/asan/sessions/:id/approve     -> {"id", "status": "ok"}
 *   POST /simulator/asan/sessions/:id/deny        -> {"id", "status": "USER_CANCEL"}
 * It has no authentication because it must never exist outside development and tests: it can only be made for the
 * simulator provider (the service mounts it only when IMZALA_ASAN=simulator), and refuses any other provider.
 * Errors go to the application's error handler (codes and statuses: SIMULATOR_CONTROL_ERROR_STATUS).
 */
import { Router } from 'express';
import { ImzalaError } from '../../core/errors.js';
import { isAsanSimulator } from './asan-simulator.js';
import { PROVIDER_SESSION_UNKNOWN, SIMULATOR_CONTROL_REFUSED, SIMULATOR_SESSION_NOT_PENDING } from './codes.js';
import type { MobileSignatureProvider } from './mobile-signature.js';

export const SIMULATOR_CONTROL_PATH = '/simulator/asan/sessions';

/** HTTP statuses of the codes the control answers with (to merge into the service's ERROR_STATUS). */
export const SIMULATOR_CONTROL_ERROR_STATUS: Readonly<Record<string, number>> = {
  [PROVIDER_SESSION_UNKNOWN]: 404,
  [SIMULATOR_SESSION_NOT_PENDING]: 409,
};

/** Session IDs are UUIDs; anything else is not looked up at all. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sessionIdOf(raw: unknown): string {
  const id = typeof raw === 'string' ? raw : '';
  if (!SESSION_ID.test(id)) throw new ImzalaError(PROVIDER_SESSION_UNKNOWN, 'ASAN İmza simulator: no such session', { sessionId: id.slice(0, 100) });
  return id;
}

/**
 * The simulator control router.
 * @throws ImzalaError SIMULATOR_CONTROL_REFUSED when `provider` is not the simulator (a real provider never gets one).
 */
export function asanSimulatorControlRouter(provider: MobileSignatureProvider | null | undefined): Router {
  if (!isAsanSimulator(provider)) {
    const name = provider?.name ?? 'none';
    throw new ImzalaError(SIMULATOR_CONTROL_REFUSED, `the ASAN İmza simulator control needs the simulator provider, not ${name}`, { provider: name });
  }
  const simulator = provider;
  const router = Router();
  router.get(SIMULATOR_CONTROL_PATH, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ simulator: true, sessions: simulator.pendingSessions() });
  });
  router.post(`${SIMULATOR_CONTROL_PATH}/:id/approve`, async (req, res) => {
    const id = sessionIdOf(req.params.id);
    await simulator.approve(id);
    res.json({ id, status: 'ok' });
  });
  router.post(`${SIMULATOR_CONTROL_PATH}/:id/deny`, async (req, res) => {
    const id = sessionIdOf(req.params.id);
    await simulator.deny(id);
    res.json({ id, status: 'USER_CANCEL' });
  });
  return router;
}
