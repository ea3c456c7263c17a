import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';
import type { AppConfig } from '../config/config.ts';
import { parseJobData, type IngestJobData } from '../jobs/job-catalog.ts';
import type { IngestFileResult } from './ingest-service.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';

/**
 * The `ingest` queue: one job per knowledge-base file (data: the job catalog's `ingest` entry),
 * under the stack's QUEUE_PREFIX so bull-board and every worker find it next to `chat`. Jobs
 * report their progress as a number from 0 to 100 (bull-board draws it) and log their stages.
 * A bad file fails its job at once with a message naming the file; a transient failure (database,
 * embedding provider) is retried with exponential backoff.
 */

export const INGEST_QUEUE_NAME = 'ingest';
/** The job name of ingestion jobs (the key of the job catalog). */
export const INGEST_JOB_NAME = 'ingest' as const;
export const INGEST_JOB_ATTEMPTS = 3;
export const INGEST_BACKOFF_DELAY_MS = 2_000;

/** What a completed ingestion job returns (a failed one carries the error in its failedReason). */
export type IngestJobResult = IngestFileResult;
export type IngestQueue = Queue<IngestJobData, IngestJobResult, typeof INGEST_JOB_NAME>;
export type IngestJob = Job<IngestJobData, IngestJobResult, typeof INGEST_JOB_NAME>;
export type IngestQueueConfig = Pick<AppConfig, 'QUEUE_PREFIX' | 'COMPLETED_JOB_RETENTION_SECONDS' | 'FAILED_JOB_RETENTION_SECONDS'>;

/** `connection` is shared, not owned: closing the queue does not close it. */
export function createIngestQueue(options: { connection: Redis; config: IngestQueueConfig; queueName?: string }): IngestQueue {
  const { connection, config } = options;
  const queue = new Queue<IngestJobData, IngestJobResult, typeof INGEST_JOB_NAME>(options.queueName ?? INGEST_QUEUE_NAME, {
    connection,
    prefix: config.QUEUE_PREFIX,
    defaultJobOptions: {
      attempts: INGEST_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: INGEST_BACKOFF_DELAY_MS },
      removeOnComplete: { age: config.COMPLETED_JOB_RETENTION_SECONDS },
      removeOnFail: { age: config.FAILED_JOB_RETENTION_SECONDS },
    },
  });
  logQueueErrorsQuietly(queue, undefined, { queue: options.queueName ?? INGEST_QUEUE_NAME });
  return queue;
}

export interface IngestFileRequest {
  /** Absolute path, as the workers see it. */
  path: string;
  sourceKey: string;
}

/** Adds one job per file (in one round trip), data validated by the job catalog; jobs in the files' order. */
export async function enqueueIngestFiles(
  queue: IngestQueue,
  files: readonly IngestFileRequest[],
  options: { force?: boolean; batchId?: string; embeddingModel?: string } = {},
): Promise<IngestJob[]> {
  const batchId = options.batchId ?? randomUUID();
  const requestedAt = new Date().toISOString();
  const jobs = files.map((file) => ({
    name: INGEST_JOB_NAME,
    data: parseJobData(INGEST_JOB_NAME, {
      path: file.path,
      source_key: file.sourceKey,
      force: options.force ?? false,
      batch_id: batchId,
      ...(options.embeddingModel === undefined ? {} : { embedding_model: options.embeddingModel }),
      requested_at: requestedAt,
    }),
  }));
  if (jobs.length === 0) return [];
  return queue.addBulk(jobs);
}

export interface IngestQueueEventsHandle {
  events: QueueEvents;
  close(): Promise<void>;
}

/** QueueEvents of the ingest queue on a connection of its own (it blocks on the event stream). */
export function createIngestQueueEvents(options: {
  config: Pick<AppConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'QUEUE_PREFIX'>;
  logger: Logger;
  queueName?: string;
}): IngestQueueEventsHandle {
  const connection = createRedisConnection(options.config, { connectionName: 'lac:ingest-events', forBullWorker: true, logger: options.logger });
  const events = new QueueEvents(options.queueName ?? INGEST_QUEUE_NAME, { connection, prefix: options.config.QUEUE_PREFIX });
  logQueueErrorsQuietly(events, options.logger, { component: 'ingest-queue-events' });
  return {
    events,
    async close() {
      await events.close().catch(() => undefined);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
