import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationOrder } from './conversation-order.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

const context = createRedisTestContext('conversation-order');
afterAll(() => context.cleanup());

const limiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 100, windowSeconds: 60 });
const order = new ConversationOrder(context.redis, context.keys);
const entries = (conversationId: string) => context.redis.lrange(context.keys.conversationOrder(conversationId), 0, -1);

describe('ConversationOrder entries (docs/ordering.md)', () => {
  it('marks messages behind an unstarted head self-starting, drops the mark when such a message is sent back to wait', async () => {
    const admission = new ConversationAdmission(context.redis, context.keys, limiter, { selfStartingBurstGapMs: 0 });
    await admission.admit('conv-marks', 'a');
    expect(await admission.admit('conv-marks', 'b')).toMatchObject({ kind: 'admitted', position: 1, selfStarting: true });
    await admission.admit('conv-marks', 'c');
    expect(await entries('conv-marks')).toEqual(['a', 'b|~', 'c|~']);

    // b picked up too early: it waits, and from now on the hand-off must promote it.
    expect(await order.acquire('conv-marks', 'b', 'token-b')).toEqual({ kind: 'wait', position: 1, headJobId: 'a', headLeased: false, wasSelfStarting: true });
    expect(await entries('conv-marks')).toEqual(['a', 'b', 'c|~']);

    // a runs (lease); a message admitted now is not self-starting.
    // The pickup learns the entry behind it (the release may promote it in the same round trip).
    expect(await order.acquire('conv-marks', 'a', 'token-a')).toEqual({ kind: 'head', next: { jobId: 'b', leased: false, selfStarting: false } });
    expect(await admission.admit('conv-marks', 'd')).toMatchObject({ kind: 'admitted', selfStarting: false, head: { jobId: 'a', leased: true, selfStarting: false } });

    // Releases hand the conversation on with each next entry's mark.
    expect(await order.release('conv-marks', 'a', 'token-a')).toEqual({ kind: 'released', nextHead: { jobId: 'b', leased: false, selfStarting: false } });
    expect(await order.acquire('conv-marks', 'b', 'token-b2')).toEqual({ kind: 'head', next: { jobId: 'c', leased: false, selfStarting: true } });
    expect(await order.release('conv-marks', 'b', 'token-b2')).toEqual({ kind: 'released', nextHead: { jobId: 'c', leased: false, selfStarting: true } });
    expect(await order.pendingJobIds('conv-marks')).toEqual(['c', 'd']);
  });

  it('a self-starting head is acquired, healed and withdrawn like any entry', async () => {
    const admission = new ConversationAdmission(context.redis, context.keys, limiter, { selfStartingBurstGapMs: 0 });
    for (const jobId of ['x', 'y', 'z', 'w']) await admission.admit('conv-marked-head', jobId);
    expect(await order.healDeadHead('conv-marked-head', 'x')).toEqual({ removed: true, nextHead: { jobId: 'y', leased: false, selfStarting: true } });
    expect(await order.acquire('conv-marked-head', 'y', 'token-y')).toEqual({ kind: 'head', next: { jobId: 'z', leased: false, selfStarting: true } });
    expect(await admission.withdraw('conv-marked-head', 'z')).toEqual({ removed: true, head: { jobId: 'y', leased: true, selfStarting: false } });
    expect(await order.release('conv-marked-head', 'y', 'token-y')).toEqual({ kind: 'released', nextHead: { jobId: 'w', leased: false, selfStarting: true } });
    expect(await order.healDeadHead('conv-marked-head', 'w')).toEqual({ removed: true, nextHead: null });
    await admission.admit('conv-marked-head', 'v');
    expect(await order.acquire('conv-marked-head', 'v', 'token-v')).toEqual({ kind: 'head', next: null });
    await order.release('conv-marked-head', 'v', 'token-v');
    expect(await entries('conv-marked-head')).toEqual([]);
  });

  it('a burst is never self-starting', async () => {
    const admission = new ConversationAdmission(context.redis, context.keys, limiter, { selfStartingBurstGapMs: 3_600_000 });
    for (const jobId of ['p', 'q']) await admission.admit('conv-burst', jobId);
    expect(await entries('conv-burst')).toEqual(['p', 'q']);
  });

  it('removes the ids at the head seen without a job for the grace period, leased or self-starting, and judges one behind a live entry only once it is reached', async () => {
    const key = context.keys.conversationOrder('conv-jobless');
    const suspects = context.keys.joblessSuspects('conv-jobless');
    await context.redis.rpush(key, 'dead-1|token', 'dead-2|~', 'live-1', 'dead-3', 'live-2|~');
    // First seen without a job: recorded, nothing removed; due when the grace ends. dead-3 stands
    // behind a live entry: not recorded.
    const first = await order.settleJobless('conv-jobless', ['dead-1', 'dead-2', 'dead-3', 'not-there'], 300);
    expect(first).toMatchObject({ removed: 0, headRemoved: false, nextHead: { jobId: 'dead-1', leased: true } });
    expect(first.recheckInMs).toBeGreaterThan(200);
    expect(first.recheckInMs).toBeLessThanOrEqual(300);
    expect(await context.redis.hexists(suspects, 'dead-3')).toBe(0);
    await sleep(150);
    const second = await order.settleJobless('conv-jobless', ['dead-1', 'dead-2', 'dead-3'], 300);
    expect(second.removed).toBe(0);
    expect(second.recheckInMs).toBeLessThanOrEqual(150);
    await sleep(second.recheckInMs + 20);
    expect(await order.settleJobless('conv-jobless', ['dead-1', 'dead-2', 'dead-3'], 300)).toMatchObject({
      removed: 2,
      headRemoved: true,
      nextHead: { jobId: 'live-1', leased: false, selfStarting: false },
      recheckInMs: 0,
    });
    expect(await entries('conv-jobless')).toEqual(['live-1', 'dead-3', 'live-2|~']);
    expect(await context.redis.hexists(suspects, 'dead-3')).toBe(0);
    // An id that is only a prefix of an entry's is not that entry: the head has a job, nothing is settled.
    expect(await order.settleJobless('conv-jobless', ['live', 'dead-3'], 300)).toMatchObject({ removed: 0, headRemoved: false, recheckInMs: 0 });
    // Once reached (live-1 done), dead-3 gets its own grace.
    await context.redis.lpop(key);
    const reached = await order.settleJobless('conv-jobless', ['dead-3'], 300);
    expect(reached).toMatchObject({ removed: 0, nextHead: { jobId: 'dead-3' } });
    expect(reached.recheckInMs).toBeGreaterThan(200);
    expect(await order.settleJobless('conv-jobless', ['dead-3', 'live-2'], 0)).toEqual({ removed: 2, headRemoved: true, nextHead: null, recheckInMs: 0 });
    expect(await context.redis.exists(key)).toBe(0);
    expect(await context.redis.hlen(suspects)).toBe(0);
  });

  it('drops the record of a suspect that got its job (a slow submitter), and every record once none at the head is within its grace', async () => {
    const key = context.keys.conversationOrder('conv-stale-suspects');
    const suspects = context.keys.joblessSuspects('conv-stale-suspects');
    await context.redis.rpush(key, 'late-1', 'dead-2', 'live-3');
    expect((await order.settleJobless('conv-stale-suspects', ['late-1', 'dead-2'], 10_000)).recheckInMs).toBeGreaterThan(0);
    expect(await context.redis.hkeys(suspects)).toEqual(['late-1', 'dead-2']);
    // late-1's job was created after all: its record goes, the run at the head has nothing left to judge.
    expect(await order.settleJobless('conv-stale-suspects', ['dead-2'], 10_000)).toMatchObject({ removed: 0, recheckInMs: 0 });
    expect(await context.redis.exists(suspects)).toBe(0);
    // Reached again later, dead-2 starts a grace of its own, not from the stale first look.
    await context.redis.lpop(key);
    expect((await order.settleJobless('conv-stale-suspects', ['dead-2'], 10_000)).recheckInMs).toBeGreaterThan(9_000);
  });
});
