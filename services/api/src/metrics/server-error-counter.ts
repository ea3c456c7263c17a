import type { RequestHandler } from 'express';
import { DependencyFaultLog, type Logger } from '@lac/core';

/**
 * Counts every response with a 5xx status in the day counters shared by the API processes (Redis),
 * for the owner's dashboard. Counting never delays nor fails the response. A Redis error is logged
 * quietly (once, then a summary per interval, then the recovery): while Redis is down every answer
 * is a 503 whose count fails, which must not cost a log line each.
 */
export function createServerErrorCounter(options: { counters: { recordServerError(): Promise<void> }; logger: Logger }): RequestHandler {
  const faults = new DependencyFaultLog(options.logger, { component: 'server-error-counter' });
  return (_req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode < 500) return;
      options.counters.recordServerError().then(
        () => faults.recovery('5xx answers counted again'),
        (error: unknown) => faults.failure(error, 'could not count a 5xx answer'),
      );
    });
    next();
  };
}
