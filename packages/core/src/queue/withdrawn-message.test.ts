import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatJobData } from '../jobs/job-catalog.ts';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { createChatQueue, type ChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { startChatWorker, type ChatWorkerHandle } from './chat-worker.ts';
import { ConversationOrder } from './conversation-order.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { withdrawnJobIds } from './test-support/withdrawn-job-ids.ts';

/**
 * A submit without an Idempotency-Key whose job creation times out is answered 503 and taken back
 * (out of ORDER, rate-limit slot given back). The creation may still land (a command that timed out,
 * re-sent by a cluster client after a failover): that job must not run, or the visitor's retry (a
 * message of its own) is answered twice, the first copy out of order.
 */

const context = createRedisTestContext('withdrawn-message');
const config = context.config({ RATE_LIMIT_MESSAGES: '10', STALL_WINDOW_MS: '2000', WORKER_CONCURRENCY: '4' });
let queue: ChatQueue;
let submitter: ChatSubmitter;
let rateLimiter: ConversationRateLimiter;
let worker: ChatWorkerHandle | undefined;
const ran: string[] = [];

const pipeline: ChatPipeline = {
  async run({ jobId, data }) {
    ran.push(data.message);
    return buildTestChatResult(jobId, data, `réponse à ${data.message}`);
  },
};

beforeAll(() => {
  queue = createChatQueue({ connection: context.redis, config });
  rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 10, windowSeconds: 60 });
  submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
});
afterAll(async () => {
  await worker?.close();
  await queue.close();
  await context.cleanup();
});

describe('a message taken back after its job creation failed', () => {
  it('is not run when its creation lands late; the retry is answered once, in order', async () => {
    const conversationId = 'conv-withdrawn';
    // The queue's own connection is closed: admission succeeds, creation fails, the submit side takes it back.
    const brokenConnection = createRedisConnection(context.redisUrl, { connectionName: 'test-withdrawn-broken', logger: context.logger });
    const brokenQueue = createChatQueue({ connection: brokenConnection, config });
    await brokenQueue.waitUntilReady();
    brokenConnection.disconnect();
    const failing = new ChatSubmitter({ redis: context.redis, queue: brokenQueue, keys: context.keys, rateLimiter, config, logger: context.logger });
    const body = { user_id: 'visiteuse', conversation_id: conversationId, message: 'Première version' };
    await expect(failing.submit(body, { requestId: 'r1' })).rejects.toThrow();
    await brokenQueue.close().catch(() => undefined);
    const [withdrawn] = await withdrawnJobIds(context.redis, context.keys, conversationId);
    expect(withdrawn).toBeDefined();
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds(conversationId)).toEqual([]);

    // The visitor's retry (no key: a message of its own), then the first creation lands after all.
    const retry = await submitter.submit({ ...body, message: 'Seconde version' }, { requestId: 'r2' });
    expect(retry.kind).toBe('accepted');
    const now = new Date().toISOString();
    const lateData: ChatJobData = { conversation_id: conversationId, user_id: 'visiteuse', message: 'Première version', sent_at: now, received_at: now, request_id: 'r1' };
    await queue.add('chat', lateData, { jobId: withdrawn! });

    worker = startChatWorker({ config, pipeline, logger: context.logger });
    const lateJob = await queue.getJob(withdrawn!);
    await expect.poll(async () => lateJob && (await queue.getJobState(withdrawn!)), { timeout: 15_000 }).toBe('failed');
    await expect.poll(async () => (retry.kind === 'accepted' ? await queue.getJobState(retry.jobId) : null), { timeout: 15_000 }).toBe('completed');
    expect(ran).toEqual(['Seconde version']);
    expect((await queue.getJob(withdrawn!))?.failedReason).toMatch(/^\[withdrawn\] /);
  }, 30_000);

  it('is taken back even when the job exists (the reply was lost, not the command): the 503 means not taken', async () => {
    const conversationId = 'conv-reply-lost';
    // The creation lands, its reply does not come back (a deadline passed meanwhile).
    const replyLost = new Proxy(queue, {
      get(target, property, receiver) {
        if (property !== 'add') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<ChatQueue['add']>) => {
          await target.add(...args);
          throw new Error('Command timed out');
        };
      },
    });
    const failing = new ChatSubmitter({ redis: context.redis, queue: replyLost, keys: context.keys, rateLimiter, config, logger: context.logger });
    ran.length = 0;
    await expect(failing.submit({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Réponse perdue' }, { requestId: 'r1' })).rejects.toThrow('Command timed out');
    const [withdrawn] = await withdrawnJobIds(context.redis, context.keys, conversationId);
    await expect.poll(async () => queue.getJobState(withdrawn!), { timeout: 15_000 }).toBe('failed');
    const retry = await submitter.submit({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Réponse perdue' }, { requestId: 'r2' });
    await expect.poll(async () => (retry.kind === 'accepted' ? await queue.getJobState(retry.jobId) : null), { timeout: 15_000 }).toBe('completed');
    expect(ran).toEqual(['Réponse perdue']);
  }, 30_000);
});
