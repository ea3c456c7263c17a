import { Job, type Queue, type Worker } from 'bullmq';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';

/**
 * Pickups whose reply the network lost. BullMQ takes a job with one script (moveToActive): the job
 * goes to the active list under a lock holding the pickup's token (`<worker id>:<n>`), and the reply
 * brings it to the worker. When the connection drops between the two (a reset, a proxy closing the
 * connection, a Redis failover), the worker never hears of the job; ioredis sends the unanswered
 * script again on the new connection, which takes the next job instead. The first one sits in the
 * active list, locked, run by nobody, until its lock expires and a stall check frees it: one
 * STALL_WINDOW_MS (30 s) and up to half more, and every later message of its conversation waits
 * behind it. Fault probe (Redis connections closed after every 20 KB for 30 s, API and two workers):
 * 5 of 228 messages answered 40 to 42 s after they were accepted, never run before their stall.
 *
 * This process knows its own worker's id, so it can tell such a job: active, locked with one of its
 * worker's tokens, and never received by its worker nor handed to its processor (running, or
 * received or ended less than RECENTLY_ENDED_MS ago, or less than the worker's lock duration when
 * that is longer: it may wait for a free slot, or its completion may still be on its way; its lock,
 * set at the pickup or last extended at its end, holds that long at most, and a job without it is
 * never put back). "Received" is read where BullMQ turns a pickup's reply into a Job
 * (`nextJobFromJobData`, wrapped: a worker fetches up to its concurrency one after the other before
 * processing any, seconds on a slow network). Seen so at two looks `checkEveryMs` apart with the
 * same token, it is put
 * back at the head of the waiting list (`moveToWait` with its token: BullMQ's script checks the
 * lock, so a job that moved on meanwhile is left alone). No attempt is used and no stall counted:
 * the job never started. Each look costs one LRANGE and one MGET.
 */

/**
 * A job received or ended this recently may still wait for its slot or be recording its end: never an
 * orphan. The worker's lock duration when longer (STALL_WINDOW_MS goes up to 10 minutes): a lock
 * still held by such a job would let the put-back succeed while the job runs here.
 */
export const RECENTLY_ENDED_MS = 60_000;

export interface OrphanedPickupSweeper {
  /** The processor starts running a job (call first thing in the processor). */
  started(jobId: string): void;
  /** The processor is done with a job (its finally). */
  ended(jobId: string): void;
  /** One look (the timer calls it; tests may too). Resolves to the job ids put back. */
  sweep(): Promise<string[]>;
  stop(): void;
}

export function startOrphanedPickupSweeper(options: {
  worker: Pick<Worker, 'id' | 'opts'>;
  queue: Queue;
  /**
   * The connection the worker takes its jobs on (the one given to BullMQ, which shares it): Redis
   * answers a look after any pickup sent before it, so a pickup reply that is only slow reaches the
   * worker before the look that would find its job. On another connection such a job could be put
   * back while its reply is still on the way, and run here and in another worker.
   */
  connection: RedisClient;
  checkEveryMs: number;
  logger: Logger;
}): OrphanedPickupSweeper {
  const { worker, queue, connection, logger } = options;
  const running = new Set<string>();
  const endedAt = new Map<string, number>();
  /** Job id → lock token, as seen at the previous look. */
  let suspects = new Map<string, string>();
  const tokenPrefix = `${worker.id}:`;
  const oursForMs = Math.max(RECENTLY_ENDED_MS, worker.opts.lockDuration ?? 0);
  watchJobsReceived(worker, (jobId) => endedAt.set(jobId, Date.now()), logger);

  const ours = (jobId: string): boolean => {
    if (running.has(jobId)) return true;
    const ended = endedAt.get(jobId);
    return ended !== undefined && Date.now() - ended < oursForMs;
  };

  async function sweep(): Promise<string[]> {
    const now = Date.now();
    for (const [jobId, at] of endedAt) if (now - at >= oursForMs) endedAt.delete(jobId);
    const active = (await connection.lrange(queue.toKey('active'), 0, -1)).filter((jobId) => !ours(jobId));
    const locks = active.length === 0 ? [] : await connection.mget(...active.map((jobId) => `${queue.toKey(jobId)}:lock`));
    const seen = new Map<string, string>();
    active.forEach((jobId, index) => {
      const lock = locks[index];
      if (typeof lock === 'string' && lock.startsWith(tokenPrefix)) seen.set(jobId, lock);
    });
    const putBack: string[] = [];
    for (const [jobId, lock] of seen) {
      if (suspects.get(jobId) !== lock || ours(jobId)) continue;
      const job = await Job.fromId(queue, jobId);
      // Looked at again after each round trip: a pickup reply read meanwhile has reached the processor.
      if (!job || ours(jobId)) continue;
      try {
        await job.moveToWait(lock);
        putBack.push(jobId);
        seen.delete(jobId);
        logger.warn({ jobId }, 'job taken for this worker but never handed to it (the pickup reply was lost): put back in the waiting list');
      } catch (error) {
        // Its lock moved on (the stall check freed it, or it ran after all): nothing to do.
        logger.debug({ jobId, err: error instanceof Error ? error.message : String(error) }, 'orphaned pickup not put back');
      }
    }
    suspects = seen;
    return putBack;
  }

  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((error: unknown) => {
        // Redis away: the next look tries again (the worker's own logs tell the outage).
        logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'could not look for orphaned pickups');
      })
      .finally(() => {
        sweeping = false;
      });
  }, options.checkEveryMs);
  timer.unref();

  return {
    started(jobId) {
      running.add(jobId);
      endedAt.delete(jobId);
    },
    ended(jobId) {
      running.delete(jobId);
      endedAt.set(jobId, Date.now());
    },
    sweep,
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * Calls `onReceived` with the id of every job BullMQ hands this worker (a pickup's reply, or the next
 * job a completion brought back), before the worker decides when to process it. A BullMQ without
 * that method is logged once and left alone: the processor's own marks still hold.
 */
function watchJobsReceived(worker: object, onReceived: (jobId: string) => void, logger: Logger): void {
  type Receiver = { nextJobFromJobData?: (jobData?: unknown, jobId?: string, token?: string) => Promise<unknown> };
  const receiver = worker as unknown as Receiver;
  const original = receiver.nextJobFromJobData;
  if (typeof original !== 'function') {
    logger.warn('BullMQ has no nextJobFromJobData: orphaned pickups are told from the processor alone');
    return;
  }
  receiver.nextJobFromJobData = function (this: unknown, jobData?: unknown, jobId?: string, token?: string) {
    if (jobData && typeof jobId === 'string') onReceived(jobId);
    return original.call(this, jobData, jobId, token);
  };
}
