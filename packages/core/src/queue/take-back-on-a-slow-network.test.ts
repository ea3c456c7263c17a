import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis/redis-connection.ts';
import { openSlowRepliesRedis, type SlowRepliesRedis } from '../testing/slow-replies-redis.ts';
import { createChatQueue, type ChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { ConversationOrder } from './conversation-order.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { withdrawnJobIds } from './test-support/withdrawn-job-ids.ts';

/**
 * Taking a message back on a slow network (docs/ordering.md, "Submit"): the submit side talks to
 * Redis through a proxy that, while slow (`setSlow`), delays every reply by 1 s, past the
 * connection's 500 ms deadline; the command lands, its answer comes too late. Replies keep their
 * order, also when it stops being slow.
 */
const context = createRedisTestContext('take-back-on-a-slow-network');
// A stall window far longer than the tests: a message left delayed is still delayed at their end.
const config = context.config({ RATE_LIMIT_MESSAGES: '10', STALL_WINDOW_MS: '120000' });
const REPLY_DELAY_MS = 1_000;

let slowConnection: SlowRepliesRedis;
let slowRedis: RedisClient;
let queue: ChatQueue;
const order = new ConversationOrder(context.redis, context.keys);
const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 10, windowSeconds: 60 });

beforeAll(async () => {
  slowConnection = await openSlowRepliesRedis({ redisUrl: context.redisUrl, replyDelayMs: REPLY_DELAY_MS, commandTimeoutMs: 500, connectionName: 'test-take-back-slow', logger: context.logger });
  slowRedis = slowConnection.redis;
  queue = createChatQueue({ connection: context.redis, config });
});

afterAll(async () => {
  await slowConnection?.close();
  await queue?.close();
  await context.cleanup();
});

/**
 * A submit whose admission times out on a slow network (its reply comes after the API's deadline)
 * is answered 503, and the admission still lands. Without a key the visitor's retry is a message of
 * its own, so the late admission must be taken back as a failed creation is: its rate-limit slot
 * given back, its entry out of the conversation's order. Before, it stayed: a slot counted for a
 * message refused, and a jobless head the next message waited behind until a pickup removed it
 * as dead (latency-proxy probe, Redis 350 ± 100 ms away each way: 19 slots used for 15 messages
 * accepted, the last answer 3.1 s after the network healed; 14 for 14 and 1.2 s since).
 */
describe('a submit whose admission times out and lands later', () => {
  it('is taken back: no rate-limit slot used, no entry left in the order; the retry is the head', async () => {
    const conversationId = 'conv-late-admission';
    const submitter = new ChatSubmitter({ redis: slowRedis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
    slowConnection.setSlow(true);
    await expect(submitter.submit({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Première version' }, { requestId: 'r1' })).rejects.toThrow('Command timed out');
    // The admission lands (its sequence is counted), and the take-back written behind it lands after it.
    await expect.poll(async () => context.redis.get(context.keys.conversationSequence(conversationId)), { timeout: 10_000 }).toBe('1');
    await expect.poll(async () => (await rateLimiter.peek(conversationId)).remaining, { timeout: 10_000 }).toBe(10);
    await expect.poll(async () => order.pendingJobIds(conversationId), { timeout: 10_000 }).toEqual([]);
    // Marked withdrawn: had its job been created too, its pickup would not run it.
    expect(await withdrawnJobIds(context.redis, context.keys, conversationId)).toHaveLength(1);
    slowConnection.setSlow(false);

    // The visitor's retry (no key: a message of its own) is the conversation's head, with the whole window.
    const healthy = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
    const retry = await healthy.submit({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Seconde version' }, { requestId: 'r2' });
    expect(retry).toMatchObject({ kind: 'accepted', rateLimit: { remaining: 9 } });
    expect(await order.pendingJobIds(conversationId)).toEqual([retry.kind === 'accepted' ? retry.jobId : '']);
  }, 30_000);
});

/**
 * A take-back whose reply is lost on a slow network (the command landed, its answer came after the
 * deadline) is tried again; the retry finds the message already out of ORDER. The message behind
 * it, created delayed for the whole stall window and waiting for its hand-off, must still be
 * promoted by the retry: the first attempt took the head out, and nobody else hands it off.
 */
describe('a take-back retried after its reply was lost', () => {
  it('still hands off to the message behind the one taken back', async () => {
    const conversationId = 'conv-withdraw-retry';
    // Every message behind a queued head is created delayed (no self-starting), as in a burst.
    const healthy = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 600_000 });
    const first = await healthy.submit({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Premier message' }, { requestId: 'r1' });
    const second = await healthy.submit({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Second message' }, { requestId: 'r2' });
    if (first.kind !== 'accepted' || second.kind !== 'accepted') throw new Error('both messages should be accepted');
    expect(await (await queue.getJob(second.jobId))?.getState()).toBe('delayed');

    // The first message's creation is taken back (as after a creation that timed out and landed),
    // through the slow connection: the take-back lands, its reply comes after the deadline.
    const slowSubmitter = new ChatSubmitter({ redis: slowRedis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
    slowConnection.setSlow(true);
    // The take-back of a failed creation is the submitter's own error path, reached here directly.
    const takeBack = (slowSubmitter as unknown as { recoverFailedCreation(conversationId: string, jobId: string, idempotency: undefined, cause: unknown): Promise<void> })
      .recoverFailedCreation(conversationId, first.jobId, undefined, new Error('Command timed out'));
    await expect.poll(async () => order.pendingJobIds(conversationId), { timeout: 10_000 }).toEqual([second.jobId]);
    slowConnection.setSlow(false);
    await takeBack;

    await expect.poll(async () => (await queue.getJob(second.jobId))?.getState(), { timeout: 10_000 }).toBe('waiting');
  }, 60_000);
});
