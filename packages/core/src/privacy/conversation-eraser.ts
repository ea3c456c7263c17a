import { infrastructureFaultOf } from '../errors/infrastructure-fault.ts';
import type { Logger } from '../logging/logger.ts';
import { newErasureHold, type ErasedConversations } from './erased-conversations.ts';
import { retryInBackground } from './retry-in-background.ts';
import { ErasureOutcomeUnknownError, type DatabaseErasureCounts, type ErasedIdentifiers, type PrivacyStore } from './privacy-store.ts';
import type { RedisErasureCounts, RedisTraceEraser } from './redis-trace-eraser.ts';

/** What one erasure removed, as answered by the erasure routes. */
export interface ErasureReport {
  erased: DatabaseErasureCounts & RedisErasureCounts;
}

/** Background attempts to take back the marks of a failed erasure when Redis refused it at once. */
const RELEASE_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000];
/** Background attempts to finish an erasure whose database commit went unanswered (about 10 minutes in all). */
const FINISH_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/**
 * GDPR erasure (article 17) and retention: the database rows, then every Redis trace. Idempotent
 * (erasing twice erases nothing the second time). Erasure markers are set first, so a message of
 * the conversation that is running meanwhile stores nothing and is erased when it ends.
 *
 * A failure leaves the system so that a retry erases everything:
 * - the database step fails (PgPrivacyStore: one transaction, nothing erased): this call's markers
 *   are taken back (never another erasure's) and the error is rethrown (503), so the visitor's
 *   retry with the same token is not refused as already erased;
 * - the database's answer to the COMMIT is lost (ErasureOutcomeUnknownError: erased or not, nobody
 *   can tell): the markers stay, so nothing of the conversation is readable or writable meanwhile
 *   (410), the error is rethrown (503), and the erasure is finished in the background (the database
 *   step again, idempotent, then the Redis traces of what the first attempt read);
 * - the Redis step fails after the rows are gone: the markers stay (the conversation is erased, and
 *   its token no longer opens anything), the error is logged and rethrown; an admin erasure of the
 *   conversation or user erases the remaining Redis traces.
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
    const hold = newErasureHold();
    const scope = { conversations: target.conversationIds.length, users: target.userIds.length };
    let database: Awaited<ReturnType<PrivacyStore['erase']>>;
    try {
      // Every mark settles before going on: none may land after a release below.
      const marks = await Promise.allSettled(target.conversationIds.map((conversationId) => this.deps.erased.mark(conversationId, hold)));
      const refused = marks.find((mark) => mark.status === 'rejected');
      if (refused !== undefined) throw refused.reason;
      database = await this.deps.store.erase(target);
    } catch (error) {
      if (error instanceof ErasureOutcomeUnknownError) {
        this.deps.logger.warn({ ...scope, ...errorSummary(error.cause) }, 'erasure commit unanswered: the markers stay and the erasure is finished in the background');
        this.finishInBackground(target, error.identifiers);
        throw error;
      }
      this.deps.logger.warn({ ...scope, ...errorSummary(error) }, 'erasure failed before the database rows were erased: its markers are taken back');
      await this.releaseMarks(target.conversationIds, hold);
      throw error;
    }
    try {
      const redis = await this.deps.redisTraces.erase(redisTracesOf(target, database.identifiers));
      // Conversations found only in Redis (queued, never stored) may have rows by now: erase them too.
      const foundLater = redis.conversationIds.filter((conversationId) => !target.conversationIds.includes(conversationId));
      if (foundLater.length > 0) {
        const again = await this.deps.store.erase({ conversationIds: foundLater, userIds: [] });
        for (const key of Object.keys(again.counts) as Array<keyof DatabaseErasureCounts>) database.counts[key] += again.counts[key];
      }
      this.deps.logger.info({ ...database.counts, ...redis.counts }, 'erasure done');
      return { erased: { ...database.counts, ...redis.counts } };
    } catch (error) {
      // The rows (token included) are gone: the markers stay, the conversation keeps answering 410.
      this.deps.logger.error(
        { ...scope, ...database.counts, ...errorSummary(error) },
        'erasure incomplete: the database rows are erased, Redis traces may remain until an admin erasure',
      );
      throw error;
    }
  }

  /** An erasure whose commit went unanswered: the database step again (idempotent), then every Redis trace of both attempts. */
  private finishInBackground(target: { conversationIds: string[]; userIds: string[] }, readBefore: ErasedIdentifiers): void {
    retryInBackground(
      async () => {
        const again = await this.deps.store.erase(target);
        const union = (key: keyof ErasedIdentifiers) => [...new Set([...readBefore[key], ...again.identifiers[key]])];
        const both = { conversationIds: union('conversationIds'), userIds: union('userIds'), jobIds: union('jobIds'), escalationIds: union('escalationIds') };
        await this.deps.redisTraces.erase(redisTracesOf(target, both));
        this.deps.logger.info({ conversations: target.conversationIds.length, users: target.userIds.length }, 'erasure finished in the background');
      },
      FINISH_RETRY_DELAYS_MS,
      (error) => this.deps.logger.error({ ...errorSummary(error) }, 'could not finish an erasure whose commit went unanswered: an admin erasure finishes it (the conversations answer 410 meanwhile)'),
    );
  }

  /**
   * Takes back this call's hold on each marker; the markers Redis refused now are retried in the
   * background (each retry only those still held).
   */
  private async releaseMarks(conversationIds: readonly string[], hold: string): Promise<void> {
    let remaining = conversationIds;
    const releaseRemaining = async (): Promise<void> => {
      const results = await Promise.allSettled(remaining.map((conversationId) => this.deps.erased.release(conversationId, hold)));
      remaining = remaining.filter((_, index) => results[index]!.status === 'rejected');
      const refused = results.find((result) => result.status === 'rejected');
      if (refused !== undefined) throw refused.reason;
    };
    await releaseRemaining().catch(() =>
      retryInBackground(releaseRemaining, RELEASE_RETRY_DELAYS_MS, (error) =>
        this.deps.logger.error(
          { conversations: remaining.length, ...errorSummary(error) },
          'could not take back the markers of a failed erasure: the conversations answer 410 until the markers expire or an erasure succeeds',
        ),
      ),
    );
  }
}

/**
 * What the Redis step looks for, of what the database step read: only a user erased on purpose is
 * looked for in Redis (erasing one conversation must not reach the owner's other conversations, nor
 * anything a client named after that owner).
 */
function redisTracesOf(target: { userIds: string[] }, identifiers: ErasedIdentifiers): ErasedIdentifiers {
  return { ...identifiers, userIds: identifiers.userIds.filter((userId) => target.userIds.includes(userId)) };
}

/** What a log line says of an error: its kind, never its text (which may quote what a visitor wrote). */
function errorSummary(error: unknown): { err: string; code?: string; dependency: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    err: error instanceof Error ? error.name : typeof error,
    ...(typeof code === 'string' ? { code } : {}),
    dependency: infrastructureFaultOf(error)?.dependency ?? 'unclassified',
  };
}
