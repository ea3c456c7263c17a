import type { RedisClient } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { ConversationAccess, type ConversationOwnerLookup } from './conversation-access.ts';
import { loadConversationTokens } from './conversation-tokens.ts';
import { ErasedConversations } from './erased-conversations.ts';

/** Claims outlive the retention period by this much (a claim only matters while its conversation exists). */
const CLAIM_GRACE_DAYS = 30;

/**
 * The conversation access of an API process, from the configuration: token secrets (configured or
 * generated in Redis), erasure markers, the stored owners for the once-only upgrade path.
 */
export async function openConversationAccess(options: {
  config: Pick<AppConfig, 'CONVERSATION_ACCESS' | 'CONVERSATION_TOKEN_SECRET' | 'CONVERSATION_TOKEN_PREVIOUS_SECRETS' | 'NODE_ENV' | 'RETENTION_DAYS' | 'IDEMPOTENCY_TTL_SECONDS'>;
  redis: RedisClient;
  keys: RedisKeys;
  owners: ConversationOwnerLookup;
  logger: Logger;
}): Promise<ConversationAccess> {
  const { config, redis, keys } = options;
  const tokens = await loadConversationTokens({ config, redis, keys, logger: options.logger });
  return new ConversationAccess({
    redis,
    keys,
    tokens,
    erased: new ErasedConversations(redis, keys),
    owners: options.owners,
    mode: config.CONVERSATION_ACCESS,
    retryWindowSeconds: config.IDEMPOTENCY_TTL_SECONDS,
    ...(config.RETENTION_DAYS > 0 ? { claimTtlSeconds: (config.RETENTION_DAYS + CLAIM_GRACE_DAYS) * 86_400 } : {}),
  });
}
