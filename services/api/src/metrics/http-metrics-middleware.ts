import type { Request, RequestHandler, Response } from 'express';
import type { ApiMetrics } from './api-metrics.ts';

/**
 * Names the pattern a router is mounted at when the pattern has parameters
 * (`app.use('/api/v2/conversations/:conversation_id', mountedAt('/api/v2/conversations/:conversation_id'), …)`):
 * Express's `req.baseUrl` is the matched path, which holds the visitor's conversation id.
 */
export function mountedAt(pattern: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.routeMountPattern = pattern;
    next();
  };
}

/**
 * The route pattern of a request (`/api/v2/chat/jobs/:job_id`), never the raw path: bounded label
 * values, and no conversation id in the public /metrics. A request no route answered (refused by
 * a router's middleware, unknown) is labelled by its mount pattern, or 'unmatched'.
 */
export function routePatternOf(req: Request, res: Response): string {
  const mount: unknown = res.locals.routeMountPattern;
  const base = typeof mount === 'string' ? mount : req.baseUrl;
  const routePath: unknown = req.route?.path;
  if (typeof routePath === 'string') return `${base}${routePath}`;
  if (base !== '') return base;
  return 'unmatched';
}

/** Observes each request's duration when its response finishes (or the client goes away). */
export function createHttpMetricsMiddleware(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const endTimer = metrics.httpRequestDuration.startTimer();
    let observed = false;
    const observe = (): void => {
      if (observed) return;
      observed = true;
      endTimer({ method: req.method, route: routePatternOf(req, res), status_code: String(res.statusCode) });
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
