import { Router } from 'express';
import type { Registry } from 'prom-client';
import { AppError, healthSchema, type Health } from '@lac/core';
import { constantTimeEquals } from '../http/basic-credentials.ts';
import { bearerTokenOf } from '../http/conversation-access-middleware.ts';
import { DEPENDENCY_RETRY_AFTER_SECONDS } from '../http/error-handler.ts';
import { sendJson } from '../http/send-json.ts';

/** A scrape of /metrics without the bearer token METRICS_BEARER_TOKEN asks for (401). */
export class MetricsTokenRequiredError extends AppError {
  constructor() {
    super({ message: 'Les métriques demandent un jeton : Authorization: Bearer <METRICS_BEARER_TOKEN>.', code: 'metrics_token_required', status: 401 });
  }
}

/**
 * GET /health (503 with Retry-After when unhealthy), GET /metrics (Prometheus text; with `metricsBearerToken`, only
 * for a request bearing it), GET /openapi.json. Concurrent /health and /metrics requests share one
 * check (no result is kept once it is answered, so nothing is stale), and the OpenAPI document is
 * serialized once, so a client hammering them costs one dependency check at a time, not one per request.
 */
export function createOperationsRouter(dependencies: {
  health: () => Promise<Health>;
  metricsRegistry: Registry;
  openApiDocument: Record<string, unknown>;
  metricsBearerToken?: string | undefined;
}): Router {
  const router = Router();
  const health = sharedWhileInProgress(dependencies.health);
  const metrics = sharedWhileInProgress(() => dependencies.metricsRegistry.metrics());
  const openApiJson = JSON.stringify(dependencies.openApiDocument);
  router.get('/health', async (_req, res) => {
    const result = await health();
    res.setHeader('Cache-Control', 'no-store');
    // Unhealthy: told when to look again, as every other 503 of the API (a load balancer, a monitor).
    if (result.status === 'unhealthy') res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    sendJson(res, result.status === 'unhealthy' ? 503 : 200, healthSchema, result);
  });
  router.get('/metrics', async (req, res) => {
    const { metricsBearerToken } = dependencies;
    if (metricsBearerToken !== undefined) {
      // Absent or malformed (bearerTokenOf's ''): a missing token, challenged without `invalid_token`.
      const given = bearerTokenOf(req) || undefined;
      if (given === undefined || !constantTimeEquals(given, metricsBearerToken)) {
        res.setHeader('WWW-Authenticate', `Bearer realm="metrics"${given === undefined ? '' : ', error="invalid_token"'}`);
        throw new MetricsTokenRequiredError();
      }
    }
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
