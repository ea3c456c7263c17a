import { logWorkerErrorsQuietly } from '../logging/queue-error-events.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { putBackOnInfrastructureFault, type InfrastructurePutBackConfig } from '../jobs/infrastructure-put-back.ts';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { EscalationDeliveryFailedError, EscalationNotFoundError } from './escalation-errors.ts';
import {
  ESCALATION_DELIVERY_JOB_NAME,
  ESCALATION_QUEUE_NAME,
  escalationDeliveryJobDataSchema,
  type EscalationDeliveryJobData,
  type EscalationDeliveryJobResult,
} from './escalation-queue.ts';
import { escalationViewOf, type Escalation } from './escalation-record.ts';
import { postSignedWebhook, webhookHandBackMs } from './signed-webhook-request.ts';
import type { EscalationStore } from './escalation-store.ts';
import { quitOrDisconnect } from '../redis/quit-or-disconnect.ts';
import { drainWorker, WorkerShuttingDownError } from '../jobs/drain-worker.ts';
import { handJobBackAtShutdown, isWorkerShutdown, unlessShutDown } from '../jobs/job-shutdown.ts';

/**
 * The consumer of the `escalations` queue: POSTs each open case to ESCALATION_WEBHOOK_URL as JSON,
 * signed with ESCALATION_WEBHOOK_SECRET (X-Lac-Signature, see escalation-signature.ts). A 2xx answer
 * marks the case `delivered`; anything else (non-2xx, timeout, connection error) counts a failed
 * attempt on the case and throws, so BullMQ retries with backoff. A case no longer open is skipped
 * (a duplicate dispatch after it was delivered or closed). Receivers deduplicate on
 * `X-Lac-Escalation-Id`: a crash between the 2xx and the status update delivers the case again.
 * At shutdown (job-shutdown.ts) a job stopped before its request is handed back unsent; a request
 * already sent is waited for and recorded (docs/escalation.md, "Shutdown").
 */

export type EscalationDeliveryConfig = Pick<
  AppConfig,
  'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'QUEUE_PREFIX' | 'SHUTDOWN_GRACE_MS' | 'ESCALATION_WEBHOOK_URL' | 'ESCALATION_WEBHOOK_SECRET' | 'ESCALATION_WEBHOOK_TIMEOUT_MS' | 'SHUTDOWN_CLOSE_MARGIN_MS'
> &
  InfrastructurePutBackConfig;

export interface EscalationWebhookBody {
  type: 'escalation.created';
  delivery: { attempt: number; sent_at: string };
  escalation: ReturnType<typeof escalationViewOf>;
}

export const ESCALATION_DELIVERY_CONCURRENCY = 4;

export interface EscalationDeliveryWorkerHandle {
  worker: Worker<EscalationDeliveryJobData, EscalationDeliveryJobResult, typeof ESCALATION_DELIVERY_JOB_NAME>;
  close(): Promise<void>;
}

/** One HTTP delivery of a case; resolves with the status on 2xx, throws EscalationDeliveryFailedError otherwise. */
export async function postEscalationToWebhook(options: {
  escalation: Escalation;
  attempt: number;
  url: string;
  secret: string | undefined;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  now?: () => Date;
}): Promise<number> {
  const sentAt = (options.now ?? (() => new Date()))();
  const body: EscalationWebhookBody = {
    type: 'escalation.created',
    delivery: { attempt: options.attempt, sent_at: sentAt.toISOString() },
    escalation: escalationViewOf(options.escalation),
  };
  const outcome = await postSignedWebhook({
    url: options.url,
    secret: options.secret,
    timeoutMs: options.timeoutMs,
    body: JSON.stringify(body),
    headers: {
      'user-agent': 'lac-chat-backend/escalations',
      'x-lac-escalation-id': options.escalation.id,
      'x-lac-delivery-attempt': String(options.attempt),
    },
    sentAt,
    fetchImpl: options.fetchImpl,
  });
  if (outcome.delivered) return outcome.httpStatus;
  throw new EscalationDeliveryFailedError({
    escalationId: options.escalation.id,
    attempt: options.attempt,
    ...(outcome.httpStatus === null ? {} : { httpStatus: outcome.httpStatus }),
    message: outcome.reason,
    cause: outcome.cause,
  });
}

