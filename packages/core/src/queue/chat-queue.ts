import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { ChatResult } from '../contract/chat-schemas.ts';
import type { ChatJobData } from '../jobs/job-catalog.ts';
import { JITTER_BACKOFF_TYPE } from './backoff-strategy.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';

/** The job name of chat jobs (the key of the job catalog). */
export const CHAT_JOB_NAME = 'chat' as const;

export type ChatQueue = Queue<ChatJobData, ChatResult, typeof CHAT_JOB_NAME>;

export type ChatQueueConfig = Pick<
  AppConfig,
  | 'CHAT_QUEUE_NAME'
  | 'QUEUE_PREFIX'
  | 'JOB_ATTEMPTS'
  | 'COMPLETED_JOB_RETENTION_SECONDS'
  | 'FAILED_JOB_RETENTION_SECONDS'
>;

/**
 * The chat queue (producer side and reads). Retries use our 'jitter' backoff type, computed by the
 * worker's backoffStrategy (see backoff-strategy.ts). `connection` is shared, not owned: closing the
 * queue does not close it.
 */
export function createChatQueue(options: { connection: RedisClient; config: ChatQueueConfig }): ChatQueue {
  const { connection, config } = options;
  const queue = new Queue<ChatJobData, ChatResult, typeof CHAT_JOB_NAME>(config.CHAT_QUEUE_NAME, {
    connection,
    prefix: config.QUEUE_PREFIX,
    defaultJobOptions: {
      attempts: config.JOB_ATTEMPTS,
      backoff: { type: JITTER_BACKOFF_TYPE },
      // By age here; by count in the retention sweep (retention-sweep.ts): a count here costs every
      // completion about three more Redis commands (BullMQ trims the set in its finishing script).
      removeOnComplete: { age: config.COMPLETED_JOB_RETENTION_SECONDS },
      removeOnFail: { age: config.FAILED_JOB_RETENTION_SECONDS },
    },
  });
  logQueueErrorsQuietly(queue, undefined, { queue: config.CHAT_QUEUE_NAME });
  return queue;
}
