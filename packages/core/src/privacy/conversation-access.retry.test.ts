import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { ConversationAccess } from './conversation-access.ts';
import { ConversationTokens } from './conversation-tokens.ts';
import { ErasedConversations } from './erased-conversations.ts';

/**
 * A retry of a conversation's creating post (same Idempotency-Key) gets the token again, so that a
 * client whose answer was lost is not locked out; nobody else does: a post with another body gets the
 * key's conflict (422) without the token, and the same post once the key's lifetime has passed gets
 * nothing (ids and keys may be guessed, and user_id is no secret).
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the token given again to a retry of the creating post', () => {
  const keys = new RedisKeys(`test-claim-retry-${process.pid}-${Date.now()}`);
  let redis: RedisClient;
  const access = (retryWindowSeconds: number) =>
    new ConversationAccess({
      redis,
      keys,
      tokens: new ConversationTokens({ current: 'r'.repeat(40) }),
      erased: new ErasedConversations(redis, keys),
      owners: { findConversationClaimFacts: async () => ({ stored: null, retired: false }) },
      mode: 'token',
      claimTtlSeconds: 3_600,
      retryWindowSeconds,
    });
  beforeAll(() => {
    redis = createRedisConnection(redisUrl, { connectionName: 'test-claim-retry', logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    for (const key of await redis.keys(`${keys.namespace}:*`)) await redis.del(key);
    redis.disconnect();
  });

  const post = (userId: string, key: string, bodyHash: string) => ({ kind: 'post' as const, userId, idempotency: { key, bodyHash } });

  it('goes to the same post retried within the window; another body is the key’s conflict; another key gets nothing', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const first = await access(3_600).decide(conversationId, undefined, post('visitor', '1', 'hash-a'));
    expect(first).toMatchObject({ kind: 'allowed_with_new_token', via: 'new_conversation' });
    expect(await access(3_600).decide(conversationId, undefined, post('visitor', '1', 'hash-a'))).toMatchObject({ kind: 'allowed_with_new_token' });
    expect(await access(3_600).decide(conversationId, undefined, post('visitor', '1', 'hash-b'))).toEqual({ kind: 'denied', reason: 'idempotency_conflict' });
    expect(await access(3_600).decide(conversationId, undefined, post('visitor', '2', 'hash-a'))).toEqual({ kind: 'denied', reason: 'token_missing' });
  });

  it('ends with the Idempotency-Key’s lifetime', async () => {
    const conversationId = `conv-${randomUUID()}`;
    expect(await access(1).decide(conversationId, undefined, post('visitor', '1', 'hash-a'))).toMatchObject({ kind: 'allowed_with_new_token' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await access(1).decide(conversationId, undefined, post('visitor', '1', 'hash-a'))).toEqual({ kind: 'denied', reason: 'token_missing' });
    expect(await access(1).decide(conversationId, undefined, post('visitor', '1', 'hash-b'))).toEqual({ kind: 'denied', reason: 'token_missing' });
  });
});
