import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { startEscalationDeliveryWorker, type EscalationDeliveryWorkerHandle } from './escalation-delivery-worker.ts';
import { EscalationDesk } from './escalation-desk.ts';
import { createEscalationQueue, type EscalationQueue } from './escalation-queue.ts';
import type { EscalationStore } from './escalation-store.ts';
import { quitOrDisconnect } from '../redis/quit-or-disconnect.ts';

/**
 * The escalation side of a worker process, in one call: the desk the pipeline uses (store + queue) and,
 * when ESCALATION_WEBHOOK_URL is set, the delivery worker of the `escalations` queue. Open cases never
 * attempted (stored while no URL was set) are dispatched at start. `close()` stops both.
 */
export interface EscalationService {
  desk: EscalationDesk;
  delivery: EscalationDeliveryWorkerHandle | null;
  close(): Promise<void>;
}

export type EscalationServiceConfig = Pick<
  AppConfig,
  | 'REDIS_URL'
  | 'REDIS_CLUSTER_NODES'
  | 'QUEUE_PREFIX'
  | 'SHUTDOWN_GRACE_MS'
  | 'SHUTDOWN_CLOSE_MARGIN_MS'
  | 'ESCALATION_WEBHOOK_URL'
  | 'ESCALATION_WEBHOOK_SECRET'
  | 'ESCALATION_WEBHOOK_TIMEOUT_MS'
  | 'ESCALATION_DELIVERY_ATTEMPTS'
  | 'ESCALATION_DELIVERY_BACKOFF_MS'
  | 'COMPLETED_JOB_RETENTION_SECONDS'
  | 'FAILED_JOB_RETENTION_SECONDS'
  | 'INFRA_OUTAGE_TOLERANCE_SECONDS'
  | 'INFRA_RETRY_MAX_MS'
>;

export async function startEscalationService(options: {
  config: EscalationServiceConfig;
  store: EscalationStore;
  logger: Logger;
  fetchImpl?: typeof fetch;
}): Promise<EscalationService> {
  const { config, store, logger } = options;
  let connection: Redis | undefined;
  let queue: EscalationQueue | null = null;
  let delivery: EscalationDeliveryWorkerHandle | null = null;
  if (config.ESCALATION_WEBHOOK_URL) {
    connection = createRedisConnection(config, { connectionName: 'lac:escalations', forBullWorker: true, logger });
    queue = createEscalationQueue({ connection, config });
    delivery = startEscalationDeliveryWorker({ config, store, logger, connection, fetchImpl: options.fetchImpl });
  }
  const desk = new EscalationDesk({ store, queue, webhookUrl: config.ESCALATION_WEBHOOK_URL, logger });
  if (delivery) {
    await delivery.worker.waitUntilReady();
    const queued = await desk.dispatchPending().catch((error: unknown) => {
      logger.warn({ err: String(error) }, 'could not dispatch pending escalations');
      return 0;
    });
    if (queued > 0) logger.info({ queued }, 'pending escalations dispatched');
  }
  let closing: Promise<void> | undefined;
  return {
    desk,
    delivery,
    close: () =>
      (closing ??= (async () => {
        await delivery?.close();
        await queue?.close();
        if (connection) await quitOrDisconnect(connection);
      })()),
  };
}
