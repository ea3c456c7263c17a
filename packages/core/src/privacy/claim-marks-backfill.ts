import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { scanEveryMaster } from '../redis/scan-every-master.ts';
import type { PrivacyStore } from './privacy-store.ts';

/**
 * Marks in the database (token_issued, migration 0026) the stored conversations that Redis holds a
 * claim of, once per Redis: 0026 found every row unmarked, those whose token was issued between the
 * tokens' release and the migration included, and only Redis knew which. Until marked, a Redis that
 * lost its claims would let a post carrying the owner's user_id claim such a conversation again.
 * Run by the retention sweep (one at a time, every worker's scheduler shared); a Redis that lost its
 * data holds no claim to copy and no flag, and the next sweep scans what little it has.
 */

/** Claim ids marked per database statement (a Supabase `in` filter travels in the URL). */
const MARK_BATCH = 200;

export async function backfillClaimMarks(options: {
  redis: RedisClient;
  keys: RedisKeys;
  store: Pick<PrivacyStore, 'markTokenIssued'>;
  /** Stops between batches (the worker's shutdown); the flag is then not set and the next sweep starts over. */
  signal?: AbortSignal;
}): Promise<{ kind: 'already_done' } | { kind: 'done'; claims: number; marked: number }> {
  const { redis, keys, store } = options;
  if ((await redis.exists(keys.claimMarksBackfilled())) === 1) return { kind: 'already_done' };
  let claims = 0;
  let marked = 0;
  await scanEveryMaster(redis, keys.everyConversationClaim(), async (found) => {
    options.signal?.throwIfAborted();
    const conversationIds = found.flatMap((key) => {
      const conversationId = keys.conversationIdOfClaim(key);
      return conversationId === null ? [] : [conversationId];
    });
    claims += conversationIds.length;
    for (let start = 0; start < conversationIds.length; start += MARK_BATCH) {
      marked += await store.markTokenIssued(conversationIds.slice(start, start + MARK_BATCH));
    }
  });
  await redis.set(keys.claimMarksBackfilled(), new Date().toISOString());
  return { kind: 'done', claims, marked };
}
