import type { RedisClient } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import type { OpenedStores } from '../composition/open-stores.ts';
import { supabaseFunctionCaller, pgFunctionCaller, SqlFunctionHandoverStore } from './sql-function-handover-store.ts';
import { ConversationEventPublisher } from './conversation-event-publisher.ts';
import { HandoverDesk } from './handover-desk.ts';
import { createHandoverQueue, type HandoverQueue } from './handover-queue.ts';
import type { HandoverStore } from './handover-store.ts';

/**
 * The hand-over of a service process (API or worker): its store for the process's database
 * (pg pool or Supabase REST), the event publisher and the `handover` queue on `connection`.
 */
export function openHandover(options: {
  config: AppConfig;
  stores: Pick<OpenedStores, 'pool' | 'supabaseClient'>;
  connection: RedisClient;
  logger: Logger;
}): { desk: HandoverDesk; store: HandoverStore; queue: HandoverQueue; close(): Promise<void> } {
  const { config, stores, connection, logger } = options;
  const caller = stores.pool
    ? pgFunctionCaller(stores.pool)
    : stores.supabaseClient
      ? supabaseFunctionCaller(stores.supabaseClient)
      : undefined;
  if (!caller) throw new Error('openHandover: the stores have neither a pg pool nor a Supabase client');
  const store = new SqlFunctionHandoverStore(caller);
  const queue = createHandoverQueue({ connection, config });
  const desk = new HandoverDesk({
    store,
    events: new ConversationEventPublisher(connection, new RedisKeys(config.QUEUE_PREFIX)),
    queue,
    webhookConfigured: Boolean(config.ESCALATION_WEBHOOK_URL),
    operatorWaitSeconds: config.HANDOVER_OPERATOR_WAIT_SECONDS,
    logger,
  });
  return { desk, store, queue, close: () => queue.close() };
}
