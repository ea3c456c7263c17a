import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAT_JOB_NAME, createChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { startChatWorker } from './chat-worker.ts';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationGate } from './conversation-gate.ts';
import { ADMITTED_HEAD_MARK, ConversationOrder } from './conversation-order.ts';
import { JobEventHub } from './job-event-hub.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

const context = createRedisTestContext('gate-admitted-head');
const config = context.config({ STALL_WINDOW_MS: '30000', SHUTDOWN_GRACE_MS: '2000' });
const queue = createChatQueue({ connection: context.redis, config });
const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 100, windowSeconds: 60 });
const submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
const order = new ConversationOrder(context.redis, context.keys);
const hub = new JobEventHub({ config, logger: context.logger });
const orderKey = (conversationId: string) => context.keys.conversationOrder(conversationId);
/** ORDER as each run saw it when it started, by job id. */
const orderAtStart = new Map<string, string[]>();
const worker = startChatWorker({
  config,
  logger: context.logger,
  pipeline: {
    async run({ jobId, data }) {
      orderAtStart.set(jobId, await context.redis.lrange(orderKey(data.conversation_id), 0, -1));
      return buildTestChatResult(jobId, data, 'ok');
    },
  },
});
afterAll(async () => {
  await worker.close();
  await hub.close();
  await queue.close();
  await context.cleanup();
}, 30_000);

/** What the gate reads of a BullMQ job: its id and how many times it was started. */
const pickup = (jobId: string, attemptsStarted: number) => ({ id: jobId, attemptsStarted }) as unknown as Job;

describe('the admitted head (ORDER entry <job id>|^)', () => {
  it('a message into an idle conversation runs on its first pickup without an acquire, and its release empties ORDER', async () => {
    await hub.waitUntilReady();
    const jobId = await submitAcceptedMessage(submitter, 'conv-idle', 'Bonjour');
    expect((await queue.getJob(jobId))?.data.admitted_as_head).toBe(true);
    expect(await hub.waitForTerminal(jobId, 10_000)).toBe('completed');
    // No acquire: the entry still read "|^" (an acquire writes the pickup's token) while it ran.
    expect(orderAtStart.get(jobId)).toEqual([`${jobId}|${ADMITTED_HEAD_MARK}`]);
    expect(await order.pendingJobIds('conv-idle')).toEqual([]);
  });

  it('a message behind a running or queued message still acquires and runs after it', async () => {
    await worker.worker.pause();
    const first = await submitAcceptedMessage(submitter, 'conv-two', 'Premier');
    const second = await submitAcceptedMessage(submitter, 'conv-two', 'Second');
    expect((await queue.getJob(second))?.data.admitted_as_head).toBeUndefined();
    worker.worker.resume();
    expect(await hub.waitForTerminal(second, 10_000)).toBe('completed');
    expect(await hub.waitForTerminal(first, 10_000)).toBe('completed');
    // The second one acquired: its lease (a BullMQ token) replaced its entry when it ran.
    expect(orderAtStart.get(second)).toHaveLength(1);
    expect(orderAtStart.get(second)![0]).toMatch(new RegExp(`^${second}\\|(?![~^]$).+`));
  });

  it('a later pickup of the same job (after a stall or a put-back) acquires, and the first pickup is then refused its release', async () => {
    const gate = new ConversationGate(order, queue, context.redis, 30_000, context.logger);
    const admission = new ConversationAdmission(context.redis, context.keys, rateLimiter);
    await admission.admit('conv-stalled', 'stalled-head');
    const first = await gate.enter(pickup('stalled-head', 1), 'token-1', 'conv-stalled', true);
    expect(first).toEqual({ kind: 'run', lease: ADMITTED_HEAD_MARK, nextAtPickup: null });
    // The stall checker handed it to another pickup: BullMQ counts a second start.
    const second = await gate.enter(pickup('stalled-head', 2), 'token-2', 'conv-stalled', true);
    expect(second).toEqual({ kind: 'run', lease: 'token-2', nextAtPickup: null });
    // The first (stale) run ends: its release must not hand the conversation on while the second runs.
    await admission.admit('conv-stalled', 'behind');
    await queue.add(CHAT_JOB_NAME, { conversation_id: 'conv-stalled', user_id: 'u', message: 'm', sent_at: 't', received_at: 't', request_id: 'r' }, { jobId: 'behind', delay: 30_000 });
    await gate.leave('conv-stalled', 'stalled-head', ADMITTED_HEAD_MARK, null);
    await gate.settled();
    expect(await context.redis.lrange(orderKey('conv-stalled'), 0, -1)).toEqual(['stalled-head|token-2', 'behind']);
    expect(await queue.getJobState('behind')).toBe('delayed');
    // The second run's release hands it on.
    await gate.leave('conv-stalled', 'stalled-head', 'token-2', null);
    await gate.settled();
    expect(await order.pendingJobIds('conv-stalled')).toEqual(['behind']);
    expect(['waiting', 'active', 'completed']).toContain(await queue.getJobState('behind'));
    await gate.close();
  });
});
