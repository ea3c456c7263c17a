import {
  ConversationEventHub,
  ConversationOrder,
  ErasedConversations,
  createRedisConnection,
  openHandover,
  RedisKeys,
  type AppConfig,
  type HandoverDesk,
  type HandoverQueue,
  type Logger,
  type OpenedStores,
  type RedisClient,
} from '@lac/core';
import type { ConversationHandoverPort } from './app-dependencies.ts';

/**
 * The API's side of the hand-over: the desk over the process's stores (operator actions, webhook
 * events), ONE conversation-events subscription (its own connection, in subscriber mode), and the
 * conversation order for the pending answers a reloaded widget resumes.
 */
export async function wireHandover(options: {
  config: AppConfig;
  stores: Pick<OpenedStores, 'pool' | 'supabaseClient'>;
  redis: RedisClient;
  logger: Logger;
}): Promise<{ port: ConversationHandoverPort; desk: HandoverDesk; events: ConversationEventHub; queue: HandoverQueue; close(): Promise<void> }> {
  const { config, stores, redis, logger } = options;
  const keys = new RedisKeys(config.QUEUE_PREFIX);
  const handover = openHandover({ config, stores, connection: redis, logger });
  const events = new ConversationEventHub({
    subscriber: createRedisConnection(config, { connectionName: 'lac:api:conversation-events', forBullWorker: true, logger }),
    reader: redis,
    keys,
    logger,
    erased: new ErasedConversations(redis, keys),
  });
  await events.waitUntilReady();
  const order = new ConversationOrder(redis, keys);
  return {
    port: { desk: handover.desk, events, pendingJobIds: (conversationId) => order.pendingJobIds(conversationId) },
    desk: handover.desk,
    events,
    queue: handover.queue,
    close: async () => {
      await events.close().catch((error: unknown) => logger.warn({ err: error }, 'conversation event hub close failed'));
      await handover.close().catch(() => undefined);
    },
  };
}
