import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { startRecordingWebhookReceiver } from '../testing/recording-webhook-receiver.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { startHandoverWorker } from './handover-worker.ts';
import { openHandover } from './open-handover.ts';
import { parseSupportHours } from './support-hours.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';

/**
 * A worker stopped (its drain: SIGTERM) while a conversation event is on its way to the webhook and
 * the receiver is slow to answer. Before, the drain forced the close 5 s after the grace (plus up
 * to 2 s for the forced close), the process exited with the job still active, and the next worker
 * sent the event again when its lock expired (measured: two deliveries of the event).
 */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('handover-worker-shutdown');

describe('hand-over worker at shutdown', () => {
  it('waits for the answer of an event sent before the grace ended and completes its job: the next worker does not send it again', async () => {
    // Answered after 8.5 s: within the request's timeout (10 s), past the old 5 s + 2 s.
    const receiver = await startRecordingWebhookReceiver({ answerDelaysMs: [8_500] });
    const config = context().config({
      ESCALATION_WEBHOOK_URL: receiver.url,
      SHUTDOWN_GRACE_MS: '300',
      SHUTDOWN_CLOSE_MARGIN_MS: '15000',
      HANDOVER_OPERATOR_WAIT_SECONDS: '3600',
    });
    const handover = openHandover({ config, stores: { pool: database().pool, supabaseClient: null }, connection: context().redis, logger: context().logger });
    const supportHours = parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE);
    const connection = createRedisConnection(config, { connectionName: 'test:handover-worker-stopping', forBullWorker: true, logger: context().logger });
    const stopping = startHandoverWorker({ config, desk: handover.desk, supportHours, connection, logger: context().logger });
    try {
      expect(await handover.desk.escalated('conv-lente', 'visiteuse')).toMatchObject({ state: 'waiting_human', transitioned: true });
      await waitUntil(async () => receiver.received.length, (count) => count === 1);
      const eventId = String(receiver.received[0]!.headers['x-lac-event-id']);
      await stopping.close();

      const job = (await handover.queue.getJob(eventId))!;
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue).toEqual({ outcome: 'delivered', http_status: 200 });
      // Completed: no stall check can give it to the next worker.
      expect(receiver.receivedWith('x-lac-event-id', eventId)).toHaveLength(1);
    } finally {
      await stopping.close();
      await handover.close();
      await connection.quit().catch(() => connection.disconnect());
      await receiver.close();
    }
  });
});
