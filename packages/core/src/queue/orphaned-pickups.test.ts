import { afterAll, describe, expect, it } from 'vitest';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { startTcpTestProxy, type ProxiedConnection } from '../testing/tcp-test-proxy.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { startChatWorker } from './chat-worker.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

/**
 * A pickup whose reply the network lost (orphaned-pickups.ts): BullMQ's moveToActive ran on Redis,
 * the connection dropped before its reply reached the worker, and ioredis sent the script again on
 * the new connection, which found nothing more to take. The job sat active and locked, run by
 * nobody, until its lock expired (STALL_WINDOW_MS) and a stall check freed it.
 *
 * The worker reaches Redis through a proxy that, once armed, lets the next pickup script through
 * and drops its reply with the connection. The stall window is 60 s, so a stall check cannot free
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
      if (direction === 'to_server' && armed && isPickup(chunk)) {
        armed = false;
        dropReplyOn.add(connection);
      }
      if (direction === 'to_client' && dropReplyOn.has(connection)) {
        cut += 1;
        connection.client.destroy();
        connection.upstream.destroy();
        return;
      }
      forward();
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
    const handle = startChatWorker({ config, pipeline, logger: context.logger });
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

    armed = true;
    const orphan = await submitAcceptedMessage(submitter, 'conv-orphan', 'orphan');
    await waitUntil(async () => cut, (value) => value === 1, 30_000);
    await waitUntil(() => state(orphan), (value) => value === 'completed', 45_000);
    const [job, firstJob] = [await queue.getJob(orphan), await queue.getJob(warmUp)];
    // Taken once by the processor, as the warm-up was: no attempt and no stall spent on the lost pickup.
    expect({ stalledCounter: job?.stalledCounter, attemptsMade: job?.attemptsMade, runs: runs.get('orphan') }).toEqual({ stalledCounter: 0, attemptsMade: firstJob?.attemptsMade, runs: 1 });
  }, 90_000);
});
