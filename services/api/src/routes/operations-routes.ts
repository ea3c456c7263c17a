import { Router } from 'express';
import type { Registry } from 'prom-client';
import { healthSchema, type Health } from '@lac/core';
import { sendJson } from '../http/send-json.ts';

/**
 * GET /health (503 when unhealthy), GET /metrics (Prometheus text), GET /openapi.json. These routes
 * are public: concurrent /health and /metrics requests share one check (no result is kept once it
 * is answered, so nothing is stale), and the OpenAPI document is serialized once, so a client
 * hammering them costs one dependency check at a time, not one per request.
 */
export function createOperationsRouter(dependencies: {
  health: () => Promise<Health>;
  metricsRegistry: Registry;
  openApiDocument: Record<string, unknown>;
}): Router {
  const router = Router();
  const health = sharedWhileInProgress(dependencies.health);
  const metrics = sharedWhileInProgress(() => dependencies.metricsRegistry.metrics());
  const openApiJson = JSON.stringify(dependencies.openApiDocument);
  router.get('/health', async (_req, res) => {
    const result = await health();
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, result.status === 'unhealthy' ? 503 : 200, healthSchema, result);
  });
  router.get('/metrics', async (_req, res) => {
    const body = await metrics();
    res.setHeader('Content-Type', dependencies.metricsRegistry.contentType);
    res.status(200).send(body);
  });
  router.get('/openapi.json', (_req, res) => {
    res.status(200).type('application/json').send(openApiJson);
  });
  return router;
}

/** `work`, with callers that come while a call is in progress given that call's promise. */
export function sharedWhileInProgress<T>(work: () => Promise<T>): () => Promise<T> {
  let inProgress: Promise<T> | undefined;
  return () => {
    inProgress ??= work().finally(() => {
      inProgress = undefined;
    });
    return inProgress;
  };
}
