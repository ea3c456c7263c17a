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
 * A tokenless first post reads two markers before its claim: erased? retired? On a network some
 * hundred ms away, each round trip is that much more before the visitor's 202 (slow-network
 * probe). Both reads must leave together: the proxy holds every reply from Redis and the test
 * checks that both reads reached Redis before any reply came back.
 */
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const logger = createLogger({ level: 'silent' });

describe('the reads before a tokenless first post claims its conversation', () => {
  const keys = new RedisKeys(`test-access-round-trips-${process.pid}-${Date.now()}`);
  let holding = false;
  const heldReplies: Array<() => void> = [];
  let commandsSeen = '';
  let proxy: TcpTestProxy;
  let redis: RedisClient;
  beforeAll(async () => {
    proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, (_connection, direction, chunk, forward) => {
      if (direction === 'to_server') {
        if (holding) commandsSeen += chunk.toString('latin1');
        forward();
      } else if (holding) heldReplies.push(forward);
      else forward();
    });
    redis = createRedisConnection(proxy.url('redis'), { connectionName: 'test-access-round-trips', logger, commandTimeoutMs: 10_000 });
    await redis.ping();
  });
  afterAll(async () => {
    holding = false;
    for (const forward of heldReplies.splice(0)) forward();
    for (const key of await redis.keys(`${keys.namespace}:*`)) await redis.del(key);
    redis.disconnect();
    await proxy.close();
  });

  it('sends the erased and the retired reads together, before either is answered', async () => {
    const access = new ConversationAccess({
      redis,
      keys,
      tokens: new ConversationTokens({ current: 'z'.repeat(40) }),
      erased: new ErasedConversations(redis, keys),
      owners: { findConversationClaimFacts: async () => ({ stored: null, retired: false }) },
      mode: 'token',
      claimTtlSeconds: 3_600,
    });
    const existsSent = () => commandsSeen.toLowerCase().split('\r\nexists\r\n').length - 1;
    holding = true;
    const decision = access.decide(`conv-${randomUUID()}`, undefined, { kind: 'post', userId: 'visitor', idempotency: undefined });
    // One after the other, the second read would wait for the first one's reply, held here.
    await waitUntil(async () => existsSent(), (sent) => sent >= 2, 3_000);
    holding = false;
    for (const forward of heldReplies.splice(0)) forward();
    expect(await decision).toMatchObject({ kind: 'allowed_with_new_token', via: 'new_conversation' });
  });
});
