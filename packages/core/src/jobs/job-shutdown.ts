import { WaitingError, type Job } from 'bullmq';
import { WorkerShuttingDownError } from './drain-worker.ts';

/**
 * How a job sees its worker's shutdown. Each worker owns one AbortController, given to drainWorker
 * (drain-worker.ts), which aborts it with a WorkerShuttingDownError once SHUTDOWN_GRACE_MS has
 * passed with jobs still running. A processor then:
 * - checks the signal (`signal.throwIfAborted()`) right before its irreversible side effect (a
 *   webhook sent, a notice stored, a batch erased): a job aborted before it does not do it;
 * - waits for the reads before that point through `unlessShutDown`, so that a read stuck on a
 *   locked table or a slow database does not keep the job past the grace;
 * - lets a side effect already started end and be recorded (no signal reaches it);
 * - in its `catch`, gives a job stopped by the shutdown (`isWorkerShutdown`) to
 *   `handJobBackAtShutdown`: the job waits again for the next worker, no attempt used.
 * Before this, only the chat and ingest workers' jobs saw the signal: the escalation delivery,
 * hand-over and retention jobs ran on after the worker's forced close, until the process exited,
 * and their job was run again when its lock expired (a webhook sent twice).
 */

/**
 * Waits for `step` (something with no lasting effect: a read) unless `signal` aborts first; then
 * throws the signal's reason at once. The step goes on in the background and its result is dropped.
 */
export async function unlessShutDown<Value>(step: Promise<Value>, signal: AbortSignal): Promise<Value> {
  if (signal.aborted) {
    // Started after the abort (the retention sweep's next batch): its failure would be an unhandled rejection, which ends the process.
    step.catch(() => undefined);
    throw signal.reason as Error;
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([step, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
    // The step's own failure after the abort is nobody's concern any more.
    step.catch(() => undefined);
  }
}

/** Whether `error` is the worker's shutdown reaching the job (the reason drainWorker aborts with), not a failure of the job. */
export function isWorkerShutdown(error: unknown): error is WorkerShuttingDownError {
  return error instanceof WorkerShuttingDownError;
}

/**
 * Puts a job stopped by its worker's shutdown back in the waiting list, for another worker (or this
 * one once restarted) to run from the start: `job.moveToWait(token)` then BullMQ's WaitingError, which
 * uses no attempt (`attemptsMade` is unchanged; BullMQ's manual-retrying pattern). When the move
 * fails (Redis away, the lock already lost) it throws WorkerShuttingDownError instead: the job stays
 * active and the stall check of another worker hands it back when its lock expires. Never returns.
 */
export async function handJobBackAtShutdown(job: Pick<Job, 'moveToWait'>, token: string | undefined): Promise<never> {
  try {
    await job.moveToWait(token ?? '');
  } catch {
    throw new WorkerShuttingDownError();
  }
  throw new WaitingError();
}
