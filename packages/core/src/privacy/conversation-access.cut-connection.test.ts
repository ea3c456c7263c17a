import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { startTcpTestProxy, type TcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { ConversationAccess } from './conversation-access.ts';
import { ConversationTokens } from './conversation-tokens.ts';
import { ErasedConversations } from './erased-conversations.ts';

/**
 * A first post whose claim reaches Redis and is applied, then the connection is cut before the
 * reply comes back (a reset, a proxy or a failover dropping it). The fail-fast client reports such
 * a command as "Reached the max retries per request limit", not as a timeout: the claim must be
 * given back all the same, or the conversation's creator is refused 401 on every retry without
 * its token until the claim counts as orphaned.
 */
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const logger = createLogger({ level: 'silent' });

describe('a conversation claim whose connection is cut under it', () => {
  const keys = new RedisKeys(`test-claim-cut-${process.pid}-${Date.now()}`);
  let cutAfterSet = false;
  const silenced = new WeakSet<object>();
  let proxy: TcpTestProxy;
  let direct: RedisClient;
  let cut: RedisClient;
  beforeAll(async () => {
    proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, (connection, direction, chunk, forward) => {
      if (silenced.has(connection)) return;
      if (direction === 'to_server' && cutAfterSet && /\r\nSET\r\n/i.test(chunk.toString('latin1'))) {
        cutAfterSet = false;
        // The SET reaches Redis; its reply never comes back: the connection is reset once it has run.
        forward();
        silenced.add(connection);
        setTimeout(() => {
          connection.client.resetAndDestroy();
          connection.upstream.destroy();
        }, 50);
        return;
      }
      forward();
    });
    direct = createRedisConnection(redisUrl.toString(), { connectionName: 'test-claim-cut-direct', logger });
    cut = createRedisConnection(proxy.url('redis'), { connectionName: 'test-claim-cut', logger, commandTimeoutMs: 5_000 });
    await cut.ping();
  });
  afterAll(async () => {
    for (const key of await direct.keys(`${keys.namespace}:*`)) await direct.del(key);
    cut.disconnect();
    direct.disconnect();
    await proxy.close();
  });

  it('is given back: a retry without the token a few seconds later gets the token', async () => {
    const access = (redis: RedisClient) =>
      new ConversationAccess({
        redis,
        keys,
        tokens: new ConversationTokens({ current: 'c'.repeat(40) }),
        erased: new ErasedConversations(direct, keys),
        owners: { findConversationClaimFacts: async () => ({ stored: null, retired: false }) },
        mode: 'token',
        claimTtlSeconds: 3_600,
      });
    const conversationId = `conv-${randomUUID()}`;
    cutAfterSet = true;
    await expect(access(cut).decide(conversationId, undefined, { kind: 'post', userId: 'u1' })).rejects.toThrow(/max retries per request/i);
    // The SET ran: the claim is there, held by a request that got no token.
    expect(await direct.exists(keys.conversationClaim(conversationId))).toBe(1);
    // Given back within the first background retries (the connection is re-made in the meantime),
    // well before the claim would count as orphaned.
    await waitUntil(() => direct.exists(keys.conversationClaim(conversationId)), (exists) => exists === 0, 4_000);
    expect(await access(direct).decide(conversationId, undefined, { kind: 'post', userId: 'u1' })).toMatchObject({ kind: 'allowed_with_new_token', via: 'new_conversation' });
  });
});
