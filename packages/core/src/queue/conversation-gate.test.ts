import { afterAll, describe, expect, it } from 'vitest';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationGate } from './conversation-gate.ts';
import { ConversationOrder } from './conversation-order.ts';
import { CHAT_JOB_NAME } from './chat-queue.ts';
import { startQueueTestStack } from './test-support/queue-test-stack.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

const context = createRedisTestContext('conversation-gate');
// A 30 s backstop: only the gate's own checks can make these fast.
const config = context.config({ STALL_WINDOW_MS: '30000', SHUTDOWN_GRACE_MS: '2000' });
// Every message behind a head that no worker runs is self-starting (no burst rule).
const { queue, rateLimiter, submitter, hub, worker, submit, close } = startQueueTestStack(context, config, { selfStartingBurstGapMs: 0 });
const admission = new ConversationAdmission(context.redis, context.keys, rateLimiter, { selfStartingBurstGapMs: 0 });
const order = new ConversationOrder(context.redis, context.keys);
afterAll(async () => {
  await close();
  await context.cleanup();
}, 30_000);

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

  it('a release promotes the entry that was behind the head at pickup in the same round trip, and hands off past a wrong guess', async () => {
    await worker.worker.pause();
    const gate = new ConversationGate(order, queue, context.redis, 30_000, context.logger);
    const addDelayed = (conversationId: string, jobId: string) =>
      queue.add(CHAT_JOB_NAME, { conversation_id: conversationId, user_id: 'u', message: 'm', sent_at: 't', received_at: 't', request_id: 'r' }, { jobId, delay: 30_000 });
    const orderKey = (conversationId: string) => context.keys.conversationOrder(conversationId);

    // Right guess: b was behind a at its pickup; a's release leaves b waiting (no 30 s backstop).
    await context.redis.rpush(orderKey('conv-guess'), 'guess-a', 'guess-b');
    await addDelayed('conv-guess', 'guess-b');
    const right = await order.acquire('conv-guess', 'guess-a', 'token-a');
    expect(right).toEqual({ kind: 'head', next: { jobId: 'guess-b', leased: false, selfStarting: false } });
    await gate.leave('conv-guess', 'guess-a', 'token-a', right.kind === 'head' ? right.next : null);
    await gate.settled();
    expect(await queue.getJobState('guess-b')).toBe('waiting');
    expect(await order.pendingJobIds('conv-guess')).toEqual(['guess-b']);

    // Wrong guess: y was withdrawn (its job was never created) between z's pickup and its release.
    await context.redis.rpush(orderKey('conv-wrong-guess'), 'wrong-x', 'wrong-y', 'wrong-z');
    await addDelayed('conv-wrong-guess', 'wrong-z');
    const wrong = await order.acquire('conv-wrong-guess', 'wrong-x', 'token-x');
    await admission.withdraw('conv-wrong-guess', 'wrong-y');
    await gate.leave('conv-wrong-guess', 'wrong-x', 'token-x', wrong.kind === 'head' ? wrong.next : null);
    await gate.settled();
    expect(await queue.getJobState('wrong-z')).toBe('waiting');
    expect(await order.pendingJobIds('conv-wrong-guess')).toEqual(['wrong-z']);
    await queue.remove('guess-b');
    await queue.remove('wrong-z');
    worker.worker.resume();
  });
});
