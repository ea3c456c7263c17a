import type { Worker } from 'bullmq';
import type { Logger } from '../logging/logger.ts';

/** Raised inside a processor when its worker shuts down before the job could finish. */
export class WorkerShuttingDownError extends Error {
  constructor() {
    super('worker shutting down');
    this.name = 'WorkerShuttingDownError';
  }
}

/** After the grace period, how long aborted jobs get to hand themselves back before a forced close. */
const HAND_BACK_MS = 5_000;

/**
 * Graceful drain of a BullMQ worker (SIGTERM): stop taking jobs and let active ones finish for up
 * to `graceMs`; then abort them through `shutdown` (their processors hand the jobs back to the
 * queue) and, if even that does not end within a few seconds, force-close (stall detection then
 * hands the jobs back).
 */
/** The two calls drainWorker makes, whatever the worker's job types. */
type ClosableWorker = Pick<Worker, 'close'>;

export async function drainWorker(options: { worker: ClosableWorker; graceMs: number; shutdown: AbortController; reason: Error; logger: Logger }): Promise<void> {
  const drained = options.worker.close();
  let graceTimer: NodeJS.Timeout | undefined;
  const finishedInTime = await Promise.race([
    drained.then(() => true),
    new Promise<boolean>((resolve) => {
      graceTimer = setTimeout(() => resolve(false), options.graceMs);
    }),
  ]);
  if (graceTimer) clearTimeout(graceTimer);
  if (finishedInTime) return;
  options.logger.warn('shutdown grace elapsed: handing active jobs back to the queue');
  options.shutdown.abort(options.reason);
  const handedBack = await Promise.race([
    drained.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HAND_BACK_MS).unref()),
  ]);
  if (!handedBack) await options.worker.close(true);
}
