import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatQueue, createLogger, createRedisConnection, type RedisClient } from '@lac/core';
import { createRedisTestContext, startTcpTestProxy, type TcpTestProxy } from '@lac/core/testing';
import { createHealthCheck } from './health-check.ts';

/**
 * GET /health over a slow network to Redis (a latency-proxy drill): every reply from Redis comes
 * 1 s late, and the API's deadline is 1.6 s per command, so every request still works, only
 * slower. /health must then say Redis is up: it probes with the same deadline, and a load balancer
 * reading "down" would pull an API that answers. Its PING and its write probe used to go one after
 * the other, two round trips under one deadline: down.
 */
const context = createRedisTestContext('health-slow-redis');
const redisUrl = new URL(context.config().REDIS_URL);
const replyDelayMs = 1_000;
const deadlineMs = 1_600;

let proxy: TcpTestProxy;
let slowRedis: RedisClient;
const queue = createChatQueue({ connection: context.redis, config: context.config() });

beforeAll(async () => {
  // Every chunk from Redis delayed by the same amount: bytes keep their order.
  proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, (_connection, direction, _chunk, forward) => {
    if (direction === 'to_client') setTimeout(forward, replyDelayMs);
    else forward();
  });
  // As the API's connection: fail-fast, each command with the request path's deadline.
  slowRedis = createRedisConnection(proxy.url('redis'), { connectionName: 'test-health-slow', logger: createLogger({ level: 'silent' }), commandTimeoutMs: deadlineMs });
  // Connected (its hand-shake takes round trips of its own), as the API's connection is when it listens.
  await new Promise((resolve) => slowRedis.once('ready', resolve));
});

afterAll(async () => {
  slowRedis?.disconnect();
  await proxy?.close();
  await queue.close();
  await context.cleanup();
});

describe('GET /health probe of a Redis that is slow but within the request deadline', () => {
  it('says Redis is up, as the requests that work through it', async () => {
    // What a request meets: its commands, each within the deadline.
    expect(await slowRedis.set(`${context.prefix}:request`, '1', 'PX', 60_000)).toBe('OK');
    const health = await createHealthCheck({
      redis: slowRedis,
      redisWriteProbeKey: `${context.prefix}:health:write-probe`,
      pingDatabase: async () => undefined,
      queue,
      config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
      timeoutMs: deadlineMs,
    })();
    expect(health.services.redis).toMatchObject({ status: 'up' });
    expect(health.status).not.toBe('unhealthy');
    // The write probe did write.
    expect(await context.redis.exists(`${context.prefix}:health:write-probe`)).toBe(1);
  });
});
