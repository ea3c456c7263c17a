import type { Logger } from '../logging/logger.ts';
import type { ChatQueue } from './chat-queue.ts';

/**
 * Moves a delayed job to waiting now (the conversation's new head). A job that is not delayed
 * (already waiting, active, gone) is left alone: promoting is only ever an acceleration, the job's
 * backstop delay brings it anyway.
 */
export async function promoteIfDelayed(queue: ChatQueue, jobId: string, logger: Logger): Promise<boolean> {
  try {
    const job = await queue.getJob(jobId);
    if (!job) return false;
    await job.promote();
    return true;
  } catch (error) {
    logger.debug({ jobId, err: error instanceof Error ? error.message : String(error) }, 'promote skipped');
    return false;
  }
}
