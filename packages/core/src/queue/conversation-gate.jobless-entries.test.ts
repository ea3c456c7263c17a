import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAT_JOB_NAME } from './chat-queue.ts';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationOrder } from './conversation-order.ts';
import { SUSPECT_HEAD_CHECK_DELAY_MS } from './conversation-gate.ts';
import { startQueueTestStack } from './test-support/queue-test-stack.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

/**
 * An API process killed during a burst of submits leaves several ORDER entries without a job in one
 * conversation (admitted, never created). The conversation waits one grace period for all of them,
 * not one each, and never its 30 s backstop.
 */
const context = createRedisTestContext('gate-jobless-entries');
const config = context.config({ STALL_WINDOW_MS: '30000', SHUTDOWN_GRACE_MS: '2000' });
/**
 * In which order the pipeline started each job (run in its order, or as `already-finished`): a count, not a clock (two
 * jobs started in the same millisecond read as started together, and "the head started first" failed in a fresh-clone run).
 */
const startedAt = new Map<string, number>();
let started = 0;
const { queue, rateLimiter, hub, submit, close } = startQueueTestStack(context, config, {
  pipeline: {
    async run({ jobId, data }) {
      started += 1;
      startedAt.set(jobId, started);
      if (data.message === 'lent') await sleep(300);
      return buildTestChatResult(jobId, data, 'ok');
    },
  },
});
const admission = new ConversationAdmission(context.redis, context.keys, rateLimiter);
const order = new ConversationOrder(context.redis, context.keys);
// One worker slot, on a queue of its own: a pickup waiting for a grace period would hold it.
const oneSlotConfig = context.config({ STALL_WINDOW_MS: '30000', SHUTDOWN_GRACE_MS: '2000', CHAT_QUEUE_NAME: 'one-slot', WORKER_CONCURRENCY: '1' });
const oneSlot = startQueueTestStack(context, oneSlotConfig);
afterAll(async () => {
  await oneSlot.close();
  await close();
  await context.cleanup();
}, 30_000);

/** Admitted by an API process that died before creating the jobs. */
async function admitWithoutJobs(conversationId: string, count: number): Promise<string[]> {
  const jobIds = Array.from({ length: count }, (_, index) => `${conversationId}-dead-${index}`);
  for (const jobId of jobIds) expect((await admission.admit(conversationId, jobId)).kind).toBe('admitted');
  return jobIds;
}

