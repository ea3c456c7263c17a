import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { findFreePort } from '../testing/free-port.ts';
import { startRecordingWebhookReceiver } from '../testing/recording-webhook-receiver.ts';
import { temporaryDatabaseAroundTests, temporaryFolderAroundTests } from '../testing/resources-around-tests.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { handoverJobId } from './handover-queue.ts';
import { startHandoverWebhookOutboxSweep } from './handover-webhook-outbox.ts';
import { startHandoverWorker } from './handover-worker.ts';
import { openHandover } from './open-handover.ts';
import { parseSupportHours } from './support-hours.ts';

/**
 * A hand-over's webhook events when Redis refuses the desk's add: before the outbox (migration
 * 0023), the desk logged "webhook event not queued" and the operator's webhook never heard of the
 * change. Now the change's transaction stores the event, and the worker's sweep queues it once Redis
 * is back: the receiver gets each event once (by X-Lac-Event-Id), none twice.
 */

const database = temporaryDatabaseAroundTests();
const redisFolder = temporaryFolderAroundTests('handover-outbox-redis-');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A private redis-server that keeps its data across a stop (AOF in its own folder), on a fixed port. */
async function privateRedis(port: number): Promise<{ stop(): Promise<void>; start(): Promise<void> }> {
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', redisFolder()], { stdio: 'ignore' });
    const probe = createRedisConnection(`redis://127.0.0.1:${port}`, { connectionName: 'test:probe', forBullWorker: true, logger: captureLogLines('warn').logger });
    try {
      await waitUntil(() => probe.ping().catch(() => 'no'), (reply) => reply === 'PONG', 20_000);
    } finally {
      probe.disconnect();
    }
  };
  const stop = async () => {
    const stopping = server;
    if (!stopping || stopping.exitCode !== null) return;
    const exited = once(stopping, 'exit');
    stopping.kill('SIGTERM');
    await exited;
  };
  await start();
  cleanups.push(stop);
  return { stop, start };
}

async function webhookSetUp(options: { port: number; operatorWaitSeconds?: number; webhookConfigured?: boolean }) {
  const webhookConfigured = options.webhookConfigured ?? true;
  const receiver = await startRecordingWebhookReceiver();
  cleanups.push(() => receiver.close());
  const config = loadConfig({
    REDIS_URL: `redis://127.0.0.1:${options.port}`,
    QUEUE_PREFIX: `test-handover-outbox-${process.pid}-${options.port}`,
    ...(webhookConfigured ? { ESCALATION_WEBHOOK_URL: receiver.url } : {}),
    ESCALATION_DELIVERY_BACKOFF_MS: '100',
    HANDOVER_OPERATOR_WAIT_SECONDS: String(options.operatorWaitSeconds ?? 3600),
  });
  const { logger, lines } = captureLogLines('warn');
  // The desk's connection fails fast once Redis is away, as the API's and the worker's budget connection do.
  const deskConnection = createRedisConnection(config, { connectionName: 'test:handover-desk', logger });
  const handover = openHandover({ config, stores: { pool: database().pool, supabaseClient: null }, connection: deskConnection, logger });
  cleanups.push(async () => {
    await handover.close();
    deskConnection.disconnect();
  });
  // Ready before a test stops Redis: a BullMQ queue whose connection fails before its first 'ready' stays unusable
  // after Redis is back (its initialisation rejected), so neither the desk nor the sweep could add through it again.
  await handover.queue.waitUntilReady();
  const startDelivery = () => {
    const workerConnection = createRedisConnection(config, { connectionName: 'test:handover-worker', forBullWorker: true, logger });
    const worker = startHandoverWorker({ config, desk: handover.desk, supportHours: parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE), connection: workerConnection, logger });
    const sweep = startHandoverWebhookOutboxSweep({
      store: handover.store,
      queue: handover.queue,
      webhookConfigured,
      operatorWaitSeconds: config.HANDOVER_OPERATOR_WAIT_SECONDS,
      logger,
      intervalMs: 200,
      settledSeconds: 0,
    });
    cleanups.push(async () => {
      await sweep.close();
      await worker.close();
      workerConnection.disconnect();
    });
    return sweep;
  };
  /** Nothing left to send: the outbox has no unqueued event and the queue no job to run (the waiting notice, an hour away, is delayed). */
  const settled = async () => {
    const pending = await handover.store.pendingWebhookEvents({ settledSeconds: 0, keepSeconds: 3600, limit: 10 });
    const counts = await handover.queue.getJobCounts('waiting', 'active', 'prioritized');
    return pending.length === 0 && Object.values(counts).every((count) => count === 0);
  };
  return { receiver, handover, lines, startDelivery, settled };
}

