import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { handoverJobId } from './handover-queue.ts';
import { startHandoverWorker } from './handover-worker.ts';
import { openHandover } from './open-handover.ts';
import { parseSupportHours } from './support-hours.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { captureLogLines } from '../testing/captured-log-lines.ts';

/**
 * The hand-over worker while the database is down: the delayed "nobody joined yet" notice is put
 * back without using an attempt (one attempt only here) and sent once the database is back.
 */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('handover-worker');

describe('hand-over worker while the database is down', () => {
  it('puts the waiting notice back without using an attempt, and sends it once the database is back', async () => {
    const config = context().config({ HANDOVER_OPERATOR_WAIT_SECONDS: '1', ESCALATION_DELIVERY_ATTEMPTS: '1', INFRA_RETRY_MAX_MS: '200' });
    const handover = openHandover({ config, stores: { pool: database().pool, supabaseClient: null }, connection: context().redis, logger: context().logger });
    const workerConnection = createRedisConnection(config, { connectionName: 'test:handover-worker', forBullWorker: true, logger: context().logger });
    const conversationId = 'conv-panne';
    const escalated = await handover.desk.escalated(conversationId, 'visiteuse');
    expect(escalated).toMatchObject({ state: 'waiting_human', transitioned: true });
    await database().interrupt();
    const worker = startHandoverWorker({
      config,
      desk: handover.desk,
      supportHours: parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE),
      connection: workerConnection,
      logger: context().logger,
    });
    try {
      const readJob = () => handover.queue.getJob(handoverJobId('waiting-notice', `${conversationId}|${escalated!.version}`));
      const during = await waitUntil(readJob, (job) => (job?.data.infrastructure_fault_count ?? 0) >= 3);
      expect(during!.attemptsMade).toBe(0);

      await database().resume();
      const done = await waitUntil(readJob, (job) => job?.finishedOn !== undefined);
      expect(await done!.getState()).toBe('completed');
      expect(done!.returnvalue).toEqual({ outcome: 'notice_sent' });
      const row = await handover.store.get(conversationId);
      expect(row).toMatchObject({ state: 'waiting_human', lastMessage: { role: 'assistant' } });
    } finally {
      await worker.close();
      await handover.close();
      await workerConnection.quit().catch(() => workerConnection.disconnect());
    }
  });
});

describe('hand-over worker queue errors', () => {
  it('ends the fault with the next completed job: a cluster failover leaves the connection ready, no `ready` event', async () => {
    const config = context().config({ HANDOVER_OPERATOR_WAIT_SECONDS: '1' });
    const handover = openHandover({ config, stores: { pool: database().pool, supabaseClient: null }, connection: context().redis, logger: context().logger });
    const workerConnection = createRedisConnection(config, { connectionName: 'test:handover-worker-errors', forBullWorker: true, logger: context().logger });
    const { logger, lines } = captureLogLines('info');
    const worker = startHandoverWorker({ config, desk: handover.desk, supportHours: parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE), connection: workerConnection, logger });
    try {
      await worker.worker.waitUntilReady();
      // What BullMQ re-emits while a cluster master fails over ("Too many Cluster redirections").
      worker.worker.emit('error', new Error('Too many Cluster redirections. Last error: ReplyError: CLUSTERDOWN'));
      const conversationId = 'conv-failover';
      const escalated = await handover.desk.escalated(conversationId, 'visiteuse');
      const notice = await waitUntil(
        () => handover.queue.getJob(handoverJobId('waiting-notice', `${conversationId}|${escalated!.version}`)),
        (job) => job?.finishedOn !== undefined,
        30_000,
      );
      expect(await notice!.getState()).toBe('completed');
      const recovered = await waitUntil(async () => lines.find((line) => line.msg === 'worker recovered'), (line) => line !== undefined, 30_000);
      expect(recovered).toMatchObject({ component: 'handover-worker' });
    } finally {
      await worker.close();
      await handover.close();
      await workerConnection.quit().catch(() => workerConnection.disconnect());
    }
  });
});
