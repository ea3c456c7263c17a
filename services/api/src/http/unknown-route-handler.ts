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

/** The methods the app serves `path` with (HEAD beside GET), read from its router on first use; empty for an unknown path. */
function allowedMethodsReader(app: Express): (path: string) => string[] {
  let patterns: RoutePattern[] | undefined;
  return (path) => {
    patterns ??= routePatternsOf(app);
    const allowed = new Set<string>();
    for (const route of patterns) if (route.pattern.test(path)) for (const method of route.methods) allowed.add(method);
    return [...allowed].sort();
  };
}

/**
 * OPTIONS on a path the app serves (not a CORS preflight, which cors.ts answers): 204 with `Allow`
 * listing every method of the path and OPTIONS (RFC 9110 §9.3.7). Express's own answer was a 200
 * text/plain body naming the methods of the first matching route only (GET, HEAD for a
 * conversation, whose DELETE a 405 did list). An unknown path goes on to the 404.
 */
export function createOptionsHandler(app: Express): RequestHandler {
  const allowedMethodsOf = allowedMethodsReader(app);
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    const allowed = allowedMethodsOf(req.path);
    if (allowed.length === 0) return next();
    res.setHeader('Allow', [...allowed, 'OPTIONS'].join(', '));
    res.status(204).end();
  };
}

/**
 * The last route: a path the app serves with other methods answers 405 `method_not_allowed` with
 * `Allow` listing them and OPTIONS (RFC 9110 §15.5.6); anything else 404 `not_found`. Both in the error format, the path echoed
 * shortened. The table of routes is read from the app's router on first use (all routes are
 * registered by then).
 */
export function createUnknownRouteHandler(app: Express): RequestHandler {
  const allowedMethodsOf = allowedMethodsReader(app);
  return (req, res, next) => {
    const path = req.path.length > ECHOED_PATH_MAX_LENGTH ? `${req.path.slice(0, ECHOED_PATH_MAX_LENGTH)}…` : req.path;
    const methods = allowedMethodsOf(req.path);
    if (methods.length > 0 && !methods.includes(req.method)) {
      // OPTIONS is served on every such path (createOptionsHandler): listed like the others.
      const allowed = [...methods, 'OPTIONS'];
      res.setHeader('Allow', allowed.join(', '));
      next(new MethodNotAllowedError(req.method, path, allowed));
      return;
    }
    next(new RouteNotFoundError(req.method, path));
  };
}
