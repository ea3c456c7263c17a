import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatJobData } from '../jobs/job-catalog.ts';
import { trimCompletedJobsToCount } from '../privacy/retention-sweep.ts';
import { CHAT_JOB_NAME, createChatQueue } from './chat-queue.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

/** The chat queue's retention of finished jobs, on real Redis with a real BullMQ worker. */

const context = createRedisTestContext('chat-queue-retention');
const config = context.config({});
const queue = createChatQueue({ connection: context.redis, config });
let worker: Worker | undefined;

afterAll(async () => {
  await worker?.close();
  await queue.close();
  await context.cleanup();
});

describe('completed chat jobs', () => {
  it('are trimmed by the retention sweep to COMPLETED_JOB_RETENTION_COUNT, the oldest removed first, well within their age limit', async () => {
    const jobIds = Array.from({ length: 15 }, (_, index) => `retention-${String(index).padStart(2, '0')}`);
    for (const jobId of jobIds) {
      await queue.add(CHAT_JOB_NAME, { conversation_id: 'conv-retention', user_id: 'u', message: jobId } as unknown as ChatJobData, { jobId });
    }
    let completed = 0;
    const allCompleted = new Promise<void>((resolve) => {
      worker = new Worker(config.CHAT_QUEUE_NAME, async () => ({}), { connection: context.redis.duplicate(), prefix: config.QUEUE_PREFIX, concurrency: 1 });
      worker.on('completed', () => {
        completed += 1;
        if (completed === jobIds.length) resolve();
      });
    });
    await allCompleted;
    // Completing costs no trimming: all are there until the sweep.
    expect(await queue.getCompletedCount()).toBe(15);
    expect(await trimCompletedJobsToCount(queue, 10)).toBe(5);
    expect(await queue.getCompletedCount()).toBe(10);
    // Processed in order (concurrency 1): the five first are gone, the ten last are kept.
    expect(await Promise.all(jobIds.map(async (jobId) => (await queue.getJob(jobId)) !== undefined))).toEqual([...Array<boolean>(5).fill(false), ...Array<boolean>(10).fill(true)]);
    expect(await trimCompletedJobsToCount(queue, 10)).toBe(0);
  });
});
