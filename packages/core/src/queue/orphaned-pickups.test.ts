import { Writable } from 'node:stream';
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { startTcpTestProxy, type ProxiedConnection } from '../testing/tcp-test-proxy.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { startChatWorker } from './chat-worker.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { startOrphanedPickupSweeper } from './orphaned-pickups.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

/**
 * A pickup whose reply the network lost (orphaned-pickups.ts): BullMQ's moveToActive ran on Redis,
 * the connection dropped before its reply reached the worker, and ioredis sent the script again on
 * the new connection, which found nothing more to take. The job sat active and locked, run by
 * nobody, until its lock expired (STALL_WINDOW_MS) and a stall check freed it.
 *
 * The worker reaches Redis through a proxy that, once armed, lets the next pickup script through,
 * passes no byte back any more, and drops the connection 200 ms later (the script has run). The stall window is 60 s, so a stall check cannot free
 * the job before then; the bound on the wait is 45 s (the worker's own look runs every 5 s and puts
 * the job back at its second look). The job must be answered once, with no stall counted.
 */
const context = createRedisTestContext('orphaned-pickups');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await context.cleanup();
}, 60_000);

/** A BullMQ pickup: the moveToActive script (active and marker keys, no finished list). */
const isPickup = (chunk: Buffer) => chunk.includes(':active') && chunk.includes(':marker') && !chunk.includes(':completed') && !chunk.includes(':failed');

describe('a pickup whose reply the network lost', () => {
  it('is put back and answered once, well before the stall window frees it', async () => {
    let armed = false;
    let cut = 0;
    const dropReplyOn = new WeakSet<ProxiedConnection>();
    const target = new URL(context.redisUrl);
    const proxy = await startTcpTestProxy({ host: target.hostname, port: Number(target.port || 6379) }, (connection, direction, chunk, forward) => {
      if (direction === 'to_client' && dropReplyOn.has(connection)) return;
      forward();
      if (direction === 'to_server' && armed && isPickup(chunk)) {
        // The script goes through and runs; no byte comes back any more, then the connection drops.
        armed = false;
        dropReplyOn.add(connection);
        setTimeout(() => {
          cut += 1;
          connection.client.destroy();
          connection.upstream.destroy();
        }, 200);
      }
    });
    cleanups.push(() => proxy.close());

    const config = context.config({ REDIS_URL: proxy.url('redis'), CHAT_QUEUE_NAME: 'orphaned-pickups', STALL_WINDOW_MS: '60000', WORKER_CONCURRENCY: '1' });
    const runs = new Map<string, number>();
    const pipeline: ChatPipeline = {
      async run({ jobId, data }) {
        runs.set(data.message, (runs.get(data.message) ?? 0) + 1);
        return buildTestChatResult(jobId, data, `ok ${data.message}`);
      },
    };
    const putBack: string[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: new Writable({
        write(chunk, _encoding, done) {
          const line = JSON.parse(String(chunk)) as { msg?: string; jobId?: string };
          if (line.msg?.includes('never handed to it') && line.jobId) putBack.push(line.jobId);
          done();
        },
      }),
    });
    const handle = startChatWorker({ config, pipeline, logger });
    cleanups.push(() => handle.close());
    await handle.worker.waitUntilReady();
    // The submit side talks to Redis directly: only the worker's connections go through the proxy.
    const directConfig = context.config({ CHAT_QUEUE_NAME: 'orphaned-pickups', STALL_WINDOW_MS: '60000' });
    const queue = createChatQueue({ connection: context.redis, config: directConfig });
    cleanups.push(() => queue.close());
    const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 1000, windowSeconds: 60 });
    const submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config: directConfig, logger: context.logger });
    const state = async (jobId: string) => (await queue.getJob(jobId))?.getState();

    // A first job loads BullMQ's scripts through the proxy (a NOSCRIPT reply lost would prove nothing).
    const warmUp = await submitAcceptedMessage(submitter, 'conv-warm-up', 'warm-up');
    await waitUntil(() => state(warmUp), (value) => value === 'completed', 30_000);

    // The pickup cut must be the one that took the job: on a loaded machine the worker's loop can send a pickup that finds
    // nothing (the job not yet in the list), and the job is then taken normally after the cut (a fresh-clone run, 2026-12-05).
    // Such a round is tried again; the round that counts is the one where the job sits active, run by nobody, after the cut.
    let orphan = '';
    for (let round = 1; round <= 3 && orphan === ''; round += 1) {
      const message = `orphan-${round}`;
      armed = true;
      const jobId = await submitAcceptedMessage(submitter, `conv-orphan-${round}`, message);
      await waitUntil(async () => cut, (value) => value === round, 30_000);
      // Active and not run, still so a second later (a pickup received runs at once: the worker is idle).
      const takenByTheCutPickup = async () => (await state(jobId)) === 'active' && runs.get(message) === undefined;
      if ((await takenByTheCutPickup()) && (await new Promise((resolve) => setTimeout(resolve, 1_000)), await takenByTheCutPickup())) orphan = jobId;
      await waitUntil(() => state(jobId), (value) => value === 'completed', 45_000);
      if (orphan !== '') {
        const [job, firstJob] = [await queue.getJob(orphan), await queue.getJob(warmUp)];
        // Taken once by the processor, as the warm-up was: no attempt and no stall spent on the lost pickup.
        expect({ stalledCounter: job?.stalledCounter, attemptsMade: job?.attemptsMade, runs: runs.get(message), putBack }).toEqual({ stalledCounter: 0, attemptsMade: firstJob?.attemptsMade, runs: 1, putBack: [orphan] });
      }
    }
    expect(orphan, 'a cut pickup that took the job').not.toBe('');
  }, 240_000);
});

