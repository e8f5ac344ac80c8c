/** `GET /healthz`: the process is up and answering (for load balancers and `docker HEALTHCHECK`). */
import { Router } from 'express';

export function healthzRouter(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  return router;
}
