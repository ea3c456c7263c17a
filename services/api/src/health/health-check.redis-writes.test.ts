import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatQueue, loadConfig, type ChatQueue } from '@lac/core';
import { findFreePort } from '@lac/core/testing';
import { createHealthCheck } from './health-check.ts';

// A throwaway redis-server of this file's own: running out of memory (maxmemory 1, noeviction) is
// a server-wide state that would refuse the writes of every other test file on the shared Redis.
let server: ChildProcess;
let redis: Redis;
let queue: ChatQueue;

beforeAll(async () => {
  const port = await findFreePort();
  server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  redis.on('error', () => undefined);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await redis.ping().catch(() => '')) === 'PONG') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  queue = createChatQueue({ connection: redis, config: loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: 'health-writes' }) });
});

afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  server?.kill('SIGKILL');
});

const health = () =>
  createHealthCheck({
    redis,
    redisWriteProbeKey: 'health-writes:health:write-probe',
    pingDatabase: async () => undefined,
    queue,
    config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
    timeoutMs: 800,
  })();

describe('GET /health probe of a Redis that answers PING but refuses writes', () => {
  it('is unhealthy while Redis is out of memory (every post would get 503), healthy again once it takes writes', async () => {
    expect((await health()).services.redis.status).toBe('up');
    await redis.config('SET', 'maxmemory', '1');
    try {
      // What the API's requests meet: PING still answers, a write is refused.
      expect(await redis.ping()).toBe('PONG');
      await expect(redis.set('health-writes:any', '1')).rejects.toThrow(/^OOM /);
      const during = await health();
      expect(during.status).toBe('unhealthy');
      expect(during.services.redis).toMatchObject({ status: 'down', detail: expect.stringMatching(/^OOM /) });
    } finally {
      await redis.config('SET', 'maxmemory', '0');
    }
    const after = await health();
    expect(after.status).not.toBe('unhealthy');
    expect(after.services.redis.status).toBe('up');
  });
});
