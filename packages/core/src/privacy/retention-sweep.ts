import { Queue, Worker } from 'bullmq';
import type { AppConfig } from '../config/config.ts';
import { keepRetentionScheduled } from './retention-schedule.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { ConversationEraser } from './conversation-eraser.ts';
import type { PrivacyStore } from './privacy-store.ts';
import { ERASED_ID_RETIREMENT_SECONDS } from './retired-conversation-ids.ts';
import { backfillClaimMarks } from './claim-marks-backfill.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';
import { drainWorker, WorkerShuttingDownError } from '../jobs/drain-worker.ts';
import { handJobBackAtShutdown, isWorkerShutdown, unlessShutDown } from '../jobs/job-shutdown.ts';

/**
 * Retention (docs/security.md): a repeatable BullMQ job (queue `retention`, one scheduler whatever
 * the number of workers) erases the conversations idle for more than RETENTION_DAYS — database
 * rows and Redis traces, as a GDPR erasure —, deletes the database's retired ids past their 400
 * days, marks in the database the conversations claimed in Redis (once per Redis,
 * claim-marks-backfill.ts), and trims the finished jobs of the chat queue older than their retention
 * (COMPLETED/FAILED_JOB_RETENTION_SECONDS). RETENTION_DAYS=0 keeps every conversation.
 */

export const RETENTION_QUEUE_NAME = 'retention';
export const RETENTION_JOB_NAME = 'retention-sweep';
const SWEEP_BATCH = 200;
const DAY_MS = 86_400_000;

export async function sweepIdleConversations(options: {
  store: Pick<PrivacyStore, 'findIdleConversations'>;
  eraser: Pick<ConversationEraser, 'eraseConversations'>;
  retentionDays: number;
  now?: Date;
  /** The worker's shutdown (job-shutdown.ts): no batch is started once it aborts; the batch being erased ends. */
  signal?: AbortSignal;
}): Promise<{ conversations: number }> {
  if (options.retentionDays <= 0) return { conversations: 0 };
  const before = new Date((options.now ?? new Date()).getTime() - options.retentionDays * DAY_MS);
  const signal = options.signal ?? new AbortController().signal;
  let erased = 0;
  for (;;) {
    const idle = await unlessShutDown(options.store.findIdleConversations(before, SWEEP_BATCH), signal);
    signal.throwIfAborted();
    if (idle.length === 0) return { conversations: erased };
    const report = await options.eraser.eraseConversations(idle);
    erased += idle.length;
    if (report.erased.conversations === 0) return { conversations: erased }; // nothing could be erased: stop, retry next run
  }
}

/**
 * Removes the oldest completed jobs of `queue` past the `keep` most recent, a thousand per call
 * (each `clean` is one Lua script: a bounded pause of Redis). Ages alone let one client's
 * allowance of messages outgrow Redis's memory; counted here, once per sweep, rather than by BullMQ
 * at every completion, which cost each message about three more Redis commands.
 */
export async function trimCompletedJobsToCount(queue: Pick<Queue, 'getCompletedCount' | 'clean'>, keep: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const excess = (await queue.getCompletedCount()) - keep;
    if (excess <= 0) return removed;
    // Oldest first (BullMQ reads the completed set by finishing time).
    const batch = await queue.clean(0, Math.min(excess, 1000), 'completed');
    if (batch.length === 0) return removed;
    removed += batch.length;
  }
}