describe('a job its worker received but has not started yet', () => {
  it('is not taken for an orphan, however many looks find it waiting for its slot', async () => {
    // A worker fetches up to its concurrency one job after the other before it processes any: on a
    // slow network a received job waits seconds for the processor. getNextJob is that fetch.
    const queue = new Queue('received-not-started', { connection: context.redis, prefix: context.prefix });
    const worker = new Worker('received-not-started', async () => 'done', { connection: context.redis, prefix: context.prefix, autorun: false });
    const sweeper = startOrphanedPickupSweeper({ worker, queue, connection: context.redis, checkEveryMs: 3_600_000, logger: context.logger });
    cleanups.push(async () => {
      sweeper.stop();
      await worker.close();
      await queue.close();
    });
    await queue.add('job', {}, { jobId: 'received' });
    const job = await worker.getNextJob(`${worker.id}:1`);
    expect(job?.id).toBe('received');
    expect(await sweeper.sweep()).toEqual([]);
    expect(await sweeper.sweep()).toEqual([]);
    expect(await queue.getJobState('received')).toBe('active');
  });
});

describe('a job its worker received and holds longer than a minute, under a lock longer than that', () => {
  it('is not put back while its lock (the worker\'s lock duration) can still be valid', async () => {
    // STALL_WINDOW_MS (the lock duration) may be up to 10 minutes. A job received but not started
    // (the worker fetching up to its concurrency on a slow network) or ended but not yet recorded
    // keeps its lock that long; put back meanwhile, it would run here and in another worker.
    const queue = new Queue('received-long-lock', { connection: context.redis, prefix: context.prefix });
    const worker = new Worker('received-long-lock', async () => 'done', { connection: context.redis, prefix: context.prefix, autorun: false, lockDuration: 120_000 });
    const sweeper = startOrphanedPickupSweeper({ worker, queue, connection: context.redis, checkEveryMs: 3_600_000, logger: context.logger });
    cleanups.push(async () => {
      sweeper.stop();
      await worker.close();
      await queue.close();
    });
    await queue.add('job', {}, { jobId: 'received-long' });
    const job = await worker.getNextJob(`${worker.id}:1`);
    expect(job?.id).toBe('received-long');
    // Only this process's clock moves: a minute and more later, the lock (120 s, on Redis) still holds.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      expect(await sweeper.sweep()).toEqual([]);
      expect(await sweeper.sweep()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
    expect(await queue.getJobState('received-long')).toBe('active');
  });
});

describe('the chat worker\'s look for orphaned pickups', () => {
  it('reads on the connection its worker takes jobs on', async () => {
    // What keeps a pickup whose reply is merely slow from being put back: Redis answers one
    // connection in order, so a look that finds the job active and locked is answered after the
    // pickup's reply, which has reached the worker (and is marked received) by the next look. On
    // another connection a reply delayed more than two looks would bring a job put back meanwhile:
    // it would run here and in another worker.
    const config = context.config({ CHAT_QUEUE_NAME: 'orphaned-pickups-connection', WORKER_CONCURRENCY: '1' });
    const pipeline: ChatPipeline = { run: async ({ jobId, data }) => buildTestChatResult(jobId, data, 'ok') };
    const handle = startChatWorker({ config, pipeline, logger: context.logger, connection: context.redis });
    cleanups.push(() => handle.close());
    // BullMQ wraps the client it is given (a proxy): the same connection answers with the same id.
    const pickupClient = (await handle.worker.getBackend().client) as unknown as typeof context.redis;
    expect(await pickupClient.client('ID')).toBe(await context.redis.client('ID'));
  });
});
