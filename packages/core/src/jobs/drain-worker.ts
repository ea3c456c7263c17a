import type { Worker } from 'bullmq';
import type { Logger } from '../logging/logger.ts';

/** Raised inside a processor when its worker shuts down before the job could finish. */
export class WorkerShuttingDownError extends Error {
  constructor() {
    super('worker shutting down');
    this.name = 'WorkerShuttingDownError';
  }
}

/** After the grace period, how long aborted jobs get to hand themselves back (or end what they started) before a forced close. */
export const HAND_BACK_MS = 5_000;
/**
 * A worker running no job whose close has not ended after this long is force-closed: nothing is
 * left to hand back, and after Redis Cluster failovers BullMQ's close waited out the whole grace
 * period with no job (then the process exit deadline, exit code 1).
 */
export const IDLE_CLOSE_MS = 3_000;
/**
 * How long a forced close may take before the drain gives it up. With Redis stopped, BullMQ's close
 * waits for a blocking connection that ioredis never ends (it was closed while waiting to
 * reconnect), and a forced close returns that same promise: the process waited out its exit
 * deadline. Nothing can be handed back through a Redis that is away; the stall check of another
 * worker takes the jobs over.
 */
export const FORCED_CLOSE_WAIT_MS = 2_000;

/**
 * Graceful drain of a BullMQ worker (SIGTERM): stop taking jobs and let active ones finish for up
 * to `graceMs`; then abort them through `shutdown` (their processors hand the jobs back to the
 * queue) and, if even that does not end within a few seconds, force-close (stall detection then
 * hands the jobs back).
 */
/** The two calls drainWorker makes, whatever the worker's job types. */
type ClosableWorker = Pick<Worker, 'close'>;

export async function drainWorker(options: {
  worker: ClosableWorker;
  graceMs: number;
  shutdown: AbortController;
  reason: Error;
  logger: Logger;
  /** Jobs this process is running now: with none, a close that hangs is forced after IDLE_CLOSE_MS. */
  activeJobs?: () => number;
  idleCloseMs?: number;
  /**
   * How long after the abort the jobs get before the forced close (default HAND_BACK_MS): longer for
   * jobs that may be waiting for a webhook's answer when the grace ends (webhookHandBackMs).
   */
  handBackMs?: number;
}): Promise<void> {
  const drained = options.worker.close();
  const closeStartedAt = Date.now();
  const waitFor = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([drained.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
    clearTimeout(timer);
    return closed;
  };
  if (options.activeJobs?.() === 0 && !(await waitFor(options.idleCloseMs ?? IDLE_CLOSE_MS)) && options.activeJobs() === 0) {
    options.logger.warn('worker close hangs with no job running: forcing it');
    await forceClose(options.worker, options.logger);
    return;
  }
  // The grace period counts from the close, the idle wait included.
  if (await waitFor(Math.max(0, options.graceMs - (Date.now() - closeStartedAt)))) return;
  options.logger.warn('shutdown grace elapsed: handing active jobs back to the queue');
  options.shutdown.abort(options.reason);
  const handedBack = await Promise.race([
    drained.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.handBackMs ?? HAND_BACK_MS).unref()),
  ]);
  if (!handedBack) await forceClose(options.worker, options.logger);
}

/** Forces the close, waiting for it at most FORCED_CLOSE_WAIT_MS. */
async function forceClose(worker: ClosableWorker, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    worker.close(true).then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), FORCED_CLOSE_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (!closed) logger.warn({ waitedMs: FORCED_CLOSE_WAIT_MS }, 'worker close abandoned: it still waits on Redis after being forced');
}