export function startRetentionSweeper(options: {
  config: Pick<
    AppConfig,
    'QUEUE_PREFIX' | 'CHAT_QUEUE_NAME' | 'SHUTDOWN_GRACE_MS' | 'RETENTION_DAYS' | 'RETENTION_SWEEP_INTERVAL_SECONDS' | 'COMPLETED_JOB_RETENTION_SECONDS' | 'COMPLETED_JOB_RETENTION_COUNT' | 'FAILED_JOB_RETENTION_SECONDS'
  >;
  /** A connection made with `forBullWorker: true`. */
  connection: RedisClient;
  store: PrivacyStore;
  eraser: ConversationEraser;
  logger: Logger;
  /** How often the schedule is checked (retention-schedule.ts); tests shorten it. */
  scheduleCheckMs?: number;
}): { ready: Promise<void>; close(): Promise<void> } {
  const { config, connection, logger } = options;
  const queue = new Queue(RETENTION_QUEUE_NAME, { connection, prefix: config.QUEUE_PREFIX });
  const chatQueue = new Queue(config.CHAT_QUEUE_NAME, { connection, prefix: config.QUEUE_PREFIX });
  let sweeping = 0;
  // Aborted by drainWorker when SHUTDOWN_GRACE_MS has passed: a sweep stops between batches and is handed back.
  const shutdown = new AbortController();
  const worker = new Worker(
    RETENTION_QUEUE_NAME,
    async (job, token) => {
      sweeping += 1;
      try {
        return await sweep();
      } catch (error) {
        if (!isWorkerShutdown(error)) throw error;
        logger.warn({ jobId: job.id }, 'handing the retention sweep back: worker shutting down');
        return await handJobBackAtShutdown(job, token);
      } finally {
        sweeping -= 1;
      }
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 1 },
  );
  async function sweep() {
      const swept = await sweepIdleConversations({ store: options.store, eraser: options.eraser, retentionDays: config.RETENTION_DAYS, signal: shutdown.signal });
      shutdown.signal.throwIfAborted();
      // Erased ids are refused for ERASED_ID_RETIREMENT_SECONDS, in Redis (expiring keys) and in the database (deleted here).
      const retiredIds = await options.store.forgetRetiredConversationIds(new Date(Date.now() - ERASED_ID_RETIREMENT_SECONDS * 1000));
      const completed = await chatQueue.clean(config.COMPLETED_JOB_RETENTION_SECONDS * 1000, 1000, 'completed');
      const overCount = await trimCompletedJobsToCount(chatQueue, config.COMPLETED_JOB_RETENTION_COUNT);
      const failed = await chatQueue.clean(config.FAILED_JOB_RETENTION_SECONDS * 1000, 1000, 'failed');
      // Once per Redis: the claims it holds of conversations the database does not know were claimed (migration 0026).
      const claimMarks = await backfillClaimMarks({ redis: connection, keys: new RedisKeys(config.QUEUE_PREFIX), store: options.store, signal: shutdown.signal });
      if (claimMarks.kind === 'done') logger.info({ claims: claimMarks.claims, marked: claimMarks.marked }, 'conversation claims marked in the database');
      const summary = {
        conversations: swept.conversations,
        retiredIds,
        claimsMarked: claimMarks.kind === 'done' ? claimMarks.marked : 0,
        completedJobs: completed.length + overCount,
        failedJobs: failed.length,
      };
      logger.info(summary, 'retention sweep done');
      return summary;
  }
  // Quiet while Redis is down: one line, a summary per interval, the recovery (never one line per error).
  logQueueErrorsQuietly(worker, logger, { component: 'retention-worker' });
  logQueueErrorsQuietly(queue, undefined, { queue: RETENTION_QUEUE_NAME });
  logQueueErrorsQuietly(chatQueue, undefined, { queue: config.CHAT_QUEUE_NAME });
  const schedule = () =>
    queue.upsertJobScheduler(
      RETENTION_JOB_NAME,
      { every: config.RETENTION_SWEEP_INTERVAL_SECONDS * 1000 },
      { name: RETENTION_JOB_NAME, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } } },
    );
  const ready = schedule().then(() => undefined);
  const keeper = keepRetentionScheduled({ queue, schedulerId: RETENTION_JOB_NAME, schedule, logger, checkEveryMs: options.scheduleCheckMs });
  return {
    ready,
    close: async () => {
      keeper.stop();
      // Not a bare worker.close(): with Redis stopped it never ended (drain-worker.ts).
      await drainWorker({ worker, graceMs: config.SHUTDOWN_GRACE_MS, shutdown, reason: new WorkerShuttingDownError(), logger, activeJobs: () => sweeping });
      await queue.close();
      await chatQueue.close();
    },
  };
}
