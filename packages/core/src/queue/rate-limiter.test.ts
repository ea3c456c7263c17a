import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

const context = createRedisTestContext('rate-limiter');
afterAll(() => context.cleanup());

describe('ConversationRateLimiter', () => {
  it('lets exactly `limit` of 50 concurrent consumes through', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 10, windowSeconds: 60 });
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.consume('conv-concurrent')));
    expect(results.filter((status) => status.allowed)).toHaveLength(10);
    const rejected = results.filter((status) => !status.allowed);
    expect(rejected).toHaveLength(40);
    for (const status of rejected) {
      expect(status.remaining).toBe(0);
      expect(status.retry_after_seconds).toBeGreaterThanOrEqual(1);
      expect(status.retry_after_seconds).toBeLessThanOrEqual(60);
      expect(status.reset_seconds).toBeLessThanOrEqual(60);
    }
    const remainings = results.filter((status) => status.allowed).map((status) => status.remaining).sort((a, b) => a - b);
    expect(remainings).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('admits exactly the accepted messages to the conversation order, in acceptance order', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 10, windowSeconds: 60 });
    // A burst: no message is self-starting, ORDER holds the bare job ids.
    const admission = new ConversationAdmission(context.redis, context.keys, limiter, { selfStartingBurstGapMs: 3_600_000 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) => admission.admit('conv-admit', `job-${index}`).then((outcome) => ({ outcome, jobId: `job-${index}` }))),
    );
    const accepted = outcomes.flatMap(({ outcome, jobId }) => (outcome.kind === 'admitted' ? [{ ...outcome, jobId }] : [])).sort((a, b) => a.sequence - b.sequence);
    expect(accepted).toHaveLength(10);
    expect(outcomes.filter(({ outcome }) => outcome.kind === 'rate-limited')).toHaveLength(40);
    // Accepted ones get positions 0..9 and sequences 1..10; every later one sees the first as head.
    expect(accepted.map((outcome) => outcome.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(accepted.map((outcome) => outcome.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(accepted[0]!.head).toBeNull();
    for (const later of accepted.slice(1)) expect(later.head).toEqual({ jobId: accepted[0]!.jobId, leased: false, selfStarting: false });
    expect(await context.redis.lrange(context.keys.conversationOrder('conv-admit'), 0, -1)).toEqual(accepted.map((outcome) => outcome.jobId));
  });

  it('withdrawing an admitted message gives its rate-limit slot back and takes it out of the order', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 2, windowSeconds: 60 });
    const admission = new ConversationAdmission(context.redis, context.keys, limiter, { selfStartingBurstGapMs: 3_600_000 });
    expect((await admission.admit('conv-withdraw', 'job-a')).kind).toBe('admitted');
    expect((await admission.admit('conv-withdraw', 'job-b')).kind).toBe('admitted');
    expect((await admission.admit('conv-withdraw', 'job-c')).kind).toBe('rate-limited');
    expect(await admission.withdraw('conv-withdraw', 'job-a')).toEqual({ removed: true, head: { jobId: 'job-b', leased: false, selfStarting: false } });
    expect((await limiter.peek('conv-withdraw')).remaining).toBe(1);
    // An id that is not in the order (an admission that never landed): nothing removed, no slot given back.
    expect(await admission.withdraw('conv-withdraw', 'job-never-admitted')).toEqual({ removed: false, head: { jobId: 'job-b', leased: false, selfStarting: false } });
    expect((await limiter.peek('conv-withdraw')).remaining).toBe(1);
    expect((await admission.admit('conv-withdraw', 'job-c')).kind).toBe('admitted');
    expect(await context.redis.lrange(context.keys.conversationOrder('conv-withdraw'), 0, -1)).toEqual(['job-b', 'job-c']);
  });

  it('peek never consumes', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 3, windowSeconds: 60 });
    for (let index = 0; index < 10; index++) {
      const status = await limiter.peek('conv-peek');
      expect(status).toMatchObject({ allowed: true, remaining: 3, limit: 3, window_seconds: 60, reset_seconds: 0 });
    }
    await limiter.consume('conv-peek');
    expect(await limiter.peek('conv-peek')).toMatchObject({ allowed: true, remaining: 2 });
    await limiter.consume('conv-peek');
    await limiter.consume('conv-peek');
    const full = await limiter.peek('conv-peek');
    expect(full.allowed).toBe(false);
    expect(full.remaining).toBe(0);
    expect(full.retry_after_seconds).toBeGreaterThan(0);
    expect((await limiter.consume('conv-peek')).allowed).toBe(false);
  });

  it('slides: entries leave the window one by one', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 2, windowSeconds: 1 });
    expect((await limiter.consume('conv-slide')).allowed).toBe(true);
    await sleep(500);
    expect((await limiter.consume('conv-slide')).allowed).toBe(true);
    const rejected = await limiter.consume('conv-slide');
    expect(rejected.allowed).toBe(false);
    expect(rejected.reset_seconds).toBe(1);
    // After the first entry leaves (≈1 s after it) one message fits again, not two.
    await sleep(650);
    const afterFirstLeft = await limiter.consume('conv-slide');
    expect(afterFirstLeft.allowed).toBe(true);
    expect(afterFirstLeft.remaining).toBe(0);
    expect((await limiter.consume('conv-slide')).allowed).toBe(false);
  });

  it('keeps the log at least a window past its newest entry, pushing its expiry once per window', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 5, windowSeconds: 1 });
    const key = context.keys.rateLimit('conv-expiry');
    expect((await limiter.consume('conv-expiry')).remaining).toBe(4);
    const firstExpiry = await context.redis.pttl(key);
    expect(firstExpiry).toBeGreaterThan(2_000);
    await sleep(300);
    expect((await limiter.consume('conv-expiry')).remaining).toBe(3);
    // Not pushed again inside the window: still enough for a window after the newest entry.
    const secondExpiry = await context.redis.pttl(key);
    expect(secondExpiry).toBeLessThan(firstExpiry - 200);
    expect(secondExpiry).toBeGreaterThan(1_000);
    // Past the window the first entries have left and the expiry is pushed again.
    await sleep(1_100);
    expect((await limiter.consume('conv-expiry')).remaining).toBe(4);
    expect(await context.redis.pttl(key)).toBeGreaterThan(2_000);
  });

  it('keeps conversations apart', async () => {
    const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 1, windowSeconds: 60 });
    expect((await limiter.consume('conv-a')).allowed).toBe(true);
    expect((await limiter.consume('conv-a')).allowed).toBe(false);
    expect((await limiter.consume('conv-b')).allowed).toBe(true);
  });

  it('propagates Redis errors (never fails open)', async () => {
    const { Redis } = await import('ioredis');
    const broken = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    broken.on('error', () => {});
    const limiter = new ConversationRateLimiter(broken, context.keys, { limit: 10, windowSeconds: 60 });
    await expect(limiter.consume('conv-broken')).rejects.toThrow();
    broken.disconnect();
  });
});
