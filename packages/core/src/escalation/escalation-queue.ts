import { Queue } from 'bullmq';
import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import { z } from 'zod';
import { webhookDeliveryJobOptions } from './signed-webhook-request.ts';
import type { AppConfig } from '../config/config.ts';
import { infrastructureFaultMarksShape } from '../jobs/infrastructure-fault-marks.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';

/**
 * The `escalations` queue (same QUEUE_PREFIX as the chat queue): one job per case, id
 * `escalation-<case id>`, so dispatching the same case twice while its job is kept adds nothing.
 * Retries: ESCALATION_DELIVERY_ATTEMPTS with BullMQ's exponential backoff from ESCALATION_DELIVERY_BACKOFF_MS.
 */

export const ESCALATION_QUEUE_NAME = 'escalations';
export const ESCALATION_DELIVERY_JOB_NAME = 'deliver' as const;

export const escalationDeliveryJobDataSchema = z.strictObject({ escalation_id: z.string().min(1).max(64), ...infrastructureFaultMarksShape });
export type EscalationDeliveryJobData = z.infer<typeof escalationDeliveryJobDataSchema>;

export interface EscalationDeliveryJobResult {
  outcome: 'delivered' | 'skipped';
  http_status?: number;
  status: string;
}

export type EscalationQueue = Queue<EscalationDeliveryJobData, EscalationDeliveryJobResult, typeof ESCALATION_DELIVERY_JOB_NAME>;

export type EscalationQueueConfig = Pick<
  AppConfig,
  | 'QUEUE_PREFIX'
  | 'ESCALATION_DELIVERY_ATTEMPTS'
  | 'ESCALATION_DELIVERY_BACKOFF_MS'
  | 'COMPLETED_JOB_RETENTION_SECONDS'
  | 'FAILED_JOB_RETENTION_SECONDS'
>;

export const escalationDeliveryJobId = (escalationId: string) => `escalation-${escalationId}`;

/** The producer side. `connection` is shared, not owned: closing the queue does not close it. */
export function createEscalationQueue(options: { connection: Redis; config: EscalationQueueConfig }): EscalationQueue {
  const { connection, config } = options;
  const queue = new Queue<EscalationDeliveryJobData, EscalationDeliveryJobResult, typeof ESCALATION_DELIVERY_JOB_NAME>(
    ESCALATION_QUEUE_NAME,
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      defaultJobOptions: webhookDeliveryJobOptions(config),
    },
  );
  logQueueErrorsQuietly(queue, undefined, { queue: ESCALATION_QUEUE_NAME });
  return queue;
}
