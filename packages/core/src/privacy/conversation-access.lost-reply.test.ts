import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection, setCommandTimeout, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { ConversationAccess } from './conversation-access.ts';
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
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => setTimeout(() => client.destroyed || client.write(chunk), REPLY_DELAY_MS));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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

  it('is given back: the 503 leaves no claim, and the next first post of the conversation gets its token', async () => {
    const access = (redis: RedisClient) =>
      new ConversationAccess({
        redis,
        keys,
        tokens: new ConversationTokens({ current: 'x'.repeat(40) }),
        erased: new ErasedConversations(direct, keys),
        owners: { findConversationOwner: async () => null },
        mode: 'token',
        claimTtlSeconds: 3_600,
      });
    const conversationId = `conv-${randomUUID()}`;
    // The request path's deadline is shorter than the reply's delay: the SET is applied, its reply lost.
    setCommandTimeout(slow, REPLY_DELAY_MS / 4);
    await expect(access(slow).decide(conversationId, undefined, { kind: 'post', userId: 'u1' })).rejects.toThrow(/timed out/i);
    await waitUntil(() => direct.exists(keys.conversationClaim(conversationId)), (exists) => exists === 0, 10_000);
    const retried = await access(direct).decide(conversationId, undefined, { kind: 'post', userId: 'u1' });
    expect(retried).toMatchObject({ kind: 'allowed_with_new_token', via: 'new_conversation' });
  });
});
