import type { Express, RequestHandler } from 'express';
import { MethodNotAllowedError, RouteNotFoundError } from './api-errors.ts';
import { servedRoutesOf } from './served-routes.ts';

/** Paths are echoed back in 404/405 details up to this length. */
const ECHOED_PATH_MAX_LENGTH = 200;

interface RoutePattern {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/api/v2/chat/jobs/{job_id}` → a RegExp matching one path segment per parameter. */
function patternOf(template: string): RegExp {
  const source = template
    .split(/(\{[^}]*\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

function routePatternsOf(app: Express): RoutePattern[] {
  const byTemplate = new Map<string, Set<string>>();
  for (const route of servedRoutesOf(app).routes) {
    if (route.template.startsWith('RegExp(') || route.method === '*') continue;
    const methods = byTemplate.get(route.template) ?? new Set<string>();
    methods.add(route.method.toUpperCase());
    if (route.method.toUpperCase() === 'GET') methods.add('HEAD');
    byTemplate.set(route.template, methods);
  }
  return [...byTemplate].map(([template, methods]) => ({ pattern: patternOf(template), methods }));
}

/**
 * The last route: a path the app serves with other methods answers 405 `method_not_allowed` with
 * `Allow` (RFC 9110); anything else 404 `not_found`. Both in the error format, the path echoed
 * shortened. The table of routes is read from the app's router on first use (all routes are
 * registered by then).
 */
export function createUnknownRouteHandler(app: Express): RequestHandler {
  let patterns: RoutePattern[] | undefined;
  return (req, res, next) => {
    patterns ??= routePatternsOf(app);
    const path = req.path.length > ECHOED_PATH_MAX_LENGTH ? `${req.path.slice(0, ECHOED_PATH_MAX_LENGTH)}…` : req.path;
    const allowed = new Set<string>();
    for (const route of patterns) if (route.pattern.test(req.path)) for (const method of route.methods) allowed.add(method);
    if (allowed.size > 0 && !allowed.has(req.method)) {
      const methods = [...allowed].sort();
      res.setHeader('Allow', methods.join(', '));
      next(new MethodNotAllowedError(req.method, path, methods));
      return;
    }
    next(new RouteNotFoundError(req.method, path));
  };
}
