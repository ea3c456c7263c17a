import {
  ConversationEventHub,
  ConversationOrder,
  createChatQueue,
  ErasedConversations,
  type ChatJobData,
  type ChatQueue,
  createRedisConnection,
  openHandover,
  RedisKeys,
  type AppConfig,
  type CloseStep,
  type HandoverDesk,
  type HandoverQueue,
  type Logger,
  type OpenedStores,
  type RedisClient,
} from '@lac/core';
import type { ConversationHandoverPort, PendingVisitorMessage } from './app-dependencies.ts';

/** The texts of at most this many pending messages are read (a conversation's rate limit keeps it far below). */
const PENDING_TEXTS_READ = 50;

/**
 * The conversation's unanswered messages with the visitor's text from their queued jobs: a widget
 * reloaded before its post was answered (or another tab) shows the question above the answer it
 * resumes; the text is stored in the database only with its answer.
 */
async function pendingMessagesOf(order: ConversationOrder, queue: ChatQueue, conversationId: string): Promise<PendingVisitorMessage[]> {
  const jobIds = await order.pendingJobIds(conversationId);
  const jobs = await Promise.all(jobIds.slice(0, PENDING_TEXTS_READ).map((jobId) => queue.getJob(jobId).catch(() => undefined)));
  return jobIds.map((jobId, index) => {
    const data = jobs[index]?.data as Partial<ChatJobData> | undefined;
    const own = data?.conversation_id === conversationId && typeof data.message === 'string';
    return { job_id: jobId, message: own ? data.message! : null, received_at: own && typeof data.received_at === 'string' ? data.received_at : null };
  });
}

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
}): Promise<{ port: ConversationHandoverPort; desk: HandoverDesk; events: ConversationEventHub; queue: HandoverQueue; close(): Promise<void>; closeSteps(): CloseStep[] }> {
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
  const queue = createChatQueue({ connection: redis, config });
  return {
    port: { desk: handover.desk, events, pendingMessages: (conversationId) => pendingMessagesOf(order, queue, conversationId) },
    desk: handover.desk,
    events,
    queue: handover.queue,
    close: async () => {
      await queue.close().catch(() => undefined);
      await events.close().catch((error: unknown) => logger.warn({ err: error }, 'conversation event hub close failed'));
      await handover.close().catch(() => undefined);
    },
    closeSteps: () => [
      { name: 'hand-over chat queue reader', close: () => queue.close() },
      { name: 'conversation event hub', close: () => events.close() },
      { name: 'hand-over queue', close: () => handover.close() },
    ],
  };
}
