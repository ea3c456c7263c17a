import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { ConversationEraser } from './conversation-eraser.ts';
import { ErasedConversations } from './erased-conversations.ts';
import type { PrivacyStore } from './privacy-store.ts';
import { RedisTraceEraser } from './redis-trace-eraser.ts';

/** The erasure machinery of a process (API, worker, retention): `close` releases its queue handles. */
export function openConversationEraser(options: { redis: RedisClient; queuePrefix: string; store: PrivacyStore; logger: Logger }): {
  eraser: ConversationEraser;
  erased: ErasedConversations;
  close(): Promise<void>;
} {
  const keys = new RedisKeys(options.queuePrefix);
  const erased = new ErasedConversations(options.redis, keys);
  const redisTraces = new RedisTraceEraser(options.redis, keys, erased, options.logger);
  return {
    eraser: new ConversationEraser({ store: options.store, redisTraces, erased, logger: options.logger }),
    erased,
    close: () => redisTraces.close(),
  };
}
