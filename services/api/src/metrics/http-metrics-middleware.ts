import type { Request, RequestHandler } from 'express';
import type { ApiMetrics } from './api-metrics.ts';

/** The route pattern of a request (`/api/v2/chat/jobs/:job_id`), never the raw path (bounded label values). */
export function routePatternOf(req: Request): string {
  const routePath: unknown = req.route?.path;
  if (typeof routePath === 'string') return `${req.baseUrl}${routePath}`;
  if (req.baseUrl !== '') return req.baseUrl;
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
      endTimer({ method: req.method, route: routePatternOf(req), status_code: String(res.statusCode) });
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
