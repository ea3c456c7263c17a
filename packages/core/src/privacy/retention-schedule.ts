import type { Queue } from 'bullmq';
import type { Logger } from '../logging/logger.ts';

/** How often a worker checks that the retention sweep is still scheduled. */
export const RETENTION_SCHEDULE_CHECK_MS = 60_000;

/**
 * The retention sweep's schedule is a BullMQ job scheduler, kept in Redis: a Redis that lost its
 * data (restarted without persistence, a master lost before it replicated) loses it, and no sweep
 * ran until a worker restarted (found after the claims moved to the database, migration 0026). Each
 * worker looks every `checkEveryMs` and puts the schedule back when it is missing. A scheduler that
 * exists is left alone: upserting it again would move its next run, and one upsert per check could
 * keep postponing the sweep.
 */
export function keepRetentionScheduled(options: {
  queue: Pick<Queue, 'getJobScheduler'>;
  schedulerId: string;
  schedule: () => Promise<unknown>;
  logger: Logger;
  checkEveryMs?: number;
}): { stop(): void } {
  const { queue, schedulerId, schedule, logger } = options;
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void (async () => {
      if ((await queue.getJobScheduler(schedulerId)) !== undefined) return;
      await schedule();
      logger.warn({ schedulerId }, 'retention sweep schedule was missing from Redis (its data lost?): scheduled again');
    })()
      .catch((error: unknown) => logger.debug({ schedulerId, err: error instanceof Error ? error.message : String(error) }, 'retention schedule check failed: tried again at the next check'))
      .finally(() => {
        checking = false;
      });
  }, options.checkEveryMs ?? RETENTION_SCHEDULE_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
