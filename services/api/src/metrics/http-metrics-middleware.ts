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
  // `req.baseUrl` is the mount as the URL wrote it, and Express matches paths without case: in lower
  // case, as the app's mounts are written (`/ADMIN/Inbox` was a series of its own, one per spelling).
  const base = typeof mount === 'string' ? mount : req.baseUrl.toLowerCase();
  const routePath: unknown = req.route?.path;
  if (typeof routePath === 'string') return `${base === '' ? mountOfFailedRoute(req.originalUrl, routePath) : base}${routePath}`;
  if (base !== '') return base;
  return 'unmatched';
}

/** A route path of plain segments (`/:id/join`): its mount is what precedes as many segments of the URL. */
const PLAIN_ROUTE_PATH = /^(\/|(\/:?[\w.-]+)+)$/;

/**
 * The mount path of a router's route, read from the URL. A request that failed in a mounted router
 * (a 503 while a dependency is away) reaches the app's error handler with `req.route` still set but
 * `req.baseUrl` already given back to the app's (''): without this its label lost the mount
 * (`/:id/join` for `/admin/conversations/:id/join`). Mounts on a parameter name themselves with
 * `mountedAt`, so what is read here is a literal path, never an id.
 */
function mountOfFailedRoute(originalUrl: string, routePath: string): string {
  if (!PLAIN_ROUTE_PATH.test(routePath)) return '';
  const segments = pathOfRequestTarget(originalUrl).split('/').filter((segment) => segment !== '');
  const routeSegments = routePath === '/' ? 0 : routePath.split('/').length - 1;
  if (segments.length <= routeSegments) return '';
  // The route '/' of a router: its mount is the whole path (`/admin/conversations` + `/`).
  const mount = `/${segments.slice(0, segments.length - routeSegments).join('/')}`.toLowerCase();
  return routePath === '/' ? mount.replace(/\/$/, '') : mount;
}

/**
 * The path of a request target, as Express routes it. HTTP/1.1 also allows the absolute form
 * (`GET http://host/path`, meant for proxies), which Express routes by its path: read whole, its
 * scheme and host became part of the label (`/http:/any-host.example/health`), a new series per
 * host a client invents.
 */
function pathOfRequestTarget(originalUrl: string): string {
  const target = originalUrl.split('?')[0] ?? '';
  if (target.startsWith('/')) return target;
  try {
    return new URL(target).pathname;
  } catch {
    return '';
  }
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
