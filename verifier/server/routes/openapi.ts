/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the HTTP API. */
import { Router } from 'express';
import { openApiDocument } from '../openapi.js';
import type { ServerConfig } from '../config.js';

export function openApiRouter(config: Pick<ServerConfig, 'publicUrl' | 'maxUploadBytes' | 'rateLimitPerMinute'>): Router {
  const router = Router();
  const document = openApiDocument(config);
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
