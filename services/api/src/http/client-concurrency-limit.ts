import type { Request, RequestHandler } from 'express';
import { clientAddressOf } from './client-address.ts';
import { rateLimitedErrorBodySchema } from './error-body-schemas.ts';
import { sendJson } from './send-json.ts';

export const TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE = 'Trop de requêtes en cours. Veuillez patienter.';

/**
 * How many short requests of the visitor API one client address (clientAddressOf) may have in
 * progress at once in this API process; past it, 429 at once (`Retry-After: 1`). A probe sent
 * thousands of reads of one conversation from one address: every read took one of the database
 * pool's 10 connections, so other visitors waited seconds and got 503. A widget has one or two
 * short requests in progress at a time. Long-polls (`?wait=`, `Prefer: wait`) and event streams
 * are not counted: they hold no database connection while they wait, and a widget always has one
 * open. `max` 0: off.
 */
export function createClientConcurrencyLimit(options: { max: number }): RequestHandler {
  const inProgress = new Map<string, number>();
  return (req, res, next) => {
    if (options.max <= 0 || waitsForLong(req)) return next();
    const address = clientAddressOf(req);
    const count = (inProgress.get(address) ?? 0) + 1;
    if (count > options.max) {
      res.setHeader('Retry-After', '1');
      sendJson(res, 429, rateLimitedErrorBodySchema, {
        error: { code: 'rate_limited', message: TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE, retry_after_seconds: 1 },
      });
      return;
    }
    inProgress.set(address, count);
    res.once('close', () => {
      const left = (inProgress.get(address) ?? 1) - 1;
      if (left <= 0) inProgress.delete(address);
      else inProgress.set(address, left);
    });
    next();
  };
}

/** A long-poll or an event stream: it waits for news, holding no database connection meanwhile. */
function waitsForLong(req: Request): boolean {
  if (req.path.endsWith('/events')) return true;
  if (req.query.wait !== undefined) return true;
  return /\bwait\s*=/i.test(String(req.headers.prefer ?? ''));
}
