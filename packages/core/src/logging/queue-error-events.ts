import { DependencyFaultLog } from './dependency-fault-log.ts';
import type { Logger } from './logger.ts';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** BullMQ's datastore backend (Queue, QueueEvents, Worker): its `ready` (a connection ready again) after a fault is the recovery. */
  getBackend?(): { on(event: 'ready', listener: () => void): unknown };
}

/**
 * Every BullMQ Queue, QueueEvents and Worker re-emits the errors of its Redis connection. Without a
 * listener BullMQ prints each one to the console (an unbounded flood while Redis refuses commands);
 * with a plain logging listener, one line per error. This listener logs quietly (DependencyFaultLog):
 * one line when errors start, a summary with the count per interval, one line when the emitter's
 * connection is ready again ("queue recovered": an idle worker completes no job to say so, and its
 * last line said "(still)" for good).
 * Without a logger the events are dropped: the connection (createRedisConnection) already logs its
 * own faults, and a failing command rejects its caller's promise.
 */
export function logQueueErrorsQuietly(emitter: ErrorEmitter, logger: Logger | undefined, context: Record<string, unknown>): DependencyFaultLog | null {
  if (!logger) {
    emitter.on('error', () => undefined);
    return null;
  }
  const faults = new DependencyFaultLog(logger, context);
  emitter.on('error', (error) => faults.failure(error, 'queue error'));
  emitter.getBackend?.().on('ready', () => faults.recovery('queue recovered'));
  return faults;
}

/**
 * A BullMQ Worker's queue errors, logged as logQueueErrorsQuietly does, and a job it completes also
 * ends the fault ("worker recovered"): on a Redis Cluster a failover or a cut leaves the worker's
 * connection ready (no `ready` event), and without it the next fault's line said "(still)" with the
 * time since the first one, and "queue recovered" reported one long outage, while the worker had
 * been running jobs in between (the fault drill, docs/durability.md).
 */
export function logWorkerErrorsQuietly(
  worker: ErrorEmitter & { on(event: 'completed', listener: () => void): unknown },
  logger: Logger | undefined,
  context: Record<string, unknown>,
): DependencyFaultLog | null {
  const faults = logQueueErrorsQuietly(worker, logger, context);
  worker.on('completed', () => faults?.recovery('worker recovered'));
  return faults;
}