describe('entries whose job was never created, several in one conversation', () => {
  it('a message behind five of them runs within seconds, and they all leave ORDER', async () => {
    await hub.waitUntilReady();
    await admitWithoutJobs('conv-dead-five', 5);
    const startedAt = Date.now();
    const jobId = await submit('conv-dead-five', 'après les fantômes');
    expect(await hub.waitForTerminal(jobId, 40_000)).toBe('completed');
    // One suspect-head delay (1.5 s) and one grace (1 s); one grace per entry would hit the heal
    // rounds' limit and wait for the 30 s backstop.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(await order.pendingJobIds('conv-dead-five')).toEqual([]);
  });

  it('a hand-off past eight of them reaches the next live message after one grace, not eight', async () => {
    const first = await submit('conv-dead-eight', 'lent');
    await admitWithoutJobs('conv-dead-eight', 8);
    // Created delayed by the 30 s backstop (its head is a job of this process): only the hand-off starts it.
    const last = await submit('conv-dead-eight', 'après le trou');
    expect(await hub.waitForTerminal(first, 10_000)).toBe('completed');
    const firstEndedAt = Date.now();
    expect(await hub.waitForTerminal(last, 40_000)).toBe('completed');
    // One grace (1 s) and a few round trips; one grace per entry takes 8 s at least.
    expect(Date.now() - firstEndedAt).toBeLessThan(5_000);
    expect(await order.pendingJobIds('conv-dead-eight')).toEqual([]);
  });

  it('an entry whose job is created within the grace period is not removed: it runs, in its place', async () => {
    await admitWithoutJobs('conv-slow-submitter', 2);
    // A slow submitter: admitted before the message behind it, its job created 1.8 s later: after the pickup behind it saw it without a job (1.5 s), within the grace it then gives.
    expect((await admission.admit('conv-slow-submitter', 'slow-submitter-job')).kind).toBe('admitted');
    const last = await submit('conv-slow-submitter', 'après le lent');
    await sleep(1_800);
    const now = new Date().toISOString();
    const data = { conversation_id: 'conv-slow-submitter', user_id: 'u', message: 'créé tard', sent_at: now, received_at: now, request_id: 'r' };
    await queue.add(CHAT_JOB_NAME, data, { jobId: 'slow-submitter-job', delay: 30_000 });
    const endedAt: Record<string, number> = {};
    const ends = ['slow-submitter-job', last].map((jobId) => hub.waitForTerminal(jobId, 40_000).then((end) => ((endedAt[jobId] = Date.now()), end)));
    expect(await Promise.all(ends)).toEqual(['completed', 'completed']);
    expect(endedAt['slow-submitter-job']).toBeLessThanOrEqual(endedAt[last]!);
    expect(await order.pendingJobIds('conv-slow-submitter')).toEqual([]);
  });

  it('an entry behind a live message is not judged before it is reached: a slow submitter there keeps its place', async () => {
    const conversationId = 'conv-slow-behind-live';
    const [dead, live, slow, last] = ['dead', 'live', 'slow', 'last'].map((name) => `${conversationId}-${name}`) as [string, string, string, string];
    for (const jobId of [dead, live, slow, last]) expect((await admission.admit(conversationId, jobId)).kind).toBe('admitted');
    const now = new Date().toISOString();
    const data = (message: string) => ({ conversation_id: conversationId, user_id: 'u', message, sent_at: now, received_at: now, request_id: 'r' });
    // The last message reaches a worker first and finds the dead head (and the slow one, not created yet, behind the live one).
    await queue.add(CHAT_JOB_NAME, data('dernier'), { jobId: last });
    const suspects = context.keys.joblessSuspects(conversationId);
    while ((await context.redis.hexists(suspects, dead)) === 0) await sleep(10);
    await queue.add(CHAT_JOB_NAME, data('lent'), { jobId: live });
    // Once the dead head is gone, the slow submitter creates its job (delayed, as behind a head that looked abandoned): the live message still runs.
    while ((await order.pendingJobIds(conversationId)).includes(dead)) await sleep(10);
    await queue.add(CHAT_JOB_NAME, data('créé tard'), { jobId: slow, delay: SUSPECT_HEAD_CHECK_DELAY_MS });
    expect(await Promise.all([live, slow, last].map((jobId) => hub.waitForTerminal(jobId, 40_000)))).toEqual(['completed', 'completed', 'completed']);
    expect([live, slow, last].sort((a, b) => startedAt.get(a)! - startedAt.get(b)!)).toEqual([live, slow, last]);
    expect(await order.pendingJobIds(conversationId)).toEqual([]);
  });

  it('a head created 1.6 s after its admission still runs first behind a self-starting message, whose first pickup comes at once', async () => {
    const conversationId = 'conv-slow-head-self-starting';
    const head = `${conversationId}-head`;
    const admittedAt = Date.now();
    expect((await admission.admit(conversationId, head)).kind).toBe('admitted');
    await sleep(40);
    const follower = await submit(conversationId, 'la suite');
    expect(await context.redis.lindex(context.keys.conversationOrder(conversationId), 1)).toBe(`${follower}|~`);
    // The head's submitter is slow (1.6 s), as a message behind a burst's head may wait 1.5 s before its first look.
    await sleep(Math.max(0, admittedAt + 1_600 - Date.now()));
    const now = new Date().toISOString();
    await queue.add(CHAT_JOB_NAME, { conversation_id: conversationId, user_id: 'u', message: 'tête', sent_at: now, received_at: now, request_id: 'r' }, { jobId: head });
    expect(await Promise.all([head, follower].map((jobId) => hub.waitForTerminal(jobId, 40_000)))).toEqual(['completed', 'completed']);
    expect(startedAt.get(head)!).toBeLessThan(startedAt.get(follower)!);
    expect(await order.pendingJobIds(conversationId)).toEqual([]);
  });

  it('no worker slot is held during the grace: eight conversations each behind a dead entry, one slot, all answered within one grace or two', async () => {
    await oneSlot.hub.waitUntilReady();
    await oneSlot.worker.worker.waitUntilReady();
    const conversations = Array.from({ length: 8 }, (_, index) => `conv-one-slot-${index}`);
    for (const conversationId of conversations) await admitWithoutJobs(conversationId, 1);
    const startedAt = Date.now();
    const jobIds = await Promise.all(conversations.map((conversationId) => oneSlot.submit(conversationId, 'après le fantôme')));
    expect(await Promise.all(jobIds.map((jobId) => oneSlot.hub.waitForTerminal(jobId, 40_000)))).toEqual(conversations.map(() => 'completed'));
    // 1.5 s suspect-head delay, then 1 s grace, not held: ~2.5 s. A grace held in the slot: one
    // conversation after the other, 9.5 s at least.
    expect(Date.now() - startedAt).toBeLessThan(6_000);
  });
});
