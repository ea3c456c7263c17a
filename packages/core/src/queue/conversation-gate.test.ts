import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationOrder } from './conversation-order.ts';
import { startChatWorker } from './chat-worker.ts';
import { JobEventHub } from './job-event-hub.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

const context = createRedisTestContext('conversation-gate');
// A 30 s backstop: only the gate's own checks can make these fast.
const config = context.config({ STALL_WINDOW_MS: '30000', SHUTDOWN_GRACE_MS: '2000' });
const queue = createChatQueue({ connection: context.redis, config });
const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 100, windowSeconds: 60 });
// Every message behind a head that no worker runs is self-starting (no burst rule).
const admission = new ConversationAdmission(context.redis, context.keys, rateLimiter, { selfStartingBurstGapMs: 0 });
const submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 0 });
const order = new ConversationOrder(context.redis, context.keys);
const hub = new JobEventHub({ config, logger: context.logger });
const worker = startChatWorker({
  config,
  logger: context.logger,
  pipeline: {
    async run({ jobId, data }) {
      if (data.message === 'lent') await sleep(300);
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

const submit = (conversationId: string, message: string) => submitAcceptedMessage(submitter, conversationId, message);

describe('ConversationGate with self-starting messages', () => {
  it('runs self-starting messages in order, each one once', async () => {
    await hub.waitUntilReady();
    await worker.worker.pause();
    const jobIds: string[] = [];
    for (const message of ['lent', 'deux', 'trois', 'quatre']) jobIds.push(await submit('conv-self', message));
    expect(await context.redis.lrange(context.keys.conversationOrder('conv-self'), 1, -1)).toEqual(jobIds.slice(1).map((jobId) => `${jobId}|~`));
    const finishedAt: number[] = [];
    const ends = jobIds.map((jobId, index) => hub.waitForTerminal(jobId, 15_000).then((outcome) => ((finishedAt[index] = Date.now()), outcome)));
    worker.worker.resume();
    expect(await Promise.all(ends)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect([...finishedAt].sort((a, b) => a - b)).toEqual(finishedAt);
    expect(await order.pendingJobIds('conv-self')).toEqual([]);
  });

  it('a self-starting message whose head has no job comes back later (sent back, no worker slot held), then removes the dead head', async () => {
    // Admitted as head by an API process that died before creating the job.
    expect(await admission.admit('conv-ghost-head', 'ghost-head')).toMatchObject({ kind: 'admitted', position: 0 });
    const jobId = await submit('conv-ghost-head', 'après le fantôme');
    expect(await hub.waitForTerminal(jobId, 15_000)).toBe('completed');
    // Picked up twice: the first pickup went back to delayed instead of waiting in the processor.
    expect((await queue.getJob(jobId))?.attemptsStarted).toBeGreaterThanOrEqual(2);
    expect(await order.pendingJobIds('conv-ghost-head')).toEqual([]);
  });

  it('hands off past a self-starting entry whose job was never created within seconds', async () => {
    await worker.worker.pause();
    const first = await submit('conv-self-ghost', 'lent');
    // Admitted self-starting by an API process that died before creating the job.
    expect(await admission.admit('conv-self-ghost', 'never-created-self')).toMatchObject({ kind: 'admitted', selfStarting: true });
    const third = await submit('conv-self-ghost', 'après le trou');
    worker.worker.resume();
    expect(await hub.waitForTerminal(first, 10_000)).toBe('completed');
    // Within 20 s, so not by the 30 s backstop that would also clear the hole.
    expect(await hub.waitForTerminal(third, 20_000)).toBe('completed');
    expect(await order.pendingJobIds('conv-self-ghost')).toEqual([]);
  });
});
