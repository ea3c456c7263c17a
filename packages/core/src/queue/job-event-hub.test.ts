import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { ChatJobReader } from './chat-job-reader.ts';
import { createChatQueue, type ChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { startChatWorker, type ChatWorkerHandle } from './chat-worker.ts';
import { JobEventHub } from './job-event-hub.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

const context = createRedisTestContext('event-hub');
const config = context.config({ STALL_WINDOW_MS: '2000', WORKER_CONCURRENCY: '20', RATE_LIMIT_MESSAGES: '1000' });
let queue: ChatQueue;
let submitter: ChatSubmitter;
let hub: JobEventHub;
let worker: ChatWorkerHandle | undefined;
let release!: () => void;
let gate = new Promise<void>((resolve) => (release = resolve));

const pipeline: ChatPipeline = {
  async run({ jobId, data }, hooks) {
    hooks.onDelta?.('en cours');
    await gate;
    return buildTestChatResult(jobId, data, `réponse à ${data.message}`);
  },
};

beforeAll(async () => {
  queue = createChatQueue({ connection: context.redis, config });
  const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 1000, windowSeconds: 60 });
  submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
  hub = new JobEventHub({ config, logger: context.logger });
  await hub.waitUntilReady();
});
afterAll(async () => {
  release();
  await worker?.close();
  await hub.close();
  await queue.close();
  await context.cleanup();
});

const submit = (conversationId: string, message: string) => submitAcceptedMessage(submitter, conversationId, message);

describe('JobEventHub', () => {
  it('times out, honours abort, and reports unknown jobs as missing', async () => {
    const jobId = await submit('conv-idle', 'personne ne me traite encore');
    expect(await hub.waitForTerminal(jobId, 100)).toBe('timeout');
    const controller = new AbortController();
    const waiting = hub.waitForTerminal(jobId, 10_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe('aborted');
    expect(await hub.waitForTerminal('no-such-job', 10_000)).toBe('missing');
    expect(hub.watchedJobCount).toBe(0);
  });

  it("turns the stream's entries of a watched job into its events, and ignores the other jobs' entries", async () => {
    const events: unknown[] = [];
    const unsubscribe = hub.subscribe('job-mapped', (event) => events.push(event));
    const append = (...fields: string[]) => context.redis.xadd(queue.keys.events!, '*', ...fields);
    await append('event', 'added', 'jobId', 'job-mapped', 'name', 'chat');
    await append('event', 'delayed', 'jobId', 'job-mapped', 'delay', '30000');
    await append('event', 'active', 'jobId', 'someone-else', 'prev', 'waiting');
    await append('event', 'active', 'jobId', 'job-mapped', 'prev', 'waiting');
    await append('event', 'progress', 'jobId', 'job-mapped', 'data', JSON.stringify({ partial_reply: 'Bonjour' }));
    await append('event', 'failed', 'jobId', 'job-mapped', 'failedReason', '[provider_error] panne', 'prev', 'active');
    await append('event', 'completed', 'jobId', 'job-mapped', 'returnvalue', JSON.stringify({ message: 'Réponse' }), 'prev', 'active');
    for (const deadline = Date.now() + 20_000; events.length < 5 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    unsubscribe();
    expect(events).toEqual([
      { type: 'queued', jobId: 'job-mapped' },
      { type: 'active', jobId: 'job-mapped' },
      { type: 'progress', jobId: 'job-mapped', partialReply: 'Bonjour' },
      { type: 'failed', jobId: 'job-mapped', failedReason: '[provider_error] panne' },
      { type: 'completed', jobId: 'job-mapped', returnValue: { message: 'Réponse' } },
    ]);
  });

  it('wakes waiters and listeners of a job removed before it ended (an erased conversation): missing, at once', async () => {
    const jobId = await submit('conv-erased', 'effacée avant la réponse');
    const events: string[] = [];
    const unsubscribe = hub.subscribe(jobId, (event) => events.push(event.type));
    const started = Date.now();
    const waiting = hub.waitForTerminal(jobId, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queue.remove(jobId)).toBe(1);
    expect(await waiting).toBe('missing');
    expect(Date.now() - started).toBeLessThan(10_000);
    unsubscribe();
    expect(events).toContain('removed');
  });

  it('wakes 2,000 concurrent waiters from one subscription, and resolves at once for a job already done', async () => {
    const reader = new ChatJobReader({ queue, redis: context.redis, keys: context.keys });
    const jobIds = await Promise.all(Array.from({ length: 20 }, (_, index) => submit(`conv-many-${index}`, `question ${index}`)));
    // Subscribed before the worker starts: its first 'active' event can come before waitUntilReady resolves.
    const events: string[] = [];
    const unsubscribe = hub.subscribe(jobIds[0]!, (event) => events.push(event.type));
    const waiters = jobIds.flatMap((jobId) => Array.from({ length: 100 }, () => hub.waitForTerminal(jobId, 30_000)));
    expect(hub.watchedJobCount).toBe(20);
    worker = startChatWorker({ config, pipeline, logger: context.logger });
    await worker.worker.waitUntilReady();

    // While the pipeline holds: active with the partial reply.
    for (;;) {
      const view = await reader.getJobView(jobIds[0]!);
      if (view?.status === 'active' && view.partial_reply === 'en cours') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    const outcomes = await Promise.all(waiters);
    expect(outcomes).toHaveLength(2000);
    expect(outcomes.every((outcome) => outcome === 'completed')).toBe(true);
    unsubscribe();
    expect(hub.watchedJobCount).toBe(0);
    expect(events).toContain('active');
    expect(events).toContain('progress');
    expect(events.at(-1)).toBe('completed');

    // Registered after the job completed: the state read resolves it without an event.
    expect(await hub.waitForTerminal(jobIds[0]!, 30_000)).toBe('completed');
    const view = await reader.getJobView(jobIds[0]!);
    expect(view).toMatchObject({ status: 'completed', result: { message: 'réponse à question 0', job_id: jobIds[0] } });
  });
});
