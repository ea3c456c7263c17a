import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { openConversationEraser } from './open-conversation-eraser.ts';
import { PgPrivacyStore } from './pg-privacy-store.ts';
import { RETENTION_QUEUE_NAME, startRetentionSweeper } from './retention-sweep.ts';

/**
 * A retention sweep still reading when its worker stops: past the grace it is handed back at once
 * (before, it ran on after the forced close and stayed active until its lock expired).
 */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('retention-shutdown');

describe('retention sweep at shutdown', () => {
  it('hands a sweep stopped before its first batch back without using an attempt, and the next worker runs it', async () => {
    const config = context().config({ RETENTION_DAYS: '30', RETENTION_SWEEP_INTERVAL_SECONDS: '3600', SHUTDOWN_GRACE_MS: '300' });
    const { logger } = context();
    const store = new PgPrivacyStore(database().pool);
    const erasure = openConversationEraser({ redis: context().redis, queuePrefix: config.QUEUE_PREFIX, store, logger });
    const connections = [1, 2].map((index) => createRedisConnection(config, { connectionName: `test:retention-${index}`, forBullWorker: true, logger }));
    const queue = new Queue(RETENTION_QUEUE_NAME, { connection: context().redis, prefix: config.QUEUE_PREFIX });
    // The embedded database runs one session at a time: a transaction held open keeps the sweep's
    // read of the idle conversations waiting past the grace.
    const holder = await database().pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1');
    let holding = true;
    const stopping = startRetentionSweeper({ config, connection: connections[0]!, store, eraser: erasure.eraser, logger });
    let next: ReturnType<typeof startRetentionSweeper> | undefined;
    try {
      await stopping.ready;
      // The scheduler's first sweep starts at once.
      const [active] = await waitUntil(() => queue.getJobs(['active']), (jobs) => jobs.length === 1);
      await stopping.close();
      const handedBack = (await queue.getJob(active!.id!))!;
      expect(await handedBack.getState()).toBe('waiting');

      next = startRetentionSweeper({ config, connection: connections[1]!, store, eraser: erasure.eraser, logger });
      await holder.query('COMMIT');
      holding = false;
      const finished = await waitUntil(async () => (await queue.getJob(active!.id!))!, (job) => job.finishedOn !== undefined, 20_000);
      expect(finished.returnvalue).toMatchObject({ conversations: 0 });
      expect({ started: finished.attemptsStarted, made: finished.attemptsMade }).toEqual({ started: 2, made: 1 });
    } finally {
      if (holding) await holder.query('ROLLBACK');
      holder.release();
      await next?.close();
      await stopping.close();
      await queue.close();
      await erasure.close();
      for (const connection of connections) await connection.quit().catch(() => connection.disconnect());
    }
  });
});
