import type { Logger } from '../logging/logger.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { handoverJobId, queueWaitingNotice, type HandoverNotifyJobData, type HandoverQueue } from './handover-queue.ts';
import type { HandoverStore, PendingHandoverWebhookEvent } from './handover-store.ts';

/**
 * The hand-over's webhook events survive a Redis that refuses the queue's add. Each event is stored
 * with the change it tells (migration 0023: handover_transition and handover_hold_visitor_message
 * write it in the same transaction); the desk queues it at once and marks it queued; this sweep, in
 * every worker process, queues the events still unmarked after `settledSeconds` (the desk's add
 * failed, or its mark did). Both add the job under the event's id (`handoverJobId('notify', key)`),
 * so an event is queued once while its job is kept (COMPLETED_JOB_RETENTION_SECONDS); a receiver
 * deduplicates on `X-Lac-Event-Id` past that. An escalation's row also stands for its "nobody joined
 * yet" notice (due HANDOVER_OPERATOR_WAIT_SECONDS after the wait began, webhook or not): the sweep
 * schedules it too, under its own id (stored once by its key). Events older than `keepSeconds` are
 * forgotten.
 */

/** Between two sweeps. */
export const HANDOVER_OUTBOX_SWEEP_INTERVAL_MS = 10_000;
/** An event younger than this is left to the desk that stored it (its add and mark are under way). */
export const HANDOVER_OUTBOX_SETTLED_SECONDS = 10;
/** Older events are no longer sent, and forgotten. */
export const HANDOVER_OUTBOX_KEEP_SECONDS = 24 * 3600;
/** Events queued per store read. */
const SWEEP_BATCH = 100;

/** The `notify` job of one event: its id derives from the event's key, whoever queues it. */
export function handoverNotifyJobData(event: Omit<PendingHandoverWebhookEvent, 'message'> & { message: Record<string, unknown> | null }): HandoverNotifyJobData {
  const { conversation } = event;
  return {
    event_id: handoverJobId('notify', event.eventKey),
    type: event.type,
    occurred_at: event.occurredAt,
    conversation: {
      id: conversation.conversationId,
      state: conversation.state,
      version: conversation.version,
      operator_name: conversation.operatorName,
      waiting_since: conversation.waitingSince,
    },
    ...(event.message ? { message: event.message } : {}),
  };
}

export interface HandoverWebhookOutboxSweep {
  /** One sweep now: answers how many events it queued. */
  sweepOnce(): Promise<number>;
  /** Stops the timer and waits for a sweep under way. */
  close(): Promise<void>;
}

export function startHandoverWebhookOutboxSweep(options: {
  store: HandoverStore;
  queue: HandoverQueue;
  /** Without ESCALATION_WEBHOOK_URL no webhook event is queued (an escalation's notice still is). */
  webhookConfigured: boolean;
  /** HANDOVER_OPERATOR_WAIT_SECONDS: an escalation's notice is due this long after the wait began. */
  operatorWaitSeconds: number;
  now?: () => Date;
  logger: Logger;
  intervalMs?: number;
  settledSeconds?: number;
  keepSeconds?: number;
}): HandoverWebhookOutboxSweep {
  const { store, queue } = options;
  const logger = options.logger.child({ component: 'handover-webhook-outbox' });
  const faults = new DependencyFaultLog(logger, { component: 'handover-webhook-outbox' });
  const settledSeconds = options.settledSeconds ?? HANDOVER_OUTBOX_SETTLED_SECONDS;
  const keepSeconds = options.keepSeconds ?? HANDOVER_OUTBOX_KEEP_SECONDS;

  async function queuePending(): Promise<number> {
    let queued = 0;
    for (;;) {
      const events = await store.pendingWebhookEvents({ settledSeconds, keepSeconds, limit: SWEEP_BATCH });
      for (const event of events) {
        if (event.type === 'conversation.waiting_human') {
          const waitBegan = Date.parse(event.conversation.waitingSince ?? event.occurredAt);
          const dueInMs = waitBegan + options.operatorWaitSeconds * 1000 - (options.now?.() ?? new Date()).getTime();
          await queueWaitingNotice(queue, event.conversation.conversationId, event.conversation.version, dueInMs);
        }
        if (!options.webhookConfigured) continue;
        const data = handoverNotifyJobData(event);
        await queue.add('notify', data, { jobId: data.event_id });
      }
      await store.markWebhookEventsQueued(events.map((event) => event.eventKey));
      queued += events.length;
      if (events.length < SWEEP_BATCH) return queued;
    }
  }

  async function sweep(): Promise<number> {
    try {
      const pruned = await store.pruneWebhookEvents(keepSeconds);
      if (pruned > 0) logger.info({ pruned, keepSeconds }, 'old hand-over webhook events forgotten');
      const queued = await queuePending();
      if (queued > 0) logger.info({ queued }, 'hand-over events the desk could not queue (webhook events, waiting notices) are queued now');
      faults.recovery('hand-over webhook events swept again');
      return queued;
    } catch (error) {
      // Redis or the database away: the events stay in the outbox for the next sweep.
      faults.failure(error, 'hand-over webhook events not swept');
      return 0;
    }
  }

  let running: Promise<number> | undefined;
  const sweepOnce = (): Promise<number> => (running ??= sweep().finally(() => (running = undefined)));
  const timer = setInterval(() => void sweepOnce(), options.intervalMs ?? HANDOVER_OUTBOX_SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    sweepOnce,
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
