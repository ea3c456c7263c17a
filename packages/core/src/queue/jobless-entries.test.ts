import { afterAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis/redis-connection.ts';
import { CHAT_JOB_NAME, createChatQueue } from './chat-queue.ts';
import { ConversationOrder } from './conversation-order.ts';
import { JoblessEntries } from './jobless-entries.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

const context = createRedisTestContext('jobless-entries');
const config = context.config();
const queue = createChatQueue({ connection: context.redis, config });
const order = new ConversationOrder(context.redis, context.keys);
afterAll(async () => {
  await queue.close();
  await context.cleanup();
});

/**
 * The real Redis client, except that after the `afterCall`-th EXISTS has been answered (the answer
 * kept), `then` runs before the caller gets that answer: something happens right after a look.
 */
function runAfterExists(afterCall: number, then: () => Promise<unknown>): RedisClient {
  let calls = 0;
  return new Proxy(context.redis, {
    get(target, property, receiver) {
      if (property !== 'exists') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<typeof target.exists>) => {
        const answer = await target.exists(...args);
        calls += 1;
        if (calls === afterCall) await then();
        return answer;
      };
    },
  });
}

describe('JoblessEntries.followUpMissingHead', () => {
  it('promotes a head whose delayed job is created just after the last look, instead of leaving it to its backstop', async () => {
    const now = new Date().toISOString();
    const data = { conversation_id: 'conv-late-head', user_id: 'u', message: 'créé tard', sent_at: now, received_at: now, request_id: 'r' };
    await context.redis.rpush(context.keys.conversationOrder('conv-late-head'), 'late-head');
    // EXISTS calls: 1 in the first settle, then one after each of the three pauses; the job is
    // created (delayed by a 30 s backstop) right after the last of those said it was missing.
    const redis = runAfterExists(4, () => queue.add(CHAT_JOB_NAME, data, { jobId: 'late-head', delay: 30_000 }));
    const jobless = new JoblessEntries(order, queue, redis, context.logger);
    expect(await jobless.followUpMissingHead('conv-late-head', 'late-head')).toBeNull();
    expect(await order.pendingJobIds('conv-late-head')).toEqual(['late-head']);
    expect(await queue.getJobState('late-head')).toBe('waiting');
  });
});
