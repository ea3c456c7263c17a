import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis/redis-connection.ts';
import { createChatQueue, type ChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { ConversationOrder } from './conversation-order.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { openSlowRepliesRedis, type SlowRepliesRedis } from '../testing/slow-replies-redis.ts';
import { withdrawnJobIds } from './test-support/withdrawn-job-ids.ts';

/**
 * A submit whose admission times out on a slow network (its reply comes after the API's deadline)
 * is answered 503, and the admission still lands. Without a key the visitor's retry is a message of
 * its own, so the late admission must be taken back as a failed creation is: its rate-limit slot
 * given back, its entry out of the conversation's order. Before, it stayed: a slot counted for a
 * message refused, and a jobless head the next message waited behind until a pickup removed it
 * as dead (latency-proxy probe, Redis 350 ± 100 ms away each way: 19 slots used for 15 messages
 * accepted, the last answer 3.1 s after the network healed; 14 for 14 and 1.2 s since).
 *
 * The submitter talks to Redis through a proxy that, while slow (`setSlow`), delays every reply by 1 s (in
 * order), past the connection's 300 ms deadline.
 */
const context = createRedisTestContext('late-admission');
const config = context.config({ RATE_LIMIT_MESSAGES: '10', STALL_WINDOW_MS: '2000' });
const REPLY_DELAY_MS = 1_000;

let slowConnection: SlowRepliesRedis;
let slowRedis: RedisClient;
let queue: ChatQueue;
const order = new ConversationOrder(context.redis, context.keys);
const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 10, windowSeconds: 60 });

beforeAll(async () => {
  slowConnection = await openSlowRepliesRedis({ redisUrl: context.redisUrl, replyDelayMs: REPLY_DELAY_MS, commandTimeoutMs: 300, connectionName: 'test-late-admission', logger: context.logger });
  slowRedis = slowConnection.redis;
  queue = createChatQueue({ connection: context.redis, config });
});

afterAll(async () => {
  await slowConnection?.close();
  await queue?.close();
  await context.cleanup();
});

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
