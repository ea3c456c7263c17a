import type { RequestHandler } from 'express';
import { DependencyFaultLog, type Logger } from '@lac/core';

/** While some 5xx answers wait to be counted (Redis away), they are tried again this often. */
const UNCOUNTED_RETRY_INTERVAL_MS = 5_000;

/**
 * Counts every response with a 5xx status in the day counters shared by the API processes (Redis),
 * for the owner's dashboard. Counting never delays nor fails the response. A Redis error is logged
 * quietly (once, then a summary per interval, then the recovery): while Redis is down every answer
 * is a 503 whose count fails, which must not cost a log line each. Those answers are kept here and
 * counted once Redis answers again (the dashboard stayed green after an outage where every request
 * failed); a process stopped meanwhile loses its uncounted ones.
 */
export function createServerErrorCounter(options: {
  counters: { recordServerError(now?: number, count?: number): Promise<void> };
  logger: Logger;
  retryIntervalMs?: number;
}): RequestHandler {
  const faults = new DependencyFaultLog(options.logger, { component: 'server-error-counter' });
  let uncounted = 0;
  let retry: NodeJS.Timeout | undefined;
  const count = (answers: number): void => {
    options.counters.recordServerError(Date.now(), answers).then(
      () => faults.recovery('5xx answers counted again'),
      (error: unknown) => {
        uncounted += answers;
        faults.failure(error, 'could not count a 5xx answer');
        retry ??= setTimeout(() => {
          retry = undefined;
          const waiting = uncounted;
          uncounted = 0;
          if (waiting > 0) count(waiting);
        }, options.retryIntervalMs ?? UNCOUNTED_RETRY_INTERVAL_MS).unref();
      },
    );
  };
  return (_req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode < 500) return;
      const answers = 1 + uncounted;
      uncounted = 0;
      count(answers);
    });
    next();
  };
}
