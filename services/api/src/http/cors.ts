import type { RequestHandler } from 'express';

export const CORS_EXPOSED_HEADERS = [
  'Location',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'Preference-Applied',
  'Idempotent-Replayed',
  'X-Request-Id',
  // Which scheme a 401 asks for (the conversation token), and the methods a 405 allows.
  'WWW-Authenticate',
  'Allow',
];
// Authorization: the conversation token (docs/security.md); DELETE: the visitor erases their conversation;
// Content-Encoding: a compressed body (gzip, deflate, br), which the API reads.
const CORS_ALLOWED_HEADERS = ['Content-Type', 'Content-Encoding', 'Idempotency-Key', 'Prefer', 'X-Request-Id', 'Last-Event-ID', 'Authorization'];
const CORS_ALLOWED_METHODS = ['GET', 'POST', 'DELETE', 'OPTIONS'];

/** Parses ALLOWED_ORIGINS: a comma list of origins, `*` for any, empty for same-origin only. */
export function parseAllowedOrigins(value: string): { any: boolean; origins: Set<string> } {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().replace(/\/+$/, ''))
    .filter((entry) => entry !== '');
  return { any: entries.includes('*'), origins: new Set(entries.filter((entry) => entry !== '*')) };
}

/**
 * CORS for the widget: answers preflights (204) and sets the allow/expose headers for
 * allowed origins. Requests from other origins get no CORS header (the browser blocks them).
 */
export function createCorsMiddleware(allowedOrigins: string): RequestHandler {
  const policy = parseAllowedOrigins(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) {
      next();
      return;
    }
    const allowed = policy.any || policy.origins.has(origin);
    if (!policy.any) res.vary('Origin');
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', policy.any ? '*' : origin);
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      if (allowed) {
        res.setHeader('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS.join(', '));
        res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
