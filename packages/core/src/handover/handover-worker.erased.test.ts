import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { ErasedConversations } from '../privacy/erased-conversations.ts';
import { startRecordingWebhookReceiver } from '../testing/recording-webhook-receiver.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { handoverNotifyJobData } from './handover-webhook-outbox.ts';
import { startHandoverWorker } from './handover-worker.ts';
import { openHandover } from './open-handover.ts';
import { parseSupportHours } from './support-hours.ts';

/**
 * A hand-over event of a conversation erased after the event was queued (a desk or the outbox sweep
 * read it an instant before the erasure marked the conversation, then added its job): the worker
 * does not send it, text and all; another conversation's event is sent.
 */

const database = temporaryDatabaseAroundTests();
const context = redisTestContextAroundTests('handover-worker-erased');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('hand-over webhook events of an erased conversation', () => {
  it('are not sent; those of other conversations are', async () => {
    const receiver = await startRecordingWebhookReceiver();
    cleanups.push(() => receiver.close());
    const config = context().config({ ESCALATION_WEBHOOK_URL: receiver.url, ESCALATION_DELIVERY_ATTEMPTS: '1' });
    const handover = openHandover({ config, stores: { pool: database().pool, supabaseClient: null }, connection: context().redis, logger: context().logger });
    cleanups.push(() => handover.close());
    const erased = new ErasedConversations(context().redis, new RedisKeys(config.QUEUE_PREFIX));
    const event = (conversationId: string) =>
      handoverNotifyJobData({
        eventKey: `visitor|job-${conversationId}`,
        type: 'conversation.visitor_message',
        occurredAt: new Date().toISOString(),
        conversation: { conversationId, state: 'waiting_human', version: 1, operatorName: null, waitingSince: null },
        message: { id: '00000000-0000-4000-8000-000000000001', content: 'Mon numéro est le 06 12 34 56 78', created_at: new Date().toISOString(), job_id: `job-${conversationId}` },
      });
    const erasedEvent = event('conv-erased-after-queued');
    const keptEvent = event('conv-still-here');
    await erased.mark('conv-erased-after-queued');
    await handover.queue.add('notify', erasedEvent, { jobId: erasedEvent.event_id });
    await handover.queue.add('notify', keptEvent, { jobId: keptEvent.event_id });

    const workerConnection = createRedisConnection(config, { connectionName: 'test:handover-worker', forBullWorker: true, logger: context().logger });
    const worker = startHandoverWorker({ config, desk: handover.desk, supportHours: parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE), connection: workerConnection, logger: context().logger, erased });
    cleanups.push(async () => {
      await worker.close();
      workerConnection.disconnect();
    });
    const finished = await waitUntil(
      () => Promise.all([handover.queue.getJob(erasedEvent.event_id), handover.queue.getJob(keptEvent.event_id)]),
      (jobs) => jobs.every((job) => job?.finishedOn !== undefined),
      30_000,
    );
    expect(finished[0]!.returnvalue).toEqual({ outcome: 'skipped', reason: 'conversation erased' });
    expect(finished[1]!.returnvalue).toMatchObject({ outcome: 'delivered' });
    expect(receiver.received.map((request) => request.headers['x-lac-event-id'])).toEqual([keptEvent.event_id]);
    expect(receiver.received.some((request) => request.body.includes('06 12 34 56 78') && request.body.includes('conv-erased-after-queued'))).toBe(false);
  });
});
