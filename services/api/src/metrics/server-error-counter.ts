import type { RequestHandler } from 'express';
import type { Logger } from '@lac/core';

/**
 * Counts every response with a 5xx status in the day counters shared by the API processes (Redis),
 * for the owner's dashboard. Counting never delays nor fails the response: a Redis error is logged.
 */
export function createServerErrorCounter(options: { counters: { recordServerError(): Promise<void> }; logger: Logger }): RequestHandler {
  return (_req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode < 500) return;
      options.counters
        .recordServerError()
        .catch((error: unknown) => options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not count a 5xx answer'));
    });
    next();
  };
}
