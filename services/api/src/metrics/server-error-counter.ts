import type { RequestHandler } from 'express';
import { DependencyFaultLog, type Logger } from '@lac/core';

/** While some 5xx answers wait to be written (Redis away), the write is tried again this often. */
const UNWRITTEN_RETRY_INTERVAL_MS = 5_000;

/** The day counters' side this middleware uses (DailyOperationCounters). */
export interface ServerErrorCounters {
  /** Counts one 5xx answer in this process and writes the process's total for the day. */
  recordServerError(): Promise<void>;
  /** Writes this process's totals again (after a failed write). */
  writeServerErrors(): Promise<void>;
}

/**
 * Counts every response with a 5xx status in the day counters shared by the API processes (Redis),
 * for the owner's dashboard. Counting never delays nor fails the response. Each process writes its
 * running total (DailyOperationCounters), so the answers of a Redis outage, counted here meanwhile,
 * are written once Redis answers again (the dashboard stayed green after an outage where every
 * request failed), and a write that timed out and landed later counts nothing twice (a stall then
 * showed 24 errors for 5). A Redis error is logged quietly (once, then a summary per interval,
 * then the recovery). A process stopped meanwhile loses what it had not written.
 */
export function createServerErrorCounter(options: { counters: ServerErrorCounters; logger: Logger; retryIntervalMs?: number }): RequestHandler {
  const faults = new DependencyFaultLog(options.logger, { component: 'server-error-counter' });
  let retry: NodeJS.Timeout | undefined;
  const settle = (write: Promise<void>): void => {
    write.then(
      () => faults.recovery('5xx answers counted again'),
      (error: unknown) => {
        faults.failure(error, 'could not count a 5xx answer');
        retry ??= setTimeout(() => {
          retry = undefined;
          settle(options.counters.writeServerErrors());
        }, options.retryIntervalMs ?? UNWRITTEN_RETRY_INTERVAL_MS).unref();
      },
    );
  };
  return (_req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode >= 500) settle(options.counters.recordServerError());
    });
    next();
  };
}
