import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseJobData } from '../jobs/job-catalog.ts';
import { ChatJobReader } from './chat-job-reader.ts';
import { createChatQueue, type ChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { ConversationOrder } from './conversation-order.ts';
import { IdempotencyStore } from './idempotency.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';

// No worker here: jobs stay where the submitter put them.
const context = createRedisTestContext('submitter');
const config = context.config({ RATE_LIMIT_MESSAGES: '5', STALL_WINDOW_MS: '30000' });
let queue: ChatQueue;
let submitter: ChatSubmitter;
let rateLimiter: ConversationRateLimiter;
let reader: ChatJobReader;

beforeAll(() => {
  queue = createChatQueue({ connection: context.redis, config });
  rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 5, windowSeconds: 60 });
  // Messages a test sends one after the other count as a burst: never self-starting (see the test that is).
  submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 3_600_000 });
  reader = new ChatJobReader({ queue, redis: context.redis, keys: context.keys });
});
afterAll(async () => {
  await queue.close();
  await context.cleanup();
});

const request = (conversationId: string, message: string, timestamp?: string) => ({
  user_id: 'visitor-1',
  conversation_id: conversationId,
  message,
  ...(timestamp ? { timestamp } : {}),
});

/** A submitter whose queue's own connection is closed: admission succeeds (the shared connection), creation fails. */
async function submitterWithBrokenQueue(connectionName: string): Promise<{ failing: ChatSubmitter; close: () => Promise<void> }> {
  const brokenConnection = createRedisConnection(context.redisUrl, { connectionName, logger: context.logger });
  const brokenQueue = createChatQueue({ connection: brokenConnection, config });
  await brokenQueue.waitUntilReady();
  brokenConnection.disconnect();
  const failing = new ChatSubmitter({ redis: context.redis, queue: brokenQueue, keys: context.keys, rateLimiter, config, logger: context.logger });
  return { failing, close: () => brokenQueue.close().catch(() => undefined) };
}

