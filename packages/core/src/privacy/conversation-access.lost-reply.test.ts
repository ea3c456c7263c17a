import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection, setCommandTimeout, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { startTcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { ConversationAccess, ORPHANED_CLAIM_AFTER_SECONDS, type ConversationOwnerLookup } from './conversation-access.ts';
import { ConversationTokens } from './conversation-tokens.ts';
import { ErasedConversations } from './erased-conversations.ts';

/**
 * A first post whose claim reaches Redis but whose reply is lost (the command deadline passes first:
 * a slow network, a Redis under load). The request answers 503 without a token; the claim must not
 * stay behind, or the conversation's creator could never post into it again without a token.
 */
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const logger = createLogger({ level: 'silent' });
const REPLY_DELAY_MS = 400;

/** Every byte from Redis back to the client arrives REPLY_DELAY_MS late; requests pass at once. */
async function startSlowRepliesProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, (_connection, direction, _chunk, forward) => {
    if (direction === 'to_client') setTimeout(forward, REPLY_DELAY_MS);
    else forward();
  });
  return { url: proxy.url('redis'), close: proxy.close };
}

describe('a conversation claim whose reply is lost', () => {
  const keys = new RedisKeys(`test-claim-lost-${process.pid}-${Date.now()}`);
  let proxy: Awaited<ReturnType<typeof startSlowRepliesProxy>>;
  let direct: RedisClient;
  let slow: RedisClient;
  beforeAll(async () => {
    proxy = await startSlowRepliesProxy();
    direct = createRedisConnection(redisUrl.toString(), { connectionName: 'test-claim-direct', logger });
    slow = createRedisConnection(proxy.url, { connectionName: 'test-claim-slow', logger, commandTimeoutMs: 5_000 });
    await slow.ping();
  });
  afterAll(async () => {
    for (const key of await direct.keys(`${keys.namespace}:*`)) await direct.del(key);
    slow.disconnect();
    direct.disconnect();
    await proxy.close();
  });

  /** A token-mode access (unless said) over `redis`, with the erasure markers read directly. */
  const accessWith = (redis: RedisClient, owners: ConversationOwnerLookup, mode: 'token' | 'open' = 'token') =>
    new ConversationAccess({ redis, keys, tokens: new ConversationTokens({ current: 'x'.repeat(40) }), erased: new ErasedConversations(direct, keys), owners, mode, claimTtlSeconds: 3_600 });

  it('is given back: the 503 leaves no claim, and the next first post of the conversation gets its token', async () => {
    const access = (redis: RedisClient) => accessWith(redis, { findConversationClaimFacts: async () => ({ stored: null, retired: false }) });
    const conversationId = `conv-${randomUUID()}`;
    // The request path's deadline is shorter than the reply's delay: the SET is applied, its reply lost.
    setCommandTimeout(slow, REPLY_DELAY_MS / 4);
    await expect(access(slow).decide(conversationId, undefined, { kind: 'post', userId: 'u1' })).rejects.toThrow(/timed out/i);
    await waitUntil(() => direct.exists(keys.conversationClaim(conversationId)), (exists) => exists === 0, 10_000);
    const retried = await access(direct).decide(conversationId, undefined, { kind: 'post', userId: 'u1' });
    expect(retried).toMatchObject({ kind: 'allowed_with_new_token', via: 'new_conversation' });
  });

  it('is taken over by the next first post when it landed after every give-back, once it is old and nothing followed it', async () => {
    let stored: { userId: string | null; tokenIssued: boolean } | null = null;
    const access = accessWith(direct, { findConversationClaimFacts: async () => ({ stored, retired: false }) });
    const post = (conversationId: string) => access.decide(conversationId, undefined, { kind: 'post', userId: 'u1' });
    const claimedSecondsAgo = (seconds: number) => `late-landing-claim.${Math.floor(Date.now() / 1000) - seconds}`;
    const orphaned = `conv-${randomUUID()}`;
    // The SET of a request answered 503 landed late (a stalled Redis, a failover), as a year-long claim.
    await direct.set(keys.conversationClaim(orphaned), claimedSecondsAgo(ORPHANED_CLAIM_AFTER_SECONDS + 5), 'EX', 3_600);
    expect(await post(orphaned)).toMatchObject({ kind: 'allowed_with_new_token', via: 'new_conversation' });
    expect(await post(orphaned)).toMatchObject({ kind: 'denied', reason: 'token_missing' });

    // Not a claim whose request may still be under way, nor one a message or a stored conversation follows.
    const recent = `conv-${randomUUID()}`;
    await direct.set(keys.conversationClaim(recent), claimedSecondsAgo(1), 'EX', 3_600);
    expect(await post(recent)).toMatchObject({ kind: 'denied', reason: 'token_missing' });
    const admitted = `conv-${randomUUID()}`;
    await direct.set(keys.conversationClaim(admitted), claimedSecondsAgo(600), 'EX', 3_600);
    await direct.set(keys.conversationSequence(admitted), '1');
    expect(await post(admitted)).toMatchObject({ kind: 'denied', reason: 'token_missing' });
    const storedId = `conv-${randomUUID()}`;
    await direct.set(keys.conversationClaim(storedId), claimedSecondsAgo(600), 'EX', 3_600);
    stored = { userId: 'u1', tokenIssued: true };
    expect(await post(storedId)).toMatchObject({ kind: 'denied', reason: 'token_missing' });
  });

  it('never asks the database for a conversation with messages, nor in open mode: a tokenless post is refused (or let through) as before while it is away', async () => {
    let lookups = 0;
    const unavailableDatabase: ConversationOwnerLookup = {
      findConversationClaimFacts: async () => {
        lookups += 1;
        throw new Error('database unavailable');
      },
    };
    const accessIn = (mode: 'token' | 'open') => accessWith(direct, unavailableDatabase, mode);
    const old = `late-landing-claim.${Math.floor(Date.now() / 1000) - 600}`;
    const withMessages = `conv-${randomUUID()}`;
    await direct.set(keys.conversationClaim(withMessages), old, 'EX', 3_600);
    await direct.set(keys.conversationSequence(withMessages), '3');
    expect(await accessIn('token').decide(withMessages, undefined, { kind: 'post', userId: 'u1' })).toMatchObject({ kind: 'denied', reason: 'token_missing' });
    expect(await accessIn('open').decide(withMessages, undefined, { kind: 'post', userId: 'u1' })).toMatchObject({ kind: 'allowed', via: 'open_mode' });
    expect(lookups).toBe(0);
    // An orphan candidate while the database is away: refused as before (401, not 503); the next post tries again.
    const orphan = `conv-${randomUUID()}`;
    await direct.set(keys.conversationClaim(orphan), old, 'EX', 3_600);
    expect(await accessIn('token').decide(orphan, undefined, { kind: 'post', userId: 'u1' })).toMatchObject({ kind: 'denied', reason: 'token_missing' });
  });
});
