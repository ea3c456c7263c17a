import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { conversationIdDigest } from './erased-conversations.ts';

/**
 * The id of an erased conversation is retired: no first post may claim it again (ConversationAccess
 * answers 410 `conversation_erased`). Tokens are an HMAC of the conversation id and nothing is
 * stored per token (conversation-tokens.ts): were the id free, the next first post of it, by anyone,
 * would get the very token the erased conversation's holder kept, and that holder could read the new
 * conversation. The holder of the former token still reaches the id (its own, now empty), as before.
 *
 * The key is named by the id's digest, as the erasure marker is, so an erasure leaves no id behind.
 * It lives ERASED_ID_RETIREMENT_SECONDS, long after the marker (24 h): a chosen id ("test-conv-1")
 * may be reused at any time, while the widget makes a new random id for each conversation.
 */
export const ERASED_ID_RETIREMENT_SECONDS = 400 * 86_400;

export class RetiredConversationIds {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async retire(conversationId: string): Promise<void> {
    await this.redis.set(this.keyOf(conversationId), '1', 'EX', ERASED_ID_RETIREMENT_SECONDS);
  }

  async isRetired(conversationId: string): Promise<boolean> {
    return (await this.redis.exists(this.keyOf(conversationId))) === 1;
  }

  private keyOf(conversationId: string): string {
    return this.keys.retiredConversation(conversationIdDigest(conversationId));
  }
}