describe('ChatSubmitter', () => {
  it("enqueues a valid job: trimmed message, the server's receive time (not the client's timestamp), UUID id; the head waits, the next is queued behind it", async () => {
    const first = await submitter.submit(request('conv-basic', '  Bonjour l’équipe !  ', '2026-11-02T10:00:00+01:00'), { requestId: 'r1' });
    expect(first.kind).toBe('accepted');
    if (first.kind !== 'accepted') return;
    expect(first.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.rateLimit).toMatchObject({ allowed: true, limit: 5, remaining: 4 });
    const job = await queue.getJob(first.jobId);
    const data = parseJobData('chat', job?.data);
    expect(data.message).toBe('Bonjour l’équipe !');
    expect(data.sent_at).toBe(data.received_at);
    expect(Math.abs(Date.parse(data.sent_at) - Date.now())).toBeLessThan(60_000);
    expect(data.request_id).toBe('r1');
    expect(await queue.getJobState(first.jobId)).toBe('waiting');

    const second = await submitter.submit(request('conv-basic', 'Et ensuite ?'), { requestId: 'r2' });
    if (second.kind !== 'accepted') throw new Error(second.kind);
    expect(second.sequence).toBe((first.sequence ?? 0) + 1);
    expect(await queue.getJobState(second.jobId)).toBe('delayed');
    expect(await reader.getJobView(second.jobId)).toMatchObject({ status: 'queued', position: 1, conversation_id: 'conv-basic' });
    expect(await reader.getJobView(first.jobId)).toMatchObject({ status: 'queued', position: 0 });
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-basic')).toEqual([first.jobId, second.jobId]);
  });

  it('creates a message behind a head that no worker runs yet waiting (self-starting), one behind a running head delayed', async () => {
    const selfStarting = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 0 });
    const order = new ConversationOrder(context.redis, context.keys);
    const first = await selfStarting.submit(request('conv-self-starting', 'Bonjour'), { requestId: 'r1' });
    const second = await selfStarting.submit(request('conv-self-starting', 'Et ensuite ?'), { requestId: 'r2' });
    if (first.kind !== 'accepted' || second.kind !== 'accepted') throw new Error('not accepted');
    expect(await queue.getJobState(second.jobId)).toBe('waiting');
    expect(await order.headEntry('conv-self-starting')).toEqual({ jobId: first.jobId, leased: false, selfStarting: false });
    expect(await context.redis.lindex(context.keys.conversationOrder('conv-self-starting'), 1)).toBe(`${second.jobId}|~`);
    expect(await reader.getJobView(second.jobId)).toMatchObject({ status: 'queued', position: 1 });

    // A worker runs the head (its lease): the next message waits delayed for the head's hand-off.
    expect(await order.acquire('conv-self-starting', first.jobId, 'token-1')).toEqual({ kind: 'head', next: { jobId: second.jobId, leased: false, selfStarting: true } });
    const third = await selfStarting.submit(request('conv-self-starting', 'Encore une'), { requestId: 'r3' });
    if (third.kind !== 'accepted') throw new Error(third.kind);
    expect(await queue.getJobState(third.jobId)).toBe('delayed');
    expect(await order.pendingJobIds('conv-self-starting')).toEqual([first.jobId, second.jobId, third.jobId]);
  });

  it('never creates a message waiting behind one created delayed, even when no worker runs the head', async () => {
    const selfStarting = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 0 });
    const order = new ConversationOrder(context.redis, context.keys);
    const head = await selfStarting.submit(request('conv-behind-delayed', 'Bonjour'), { requestId: 'r1' });
    // In a burst: created delayed, promoted by the head's hand-off (appended to BullMQ's wait list then).
    const burst = await submitter.submit(request('conv-behind-delayed', 'Et aussi'), { requestId: 'r2' });
    const later = await selfStarting.submit(request('conv-behind-delayed', 'Plus tard'), { requestId: 'r3' });
    if (head.kind !== 'accepted' || burst.kind !== 'accepted' || later.kind !== 'accepted') throw new Error('not accepted');
    expect(await order.headEntry('conv-behind-delayed')).toEqual({ jobId: head.jobId, leased: false, selfStarting: false });
    expect(await queue.getJobState(burst.jobId)).toBe('delayed');
    // Created waiting, it would reach a worker before the burst message it must follow.
    expect(await queue.getJobState(later.jobId)).toBe('delayed');
    expect(await context.redis.lrange(context.keys.conversationOrder('conv-behind-delayed'), 0, -1)).toEqual([head.jobId, burst.jobId, later.jobId]);
  });

  it('asks Redis whether a head no worker runs has its job only when another process created it; either way, a head with its job gives the message behind it the full backstop delay', async () => {
    const exists = vi.spyOn(context.redis, 'exists');
    try {
      const head = await submitter.submit(request('conv-created-here', 'Bonjour'), { requestId: 'r1' });
      const behind = await submitter.submit(request('conv-created-here', 'Et aussi'), { requestId: 'r2' });
      if (head.kind !== 'accepted' || behind.kind !== 'accepted') throw new Error('not accepted');
      expect(exists).not.toHaveBeenCalled();
      expect((await queue.getJob(behind.jobId))?.opts.delay).toBe(30_000);

      // Another API process created the head: the check asks Redis.
      const otherProcess = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs: 3_600_000 });
      const third = await otherProcess.submit(request('conv-created-here', 'Encore'), { requestId: 'r3' });
      if (third.kind !== 'accepted') throw new Error('not accepted');
      expect(exists).toHaveBeenCalledTimes(1);
      expect((await queue.getJob(third.jobId))?.opts.delay).toBe(30_000);
    } finally {
      exists.mockRestore();
    }
  });

  it('rate limits per conversation and enqueues nothing over the limit', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, index) => submitter.submit(request('conv-rl', `m${index}`), { requestId: `r${index}` })));
    expect(outcomes.filter((outcome) => outcome.kind === 'accepted')).toHaveLength(5);
    const limited = outcomes.filter((outcome) => outcome.kind === 'rate_limited');
    expect(limited).toHaveLength(3);
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-rl')).toHaveLength(5);
  });

  it('replays the same key with the same body without consuming the limit; another body conflicts', async () => {
    const body = request('conv-idem', 'Salut');
    const first = await submitter.submit(body, { requestId: 'a', idempotencyKey: 'key-1' });
    if (first.kind !== 'accepted') throw new Error(first.kind);
    const replay = await submitter.submit({ ...body }, { requestId: 'b', idempotencyKey: 'key-1' });
    expect(replay).toMatchObject({ kind: 'replayed', jobId: first.jobId });
    if (replay.kind === 'replayed') expect(replay.rateLimit.remaining).toBe(first.rateLimit.remaining);
    const conflict = await submitter.submit(request('conv-idem', 'Autre chose'), { requestId: 'c', idempotencyKey: 'key-1' });
    expect(conflict).toEqual({ kind: 'idempotency_conflict', jobId: first.jobId });
    expect((await rateLimiter.peek('conv-idem')).remaining).toBe(4);
  });

  it('creates one job for concurrent duplicates of one key', async () => {
    const body = request('conv-idem-race', 'Une seule fois');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => submitter.submit(body, { requestId: `r${index}`, idempotencyKey: 'key-race' })),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'replayed')).toHaveLength(19);
    const jobIds = new Set(outcomes.map((outcome) => ('jobId' in outcome ? outcome.jobId : null)));
    expect(jobIds.size).toBe(1);
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-idem-race')).toHaveLength(1);
    expect((await rateLimiter.peek('conv-idem-race')).remaining).toBe(4);
  });

  it('frees the key of a rate-limited request', async () => {
    for (let index = 0; index < 5; index++) await submitter.submit(request('conv-idem-rl', `m${index}`), { requestId: 'r' });
    const limited = await submitter.submit(request('conv-idem-rl', 'encore'), { requestId: 'r', idempotencyKey: 'key-rl' });
    expect(limited.kind).toBe('rate_limited');
    expect(await new IdempotencyStore(context.redis, context.keys, 60).read('conv-idem-rl', 'key-rl')).toBeNull();
  });

  it('a submit whose job cannot be created without a key gives its rate-limit slot and its place in the order back', async () => {
    const { failing, close } = await submitterWithBrokenQueue('test-broken-queue');
    const before = await rateLimiter.peek('conv-refund');
    await expect(failing.submit(request('conv-refund', 'perdu ?'), { requestId: 'r' })).rejects.toThrow();
    expect((await rateLimiter.peek('conv-refund')).remaining).toBe(before.remaining);
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-refund')).toEqual([]);
    await close();
  });

  it('with a key, the retry of a submit whose creation did not settle creates the job under the reserved id: one job, one slot, its place kept, even if the first creation lands later', async () => {
    const { failing, close } = await submitterWithBrokenQueue('test-broken-queue-2');
    const before = await rateLimiter.peek('conv-adopt');
    const body = request('conv-adopt', 'perdu ?');
    await expect(failing.submit(body, { requestId: 'r', idempotencyKey: 'key-adopt' })).rejects.toThrow();
    // The reservation is kept, pending, for the retry (the creation's outcome is unknown to the API).
    const reserved = await new IdempotencyStore(context.redis, context.keys, 60).read('conv-adopt', 'key-adopt');
    expect(reserved).toMatchObject({ state: 'pending' });
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-adopt')).toEqual([reserved!.jobId]);

    const retried = await submitter.submit(body, { requestId: 'r2', idempotencyKey: 'key-adopt' });
    expect(retried).toMatchObject({ kind: 'replayed', jobId: reserved!.jobId });
    expect((await queue.getJob(reserved!.jobId))?.data).toMatchObject({ message: 'perdu ?', request_id: 'r2' });
    expect(await new IdempotencyStore(context.redis, context.keys, 60).read('conv-adopt', 'key-adopt')).toMatchObject({ state: 'committed', jobId: reserved!.jobId });
    expect((await rateLimiter.peek('conv-adopt')).remaining).toBe(before.remaining - 1);
    // The first creation landing late (a command held by a partition) adds nothing: one job per id.
    await queue.add('chat', (await queue.getJob(reserved!.jobId))!.data, { jobId: reserved!.jobId });
    const jobsOfConversation = (await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active'])).filter((job) => job.data.conversation_id === 'conv-adopt');
    expect(jobsOfConversation.map((job) => job.id)).toEqual([reserved!.jobId]);
    const again = await submitter.submit(body, { requestId: 'r3', idempotencyKey: 'key-adopt' });
    expect(again).toMatchObject({ kind: 'replayed', jobId: reserved!.jobId });
    await close();
  });

  it('with a key, a retry whose reserved place was removed as dead is admitted afresh (at the end of the order), never run without holding the conversation', async () => {
    const { failing, close } = await submitterWithBrokenQueue('test-broken-queue-3');
    const body = request('conv-readmit', 'encore là ?');
    await expect(failing.submit(body, { requestId: 'r', idempotencyKey: 'key-readmit' })).rejects.toThrow();
    const reserved = await new IdempotencyStore(context.redis, context.keys, 60).read('conv-readmit', 'key-readmit');
    const order = new ConversationOrder(context.redis, context.keys);
    // A later message's pickup found the head without a job past the grace period and removed it.
    expect((await order.healDeadHead('conv-readmit', reserved!.jobId)).removed).toBe(true);

    const retried = await submitter.submit(body, { requestId: 'r2', idempotencyKey: 'key-readmit' });
    expect(retried.kind).toBe('accepted');
    if (retried.kind !== 'accepted') return;
    expect(retried.jobId).not.toBe(reserved!.jobId);
    expect(await order.pendingJobIds('conv-readmit')).toEqual([retried.jobId]);
    expect(await queue.getJob(reserved!.jobId)).toBeUndefined();
    expect(await new IdempotencyStore(context.redis, context.keys, 60).read('conv-readmit', 'key-readmit')).toMatchObject({ state: 'committed', jobId: retried.jobId });
    await close();
  });
});
