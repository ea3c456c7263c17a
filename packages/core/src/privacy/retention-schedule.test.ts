import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { openConversationEraser } from './open-conversation-eraser.ts';
import { PgPrivacyStore } from './pg-privacy-store.ts';
import { RETENTION_JOB_NAME, RETENTION_QUEUE_NAME, startRetentionSweeper } from './retention-sweep.ts';

/** The retention sweep's schedule lives in Redis: when Redis loses its data, the running worker schedules it again. */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('retention-schedule');

describe('the retention sweep schedule', () => {
  it('is put back by the running worker after Redis lost it, and an existing one is left alone', async () => {
    const config = context().config({ RETENTION_DAYS: '30', RETENTION_SWEEP_INTERVAL_SECONDS: '3600' });
    const { logger, redis } = context();
    const store = new PgPrivacyStore(database().pool);
    const erasure = openConversationEraser({ redis, queuePrefix: config.QUEUE_PREFIX, store, logger });
    const connection = createRedisConnection(config, { connectionName: 'test:retention-schedule', forBullWorker: true, logger });
    const queue = new Queue(RETENTION_QUEUE_NAME, { connection: redis, prefix: config.QUEUE_PREFIX });
    const sweeper = startRetentionSweeper({ config, connection, store, eraser: erasure.eraser, logger, scheduleCheckMs: 200 });
    try {
      await sweeper.ready;
      // Once its first, immediate run is taken: that run moves `next` one interval on (read before it, the comparison
      // below raced it on a loaded machine, 3,600,000 ms apart).
      const scheduled = await waitUntil(
        () => queue.getJobScheduler(RETENTION_JOB_NAME),
        (found) => found !== undefined && Number(found.next) > Date.now() + 1_800_000,
        10_000,
      );
      expect(scheduled).toBeDefined();
      // Checks while it exists change nothing: its next run stays where it was.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await queue.getJobScheduler(RETENTION_JOB_NAME))?.next).toBe(scheduled?.next);

      // Redis loses the queue's data (a restart without persistence): the schedule is gone.
      const lost = await redis.keys(`${config.QUEUE_PREFIX}:${RETENTION_QUEUE_NAME}:*`);
      await redis.del(...lost);
      expect(await queue.getJobScheduler(RETENTION_JOB_NAME)).toBeUndefined();
      await waitUntil(() => queue.getJobScheduler(RETENTION_JOB_NAME), (found) => found !== undefined, 10_000);
    } finally {
      await sweeper.close();
      await queue.close();
      await erasure.close();
      await connection.quit().catch(() => connection.disconnect());
    }
  });
});
