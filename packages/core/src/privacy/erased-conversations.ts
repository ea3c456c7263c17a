import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';

/**
 * Erasure markers ("tombstones"). Erasing a conversation sets one BEFORE deleting anything; while it
 * lives, the API refuses the conversation (410) and a worker that was already running one of its
 * messages stores nothing and cleans up after itself, so an erased conversation never comes back.
 * The key is named by a SHA-256 digest of the id: the marker itself holds no conversation id.
 */

/** Longer than any job of the conversation can still run (attempts × deadline + backoffs + stalls). */
export const ERASURE_MARKER_TTL_SECONDS = 24 * 3600;

export function conversationIdDigest(conversationId: string): string {
  return createHash('sha256').update('lac-conversation\u0000').update(conversationId, 'utf8').digest('hex');
}

export class ErasedConversations {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async mark(conversationId: string): Promise<void> {
    await this.redis.set(this.keys.erasedConversation(conversationIdDigest(conversationId)), '1', 'EX', ERASURE_MARKER_TTL_SECONDS);
  }

  async isErased(conversationId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.erasedConversation(conversationIdDigest(conversationId)))) === 1;
  }
}
