import {
  ConversationEventHub,
  ConversationEventPublisher,
  HandoverDesk,
  createHandoverQueue,
  startHandoverWorker,
  pgFunctionCaller,
  SqlFunctionHandoverStore,
  parseSupportHours,
  ConversationOrder,
  createRedisConnection,
  type RedisClient,
} from '@lac/core';
import type pg from 'pg';
import type { AppConfig, Logger, RedisKeys } from '@lac/core';
import type { ConversationHandoverPort } from '../app-dependencies.ts';

/**
 * The hand-over of a test API (see startTestApi's `handover` option), wired as services/api and
 * services/worker wire it: desk over the test database, event publisher and `handover` queue on the
 * test's Redis prefix, one conversation-events subscription, and the handover worker.
 */
export async function startTestHandover(options: { config: AppConfig; logger: Logger; redis: RedisClient; keys: RedisKeys; pool: pg.Pool }) {
  const { config, logger, redis, keys } = options;
  const queue = createHandoverQueue({ connection: redis, config });
  const desk = new HandoverDesk({
    store: new SqlFunctionHandoverStore(pgFunctionCaller(options.pool)),
    events: new ConversationEventPublisher(redis, keys),
    queue,
    webhookConfigured: Boolean(config.ESCALATION_WEBHOOK_URL),
    operatorWaitSeconds: config.HANDOVER_OPERATOR_WAIT_SECONDS,
    logger,
  });
  const events = new ConversationEventHub({
    subscriber: createRedisConnection(config, { connectionName: 'lac:test:conversation-events', forBullWorker: true, logger }),
    reader: redis,
    keys,
    logger,
  });
  await events.waitUntilReady();
  const workerConnection = createRedisConnection(config, { connectionName: 'lac:test:handover-worker', forBullWorker: true, logger });
  const worker = startHandoverWorker({
    config,
    desk,
    supportHours: parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE),
    connection: workerConnection,
    logger,
  });
  const order = new ConversationOrder(redis, keys);
  const port: ConversationHandoverPort = { desk, events, pendingJobIds: (conversationId) => order.pendingJobIds(conversationId) };
  return {
    desk,
    events,
    queue,
    port,
    close: async () => {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await workerConnection.quit().catch(() => workerConnection.disconnect());
    },
  };
}
