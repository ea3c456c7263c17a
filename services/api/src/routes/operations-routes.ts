import { Router } from 'express';
import type { Registry } from 'prom-client';
import { healthSchema, type Health } from '@lac/core';
import { sendJson } from '../http/send-json.ts';

/** GET /health (503 when unhealthy), GET /metrics (Prometheus text), GET /openapi.json. */
export function createOperationsRouter(dependencies: {
  health: () => Promise<Health>;
  metricsRegistry: Registry;
  openApiDocument: Record<string, unknown>;
}): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const health = await dependencies.health();
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, health.status === 'unhealthy' ? 503 : 200, healthSchema, health);
  });
  router.get('/metrics', async (_req, res) => {
    const body = await dependencies.metricsRegistry.metrics();
    res.setHeader('Content-Type', dependencies.metricsRegistry.contentType);
    res.status(200).send(body);
  });
  router.get('/openapi.json', (_req, res) => {
    res.status(200).json(dependencies.openApiDocument);
  });
  return router;
}
