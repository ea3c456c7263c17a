import type { Logger } from '../logging/logger.ts';
import type { ErasedConversations } from './erased-conversations.ts';
import type { DatabaseErasureCounts, PrivacyStore } from './privacy-store.ts';
import type { RedisErasureCounts, RedisTraceEraser } from './redis-trace-eraser.ts';

/** What one erasure removed, as answered by the erasure routes. */
export interface ErasureReport {
  erased: DatabaseErasureCounts & RedisErasureCounts;
}

/**
 * GDPR erasure (article 17) and retention: the database rows, then every Redis trace. Idempotent
 * (erasing twice erases nothing the second time). Erasure markers are set first, so a message of
 * the conversation that is running meanwhile stores nothing and is erased when it ends.
 */
export class ConversationEraser {
  constructor(
    private readonly deps: { store: PrivacyStore; redisTraces: RedisTraceEraser; erased: ErasedConversations; logger: Logger },
  ) {}

  async eraseConversations(conversationIds: readonly string[]): Promise<ErasureReport> {
    return this.erase({ conversationIds: [...conversationIds], userIds: [] });
  }

  /** Everything of a user: their conversations (stored or still queued), messages, cases, users row. */
  async eraseUser(userId: string): Promise<ErasureReport> {
    const conversationIds = await this.deps.store.conversationIdsOfUser(userId);
    return this.erase({ conversationIds, userIds: [userId] });
  }

  private async erase(target: { conversationIds: string[]; userIds: string[] }): Promise<ErasureReport> {
    await Promise.all(target.conversationIds.map((conversationId) => this.deps.erased.mark(conversationId)));
    const database = await this.deps.store.erase(target);
    // Only a user erased on purpose is looked for in Redis: erasing one conversation must not reach
    // the owner's other conversations (nor anything a client named after that owner).
    const userIds = database.identifiers.userIds.filter((userId) => target.userIds.includes(userId));
    const redis = await this.deps.redisTraces.erase({ ...database.identifiers, userIds });
    // Conversations found only in Redis (queued, never stored) may have rows by now: erase them too.
    const foundLater = redis.conversationIds.filter((conversationId) => !target.conversationIds.includes(conversationId));
    if (foundLater.length > 0) {
      const again = await this.deps.store.erase({ conversationIds: foundLater, userIds: [] });
      for (const key of Object.keys(again.counts) as Array<keyof DatabaseErasureCounts>) database.counts[key] += again.counts[key];
    }
    this.deps.logger.info({ ...database.counts, ...redis.counts }, 'erasure done');
    return { erased: { ...database.counts, ...redis.counts } };
  }
}
