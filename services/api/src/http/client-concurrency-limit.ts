import type { RequestHandler, Response } from 'express';
import { clientAddressOf, isLoopbackClient } from './client-address.ts';
import { CountsByKey } from './counts-by-key.ts';
import { markAnswerWaiting } from './half-closed-connections.ts';
import { rateLimitedErrorBodySchema } from './error-body-schemas.ts';
import { sendJson } from './send-json.ts';

export const TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE = 'Trop de requêtes en cours. Veuillez patienter.';

/**
 * How many requests one client address (clientAddressOf) may have at work at once in this API
 * process, on the routes it guards (app.ts: requests about one conversation, database queries each); past it,
 * 429 at once (`Retry-After: 1`). A probe sent thousands of reads of one conversation from one
 * address: every read took one of the database pool's 10 connections, so other visitors waited
 * seconds and got 503. A widget has one or two such requests at work at a time.
 *
 * Every request is counted from its arrival. A long-poll or an event stream gives its place back
 * when it starts waiting (releaseClientSlot: it then holds no database connection, and a widget
 * always has one open). A request whose client went away keeps its place for `holdAfterAbortMs`
 * (the longest a query of the API may still run), so dropping connections does not free places
 * while their queries still run. `max` 0: off. `loopbackCounted` false: this host's own clients
 * (CLIENT_LIMITS_ON_LOOPBACK) are not counted.
 */
export function createClientConcurrencyLimit(options: { max: number; holdAfterAbortMs: number; loopbackCounted?: boolean }): RequestHandler {
  const atWork = new CountsByKey<string>();
  return (req, res, next) => {
    if (options.max <= 0) return next();
    const address = clientAddressOf(req);
    if (options.loopbackCounted === false && isLoopbackClient(address)) return next();
    if (atWork.of(address) >= options.max) {
      res.setHeader('Retry-After', '1');
      sendJson(res, 429, rateLimitedErrorBodySchema, {
        error: { code: 'rate_limited', message: TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE, retry_after_seconds: 1 },
      });
      return;
    }
    atWork.add(address);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      atWork.remove(address);
    };
    res.locals[RELEASE_KEY] = release;
    res.once('close', () => {
      if (res.writableFinished) release();
      else setTimeout(release, options.holdAfterAbortMs).unref();
    });
    next();
  };
}

const RELEASE_KEY = 'releaseClientSlot';

/**
 * A long-poll or an event stream starts waiting: its client's place is given back (idempotent), and
 * the answer is marked as waiting (a client half-closing its connection is then gone: half-closed-connections.ts).
 */
export function releaseClientSlot(res: Response): void {
  markAnswerWaiting(res);
  (res.locals[RELEASE_KEY] as (() => void) | undefined)?.();
}
