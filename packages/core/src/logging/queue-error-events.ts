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