export function startEscalationDeliveryWorker(options: {
  config: EscalationDeliveryConfig;
  store: EscalationStore;
  logger: Logger;
  /** A connection made with `forBullWorker: true`; not closed by close(). One is created otherwise. */
  connection?: Redis;
  fetchImpl?: typeof fetch;
}): EscalationDeliveryWorkerHandle {
  const { config, store } = options;
  const logger = options.logger.child({ component: 'escalation-delivery' });
  const url = config.ESCALATION_WEBHOOK_URL;
  if (!url) throw new Error('startEscalationDeliveryWorker needs ESCALATION_WEBHOOK_URL');
  if (!config.ESCALATION_WEBHOOK_SECRET) {
    logger.warn('ESCALATION_WEBHOOK_SECRET is not set: escalation webhooks are sent unsigned');
  }
  const ownsConnection = options.connection === undefined;
  const connection =
    options.connection ?? createRedisConnection(config, { connectionName: 'lac:escalations', forBullWorker: true, logger });
  const infrastructureFaults = new DependencyFaultLog(logger, { component: 'escalation-delivery', fault: 'infrastructure' });
  // Aborted by drainWorker when SHUTDOWN_GRACE_MS has passed: the jobs not yet at their request hand themselves back.
  const shutdown = new AbortController();

  async function deliverOnce(escalationId: string, attempt: number, attempts: number): Promise<EscalationDeliveryJobResult> {
    const escalation = await unlessShutDown(store.findById(escalationId), shutdown.signal);
    if (!escalation) throw new UnrecoverableError(new EscalationNotFoundError(escalationId).message);
    if (escalation.status !== 'open') return { outcome: 'skipped', status: escalation.status };
    // The last point the shutdown stops a delivery. The request itself gets no abort signal: cutting it
    // cannot take back what the receiver already read, and a request answered within the hand-back
    // time is recorded instead of sent again (docs/escalation.md, "Shutdown").
    shutdown.signal.throwIfAborted();
    let httpStatus: number;
    try {
      httpStatus = await postEscalationToWebhook({
        escalation,
        attempt,
        url: url!,
        secret: config.ESCALATION_WEBHOOK_SECRET,
        timeoutMs: config.ESCALATION_WEBHOOK_TIMEOUT_MS,
        fetchImpl: options.fetchImpl,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store
        .recordDeliveryAttempt(escalationId, { delivered: false, error: message })
        .catch((storeError: unknown) => logger.warn({ escalationId, err: String(storeError) }, 'could not record the failed delivery attempt'));
      if (attempt >= attempts) logger.error({ escalationId, attempt, err: message }, 'escalation delivery gave up: the case stays open');
      else logger.warn({ escalationId, attempt, err: message }, 'escalation delivery failed: will retry');
      throw error;
    }
    // A database fault here puts the job back (below): the case is delivered again, receivers deduplicate.
    const updated = await store.recordDeliveryAttempt(escalationId, { delivered: true });
    logger.info({ escalationId, attempt, httpStatus }, 'escalation delivered to the webhook');
    return { outcome: 'delivered', http_status: httpStatus, status: updated?.status ?? 'delivered' };
  }

  let delivering = 0;
  async function deliver(job: Job<EscalationDeliveryJobData, EscalationDeliveryJobResult, typeof ESCALATION_DELIVERY_JOB_NAME>, token?: string) {
    delivering += 1;
    try {
      return await deliverJob(job, token);
    } finally {
      delivering -= 1;
    }
  }

  async function deliverJob(job: Job<EscalationDeliveryJobData, EscalationDeliveryJobResult, typeof ESCALATION_DELIVERY_JOB_NAME>, token?: string) {
    const parsed = escalationDeliveryJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('escalation delivery job data is malformed');
    const escalationId = parsed.data.escalation_id;
    try {
      return await deliverOnce(escalationId, job.attemptsMade + 1, job.opts.attempts ?? 1);
    } catch (error) {
      if (isWorkerShutdown(error)) {
        logger.warn({ escalationId }, 'handing the escalation delivery back unsent: worker shutting down');
        return handJobBackAtShutdown(job, token);
      }
      // The database or Redis is away (reading the case, recording the delivery): no attempt used.
      const infrastructure = await putBackOnInfrastructureFault({ job, token, error, config, faults: infrastructureFaults, message: 'escalation deliveries put back: infrastructure unavailable' });
      if (infrastructure.kind === 'outage-too-long') {
        logger.error({ escalationId, dependency: infrastructure.fault.dependency, outageMs: infrastructure.outageMs }, 'escalation delivery gave up: outage longer than the tolerance, the case stays open');
        throw new UnrecoverableError(`${infrastructure.fault.dependency} unavailable for ${Math.round(infrastructure.outageMs / 1000)} s: ${infrastructure.fault.reason}`);
      }
      throw error;
    }
  }

  const worker = new Worker<EscalationDeliveryJobData, EscalationDeliveryJobResult, typeof ESCALATION_DELIVERY_JOB_NAME>(
    ESCALATION_QUEUE_NAME,
    deliver,
    { connection, prefix: config.QUEUE_PREFIX, concurrency: ESCALATION_DELIVERY_CONCURRENCY },
  );
  logWorkerErrorsQuietly(worker, logger, { component: 'escalation-worker' });
  worker.on('completed', () => infrastructureFaults.recovery('escalation deliveries run again: infrastructure back'));

  let closing: Promise<void> | undefined;
  return {
    worker,
    close: () =>
      (closing ??= (async () => {
        // Not a bare worker.close(): with Redis stopped it never ended, and the worker process's
        // shutdown waited for it until its exit deadline (drain-worker.ts).
        await drainWorker({ worker, graceMs: config.SHUTDOWN_GRACE_MS, shutdown, reason: new WorkerShuttingDownError(), logger, activeJobs: () => delivering, handBackMs: webhookHandBackMs(config) });
        if (ownsConnection) await quitOrDisconnect(connection);
      })()),
  };
}
