import { setTimeout as sleep } from 'node:timers/promises';
import { QueueEvents } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { createChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { startChatWorker } from './chat-worker.ts';
import { JobEventHub } from './job-event-hub.ts';
import { PARK_BEHIND_LOCAL_HEAD_MAX_MS } from './local-head-waiters.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

/**
 * The in-process hand-off (LocalHeadWaiters): a message picked up while its conversation's head
 * runs in the same worker process waits there for the release instead of going back to delayed.
 */
const context = createRedisTestContext('gate-local-handoff');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await context.cleanup();
}, 60_000);

/** A paused worker (concurrency 4); every message behind a queued head is self-starting (created waiting). */
async function setUp(queueName: string, sleepMsOf: (message: string) => number) {
  const config = context.config({ CHAT_QUEUE_NAME: queueName, WORKER_CONCURRENCY: '4', STALL_WINDOW_MS: '2000', SHUTDOWN_GRACE_MS: '5000' });
  const queue = createChatQueue({ connection: context.redis, config });
  const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 1000, windowSeconds: 60 });
  const submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 0 });
  const hub = new JobEventHub({ config, logger: context.logger });
  const delayed: string[] = [];
  const queueEvents = new QueueEvents(queueName, { connection: context.redis.duplicate(), prefix: config.QUEUE_PREFIX });
  queueEvents.on('delayed', ({ jobId }) => delayed.push(jobId));
  const timeline: string[] = [];
  const pipeline: ChatPipeline = {
    async run({ jobId, data }) {
      timeline.push(`start ${data.message}`);
      await sleep(sleepMsOf(data.message));
      timeline.push(`end ${data.message}`);
      return buildTestChatResult(jobId, data, `ok ${data.message}`);
    },
  };
  await Promise.all([hub.waitUntilReady(), queueEvents.waitUntilReady()]);
  const handle = startChatWorker({ config, pipeline, logger: context.logger });
  await handle.worker.waitUntilReady();
  await handle.worker.pause();
  cleanups.push(async () => {
    await handle.close();
    await hub.close();
    await queueEvents.close();
    await queue.close();
  });
  const submit = (conversationId: string, message: string) => submitAcceptedMessage(submitter, conversationId, message);
  return { hub, handle, submit, delayed, timeline };
}

describe('in-process hand-off', () => {
  it('runs a message picked up beside its running head right after it, without going back to delayed', async () => {
    const { hub, handle, submit, delayed, timeline } = await setUp('local-park', () => 60);
    const first = await submit('conv-park', 'un');
    const second = await submit('conv-park', 'deux');
    const third = await submit('conv-park', 'trois');
    handle.worker.resume();
    for (const jobId of [first, second, third]) expect(await hub.waitForTerminal(jobId, 10_000)).toBe('completed');
    expect(timeline).toEqual(['start un', 'end un', 'start deux', 'end deux', 'start trois', 'end trois']);
    expect(delayed).toEqual([]);
  });

  it('goes back to delayed past the bound and still runs in order after a long head', async () => {
    const headMs = PARK_BEHIND_LOCAL_HEAD_MAX_MS * 3;
    const { hub, handle, submit, delayed, timeline } = await setUp('local-park-bound', (message) => (message === 'long' ? headMs : 10));
    const first = await submit('conv-bound', 'long');
    const second = await submit('conv-bound', 'court');
    handle.worker.resume();
    expect(await hub.waitForTerminal(second, 10_000)).toBe('completed');
    expect(await hub.waitForTerminal(first, 1_000)).toBe('completed');
    expect(timeline).toEqual(['start long', 'end long', 'start court', 'end court']);
    expect(delayed).toContain(second);
  });
});
