import { Job } from 'bullmq';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import { CHAT_JOB_NAME, type ChatQueue } from './chat-queue.ts';

/**
 * Moves a delayed job to waiting now (the conversation's new head). A job that is not delayed
 * (already waiting, active, gone) is left alone: promoting is only ever an acceleration, the job's
 * backstop delay brings it anyway. Returns whether it promoted.
 */
export async function promoteIfDelayed(queue: ChatQueue, jobId: string, logger: Logger): Promise<boolean> {
  try {
    // Promoting needs only the id: a bare Job handle skips reading the whole job hash first (one
    // round trip less on the hand-off path). BullMQ's promote script refuses a job that is not delayed.
    const handle = new Job(queue, CHAT_JOB_NAME, {} as never, {}, jobId);
    await handle.promote();
    return true;
  } catch (error) {
    logger.debug({ jobId, err: error instanceof Error ? error.message : String(error) }, 'promote skipped');
    return false;
  }
}

/** Whether BullMQ holds a job with this id (one EXISTS on the job's hash, routed to its slot). */
export async function chatJobExists(redis: RedisClient, queue: ChatQueue, jobId: string): Promise<boolean> {
  return (await redis.exists(queue.toKey(jobId))) === 1;
}

/** Of these job ids, those BullMQ holds no job for (one EXISTS each, sent together). */
export async function jobIdsWithoutJob(redis: RedisClient, queue: ChatQueue, jobIds: readonly string[]): Promise<string[]> {
  const exists = await Promise.all(jobIds.map((jobId) => chatJobExists(redis, queue, jobId)));
  return jobIds.filter((_, index) => !exists[index]);
}