describe('hand-over webhook events when Redis refuses the add', () => {
  it('are stored with their change and reach the receiver once Redis is back, each once', async () => {
    const port = await findFreePort();
    const redis = await privateRedis(port);
    const { receiver, handover, lines, startDelivery, settled } = await webhookSetUp({ port });
    const conversationId = 'conv-outbox-redis-stopped';

    const escalated = await handover.desk.escalated(conversationId, 'visiteuse-outbox');
    expect(escalated).toMatchObject({ state: 'waiting_human', transitioned: true });

    await redis.stop();
    const held = await handover.desk.holdVisitorMessage({ conversationId, userId: 'visiteuse-outbox', jobId: 'job-outbox-held', text: 'Vous êtes là ?', sentAt: new Date().toISOString() });
    expect(held).toMatchObject({ held: true, created: true });
    const cancelled = await handover.desk.cancelByVisitor(conversationId);
    expect(cancelled).toMatchObject({ done: true });
    // Both adds met the stopped Redis.
    expect(lines.filter((line) => line.msg === 'webhook event not queued: the outbox sweep queues it').map((line) => line.type)).toEqual([
      'conversation.visitor_message',
      'conversation.handover_cancelled',
    ]);

    await redis.start();
    const sweep = startDelivery();
    const eventIds = {
      'conversation.waiting_human': handoverJobId('notify', `${conversationId}|${escalated!.version}|waiting`),
      'conversation.visitor_message': handoverJobId('notify', 'visitor|job-outbox-held'),
      'conversation.handover_cancelled': handoverJobId('notify', `${conversationId}|${escalated!.version + 1}|cancel`),
    };
    await waitUntil(async () => receiver.received.length, () => Object.values(eventIds).every((eventId) => receiver.receivedWith('x-lac-event-id', eventId).length > 0), 60_000);
    await waitUntil(settled, (done) => done, 30_000);
    await sweep.sweepOnce();
    await waitUntil(settled, (done) => done, 30_000);

    for (const [type, eventId] of Object.entries(eventIds)) {
      const deliveries = receiver.receivedWith('x-lac-event-id', eventId);
      expect(deliveries, type).toHaveLength(1);
      expect(deliveries[0]!.headers['x-lac-event-type']).toBe(type);
    }
    expect(receiver.received).toHaveLength(3);
    const visitorMessage = JSON.parse(receiver.receivedWith('x-lac-event-id', eventIds['conversation.visitor_message'])[0]!.body);
    expect(visitorMessage).toMatchObject({
      type: 'conversation.visitor_message',
      conversation: { id: conversationId, state: 'waiting_human', version: escalated!.version, operator_name: null, waiting_since: null },
      message: { id: held.held ? held.message.id : '', content: 'Vous êtes là ?', job_id: 'job-outbox-held' },
    });
    const withdrawal = JSON.parse(receiver.receivedWith('x-lac-event-id', eventIds['conversation.handover_cancelled'])[0]!.body);
    expect(withdrawal.conversation).toMatchObject({ id: conversationId, state: 'ai', version: escalated!.version + 1 });
  }, 120_000);

  it('are queued once when the desk and the sweep both add them while Redis answers', async () => {
    const port = await findFreePort();
    await privateRedis(port);
    const { receiver, handover, startDelivery, settled } = await webhookSetUp({ port });
    startDelivery();
    const conversationId = 'conv-outbox-redis-up';
    const escalated = await handover.desk.escalated(conversationId, 'visiteuse-outbox-2');
    await handover.desk.act('join', conversationId, 'Léa');
    await handover.desk.act('handback', conversationId, 'Léa');
    const eventIds = [
      handoverJobId('notify', `${conversationId}|${escalated!.version}|waiting`),
      handoverJobId('notify', `${conversationId}|${escalated!.version + 2}|handback`),
    ];
    await waitUntil(async () => receiver.received.length, () => eventIds.every((eventId) => receiver.receivedWith('x-lac-event-id', eventId).length > 0), 60_000);
    await waitUntil(settled, (done) => done, 30_000);
    for (const eventId of eventIds) expect(receiver.receivedWith('x-lac-event-id', eventId)).toHaveLength(1);
    expect(receiver.received).toHaveLength(2);
  }, 120_000);

  it.each([
    { webhookConfigured: true, what: 'with a webhook' },
    { webhookConfigured: false, what: 'without a webhook' },
  ])("schedule an escalation's waiting notice Redis refused ($what): the visitor is told once, after the wait", async ({ webhookConfigured }) => {
    const port = await findFreePort();
    const redis = await privateRedis(port);
    const { handover, lines, startDelivery } = await webhookSetUp({ port, operatorWaitSeconds: 2, webhookConfigured });
    const conversationId = `conv-outbox-notice-${webhookConfigured}`;
    await redis.stop();
    const escalated = await handover.desk.escalated(conversationId, 'visiteuse-outbox-3');
    expect(escalated).toMatchObject({ state: 'waiting_human', transitioned: true });
    expect(lines.some((line) => line.msg === 'waiting notice not scheduled: the outbox sweep schedules it')).toBe(true);

    await redis.start();
    const sweep = startDelivery();
    // Read through the desk's connection, which fails fast while it reconnects to the restarted Redis.
    const noticeJob = () => handover.queue.getJob(handoverJobId('waiting-notice', `${conversationId}|${escalated!.version}`)).catch(() => undefined);
    const done = await waitUntil(noticeJob, (job) => job?.finishedOn !== undefined, 60_000);
    expect(done!.returnvalue).toEqual({ outcome: 'notice_sent' });
    // Swept again (the desk's row is marked now; a second add would be the same job): still one notice.
    await sweep.sweepOnce();
    expect(await handover.store.pendingWebhookEvents({ settledSeconds: 0, keepSeconds: 3600, limit: 10 })).toEqual([]);
    const notices = await database().pool.query(`SELECT count(*)::int AS count FROM messages WHERE conversation_id = $1 AND author = 'system'`, [conversationId]);
    expect(notices.rows[0].count).toBe(1);
  }, 120_000);
});
