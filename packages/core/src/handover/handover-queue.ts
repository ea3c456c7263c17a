import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/redis-connection.ts';
import { z } from 'zod';
import { webhookDeliveryJobOptions } from '../escalation/signed-webhook-request.ts';
import type { AppConfig } from '../config/config.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';
import { infrastructureFaultMarksShape } from '../jobs/infrastructure-fault-marks.ts';

/**
 * The `handover` queue (same QUEUE_PREFIX as the chat queue), consumed by every worker process:
 *
 * - `notify`: one signed webhook request of a conversation event (`conversation.waiting_human`,
 *   `conversation.visitor_message`, `conversation.handed_back`, `conversation.handover_cancelled`) to ESCALATION_WEBHOOK_URL, with
 *   the escalations' signature and retries (ESCALATION_DELIVERY_ATTEMPTS, exponential backoff);
 * - `waiting-notice`: delayed by HANDOVER_OPERATOR_WAIT_SECONDS after an escalation; when the
 *   conversation still waits at the same version, the visitor is told when to expect an answer.
 *
 * Job ids derive from the event (a re-run of the chat job that caused it adds nothing).
 */
export const HANDOVER_QUEUE_NAME = 'handover';

export const handoverWebhookEventTypeSchema = z.enum(['conversation.waiting_human', 'conversation.visitor_message', 'conversation.handed_back', 'conversation.handover_cancelled']);
export type HandoverWebhookEventType = z.infer<typeof handoverWebhookEventTypeSchema>;

export const handoverNotifyJobDataSchema = z.strictObject({
  event_id: z.string().min(1).max(200),
  type: handoverWebhookEventTypeSchema,
  occurred_at: z.iso.datetime({ offset: true }),
  conversation: z.record(z.string(), z.unknown()),
  message: z.record(z.string(), z.unknown()).optional(),
  ...infrastructureFaultMarksShape,
});
export type HandoverNotifyJobData = z.infer<typeof handoverNotifyJobDataSchema>;

export const handoverWaitingNoticeJobDataSchema = z.strictObject({
  conversation_id: z.string().min(1).max(128),
  version: z.number().int().nonnegative(),
  ...infrastructureFaultMarksShape,
});
export type HandoverWaitingNoticeJobData = z.infer<typeof handoverWaitingNoticeJobDataSchema>;

export const handoverJobCatalog = {
  notify: handoverNotifyJobDataSchema,
  'waiting-notice': handoverWaitingNoticeJobDataSchema,
} as const;
export type HandoverJobName = keyof typeof handoverJobCatalog;
export type HandoverJobData = HandoverNotifyJobData | HandoverWaitingNoticeJobData;

export type HandoverQueue = Queue<HandoverJobData, unknown, HandoverJobName>;

export type HandoverQueueConfig = Pick<
  AppConfig,
  'QUEUE_PREFIX' | 'ESCALATION_DELIVERY_ATTEMPTS' | 'ESCALATION_DELIVERY_BACKOFF_MS' | 'COMPLETED_JOB_RETENTION_SECONDS' | 'FAILED_JOB_RETENTION_SECONDS'
>;

/** A BullMQ-safe job id (no `:`) derived from a key. */
export const handoverJobId = (kind: HandoverJobName, key: string): string =>
  `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

/** The producer side (API and worker). `connection` is shared, not owned. */
export function createHandoverQueue(options: { connection: RedisClient; config: HandoverQueueConfig }): HandoverQueue {
  const { connection, config } = options;
  const queue = new Queue<HandoverJobData, unknown, HandoverJobName>(HANDOVER_QUEUE_NAME, {
    connection,
    prefix: config.QUEUE_PREFIX,
    defaultJobOptions: webhookDeliveryJobOptions(config),
  });
  // Without a listener BullMQ prints every error of the connection to the console (a flood while Redis is down).
  logQueueErrorsQuietly(queue, undefined, { queue: HANDOVER_QUEUE_NAME });
  return queue;
}

/**
 * Schedules the "nobody joined yet" notice of a conversation's wait (its escalation's version), due
 * `delayMs` from now. Keyed by the version: the desk and the outbox sweep may both add it, it is
 * queued once while its job is kept, and the notice itself is stored once (addSystemNotice's key).
 */
export async function queueWaitingNotice(queue: HandoverQueue, conversationId: string, version: number, delayMs: number): Promise<void> {
  await queue.add('waiting-notice', { conversation_id: conversationId, version }, { jobId: handoverJobId('waiting-notice', `${conversationId}|${version}`), delay: Math.max(0, delayMs) });
}
