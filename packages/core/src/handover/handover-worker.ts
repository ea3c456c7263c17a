import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import { postSignedWebhook, webhookHandBackMs } from '../escalation/signed-webhook-request.ts';
import type { Logger } from '../logging/logger.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { logWorkerErrorsQuietly } from '../logging/queue-error-events.ts';
import { drainWorker, WorkerShuttingDownError } from '../jobs/drain-worker.ts';
import { handJobBackAtShutdown, isWorkerShutdown } from '../jobs/job-shutdown.ts';
import { putBackOnInfrastructureFault, type InfrastructurePutBackConfig } from '../jobs/infrastructure-put-back.ts';
import type { HandoverDesk } from './handover-desk.ts';
import {
  HANDOVER_QUEUE_NAME,
  handoverJobCatalog,
  type HandoverJobData,
  type HandoverJobName,
  type HandoverNotifyJobData,
} from './handover-queue.ts';
import { waitingNoticeText, type SupportHours } from './support-hours.ts';
import type { ErasedConversations } from '../privacy/erased-conversations.ts';

/**
 * The consumer of the `handover` queue (see handover-queue.ts), in every worker process:
 * webhook events (signed like the escalations: X-Lac-Signature over "<t>.<raw body>"; a non-2xx
 * answer, a timeout or a connection error throws, BullMQ retries with backoff), and the delayed
 * "nobody joined yet" notice (stored and streamed only if the conversation still waits at the same
 * version, once per version). At shutdown (job-shutdown.ts) a job stopped before its POST or its
 * notice is handed back without doing it; one already posting or storing ends and is recorded.
 */

export type HandoverWorkerConfig = Pick<
  AppConfig,
  'QUEUE_PREFIX' | 'SHUTDOWN_GRACE_MS' | 'ESCALATION_WEBHOOK_URL' | 'ESCALATION_WEBHOOK_SECRET' | 'ESCALATION_WEBHOOK_TIMEOUT_MS' | 'SHUTDOWN_CLOSE_MARGIN_MS'
> &
  InfrastructurePutBackConfig;

export class HandoverWebhookFailedError extends Error {
  constructor(
    readonly eventId: string,
    readonly httpStatus: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'HandoverWebhookFailedError';
  }
}

/** One signed POST of a conversation event; resolves with the HTTP status on 2xx. */
export async function postHandoverEvent(options: {
  data: HandoverNotifyJobData;
  attempt: number;
  url: string;
  secret: string | undefined;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  now?: Date;
}): Promise<number> {
  const sentAt = options.now ?? new Date();
  const { data } = options;
  const body = JSON.stringify({
    type: data.type,
    event_id: data.event_id,
    occurred_at: data.occurred_at,
    delivery: { attempt: options.attempt, sent_at: sentAt.toISOString() },
    conversation: data.conversation,
    ...(data.message ? { message: data.message } : {}),
  });
  const outcome = await postSignedWebhook({
    url: options.url,
    secret: options.secret,
    timeoutMs: options.timeoutMs,
    body,
    headers: {
      'user-agent': 'lac-chat-backend/handover',
      'x-lac-event-id': data.event_id,
      'x-lac-event-type': data.type,
      'x-lac-delivery-attempt': String(options.attempt),
    },
    sentAt,
    fetchImpl: options.fetchImpl,
  });
  if (outcome.delivered) return outcome.httpStatus;
  throw new HandoverWebhookFailedError(data.event_id, outcome.httpStatus, outcome.reason);
}

export interface HandoverWorkerHandle {
  worker: Worker<HandoverJobData, unknown, HandoverJobName>;
  close(): Promise<void>;
}

