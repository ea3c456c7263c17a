import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { backfillClaimMarks } from './claim-marks-backfill.ts';
import { PgPrivacyStore } from './pg-privacy-store.ts';
import { storeConversationOfBeforeTokens } from './privacy-store-contract.ts';

/**
 * Conversations migration 0026 found unmarked, whose token Redis knows was issued (their claim), are
 * marked in the database once, so a later loss of Redis does not reopen them to their owner's user_id.
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('marking in the database the conversations claimed in Redis', () => {
  const keys = new RedisKeys(`test-claim-marks-${process.pid}-${Date.now()}`);
  const logger = createLogger({ level: 'silent' });
  let redis: RedisClient;
  let database: TemporaryDatabase;
  let store: PgPrivacyStore;
  beforeAll(async () => {
    redis = createRedisConnection(redisUrl, { connectionName: 'test-claim-marks', logger });
    database = await startTemporaryDatabase({ logger });
    store = new PgPrivacyStore(database.pool);
  });
  afterAll(async () => {
    for (const key of await redis.keys(`${keys.namespace}:*`)) await redis.del(key);
    redis.disconnect();
    await database?.stop();
  });

  it('marks the stored conversations with a claim, not those without, once per Redis', async () => {
    // Ids as clients choose them: the claim key carries them URL-encoded inside a hash tag.
    const claimed = [`conv-${randomUUID()}`, `test conv/{${randomUUID()}} é`];
    const unclaimed = `conv-${randomUUID()}`;
    for (const conversationId of [...claimed, unclaimed]) await storeConversationOfBeforeTokens(database.pool, conversationId, 'owner');
    for (const conversationId of [...claimed, `never-stored-${randomUUID()}`]) await redis.set(keys.conversationClaim(conversationId), 'nonce.1');

    await expect(backfillClaimMarks({ redis, keys, store })).resolves.toEqual({ kind: 'done', claims: 3, marked: 2 });
    for (const conversationId of claimed) {
      await expect(store.findConversationClaimFacts(conversationId)).resolves.toMatchObject({ stored: { tokenIssued: true } });
    }
    await expect(store.findConversationClaimFacts(unclaimed)).resolves.toMatchObject({ stored: { tokenIssued: false } });

    await redis.set(keys.conversationClaim(unclaimed), 'nonce.2');
    await expect(backfillClaimMarks({ redis, keys, store })).resolves.toEqual({ kind: 'already_done' });
    await expect(store.findConversationClaimFacts(unclaimed)).resolves.toMatchObject({ stored: { tokenIssued: false } });
  });
});