export function startHandoverWorker(options: {
  config: HandoverWorkerConfig;
  desk: HandoverDesk;
  supportHours: SupportHours;
  /** A connection made with `forBullWorker: true`; not closed by close(). */
  connection: RedisClient;
  logger: Logger;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  /**
   * Erasure markers (privacy/erased-conversations.ts): an event of an erased conversation is not sent,
   * whoever queued it and when (a desk or outbox sweep that read it just before the erasure).
   */
  erased?: Pick<ErasedConversations, 'isErased'>;
}): HandoverWorkerHandle {
  const { config, desk } = options;
  const logger = options.logger.child({ component: 'handover-worker' });
  const now = options.now ?? (() => new Date());
  const infrastructureFaults = new DependencyFaultLog(logger, { component: 'handover-worker', fault: 'infrastructure' });
  // Aborted by drainWorker when SHUTDOWN_GRACE_MS has passed: the jobs not yet at their side effect hand themselves back.
  const shutdown = new AbortController();

  async function processOnce(job: Job<HandoverJobData, unknown, HandoverJobName>): Promise<unknown> {
    const schema = handoverJobCatalog[job.name];
    const parsed = schema?.safeParse(job.data);
    if (!parsed?.success) throw new UnrecoverableError(`handover job ${job.name} has malformed data`);
    if (job.name === 'notify') {
      const data = parsed.data as HandoverNotifyJobData;
      if (!config.ESCALATION_WEBHOOK_URL) return { outcome: 'skipped', reason: 'no webhook url' };
      const conversationId = (data.conversation as { id?: unknown }).id;
      if (options.erased && typeof conversationId === 'string' && (await options.erased.isErased(conversationId))) {
        logger.info({ eventId: data.event_id, type: data.type }, 'conversation event not sent: its conversation was erased');
        return { outcome: 'skipped', reason: 'conversation erased' };
      }
      const attempt = job.attemptsMade + 1;
      // The last point the shutdown stops this event; the request itself is not aborted (docs/escalation.md, "Shutdown").
      shutdown.signal.throwIfAborted();
      try {
        const status = await postHandoverEvent({
          data,
          attempt,
          url: config.ESCALATION_WEBHOOK_URL,
          secret: config.ESCALATION_WEBHOOK_SECRET,
          timeoutMs: config.ESCALATION_WEBHOOK_TIMEOUT_MS,
          fetchImpl: options.fetchImpl,
        });
        logger.info({ eventId: data.event_id, type: data.type, attempt, httpStatus: status }, 'conversation event delivered to the webhook');
        return { outcome: 'delivered', http_status: status };
      } catch (error) {
        const finalAttempt = attempt >= (job.opts.attempts ?? 1);
        logger[finalAttempt ? 'error' : 'warn']({ eventId: data.event_id, type: data.type, attempt, err: String(error) }, 'conversation event delivery failed');
        throw error;
      }
    }
    const { conversation_id: conversationId, version } = parsed.data as { conversation_id: string; version: number };
    const text = waitingNoticeText(options.supportHours, now());
    // Once stored, the notice is announced whatever happens: a re-run finds it stored and stays silent.
    shutdown.signal.throwIfAborted();
    const stored = await desk.store.addSystemNotice({
      conversationId,
      state: 'waiting_human',
      version,
      key: `handover-notice|${conversationId}|${version}`,
      text,
    });
    if (!stored) return { outcome: 'skipped', reason: 'no longer waiting' };
    await desk.announceMessage({
      id: stored.id,
      conversation_id: conversationId,
      role: 'assistant',
      content: text,
      agent: 'escalate',
      job_id: `handover-notice|${conversationId}|${version}`,
      created_at: stored.createdAt,
      author: 'system',
    });
    logger.info({ conversationId, version }, 'nobody joined in time: the visitor was told when to expect an answer');
    return { outcome: 'notice_sent' };
  }

  let running = 0;
  async function process(job: Job<HandoverJobData, unknown, HandoverJobName>, token?: string): Promise<unknown> {
    running += 1;
    try {
      return await processOnce(job);
    } catch (error) {
      if (isWorkerShutdown(error)) {
        logger.warn({ jobId: job.id, job: job.name }, 'handing the hand-over job back undone: worker shutting down');
        return await handJobBackAtShutdown(job, token);
      }
      // The database or Redis is away (storing the notice, announcing it): no attempt used.
      const infrastructure = await putBackOnInfrastructureFault({ job, token, error, config, faults: infrastructureFaults, message: 'hand-over jobs put back: infrastructure unavailable' });
      if (infrastructure.kind === 'outage-too-long') {
        logger.error({ jobId: job.id, job: job.name, dependency: infrastructure.fault.dependency, outageMs: infrastructure.outageMs }, 'hand-over job gave up: outage longer than the tolerance');
        throw new UnrecoverableError(`${infrastructure.fault.dependency} unavailable for ${Math.round(infrastructure.outageMs / 1000)} s: ${infrastructure.fault.reason}`);
      }
      throw error;
    } finally {
      running -= 1;
    }
  }

  const worker = new Worker<HandoverJobData, unknown, HandoverJobName>(HANDOVER_QUEUE_NAME, process, {
    connection: options.connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: 4,
  });
  logWorkerErrorsQuietly(worker, logger, { component: 'handover-worker' });
  worker.on('completed', () => infrastructureFaults.recovery('hand-over jobs run again: infrastructure back'));
  let closing: Promise<void> | undefined;
  // Not a bare worker.close(): with Redis stopped it never ended (drain-worker.ts).
  const drain = () => drainWorker({ worker, graceMs: config.SHUTDOWN_GRACE_MS, shutdown, reason: new WorkerShuttingDownError(), logger, activeJobs: () => running, handBackMs: webhookHandBackMs(config) });
  return { worker, close: () => (closing ??= drain()) };
}
