import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { assertRedisReachable, createRedisConnection, RedisUnreachableError, setCommandTimeout } from './redis-connection.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ level: 'silent' });

describe('redis connection', () => {
  it('passes when Redis answers', async () => {
    await expect(assertRedisReachable(redisUrl)).resolves.toBeUndefined();
  });

  it('fails with a RedisUnreachableError naming REDIS_URL (password redacted) and how to get a Redis', async () => {
    const error = await assertRedisReachable('redis://:s3cret@127.0.0.1:1', { timeoutMs: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisUnreachableError);
    const unreachable = error as RedisUnreachableError;
    expect(unreachable.code).toBe('redis_unreachable');
    expect(unreachable.message).toContain('REDIS_URL=redis://:***@127.0.0.1:1');
    expect(unreachable.message).not.toContain('s3cret');
    expect(unreachable.message).toContain('redis-server --daemonize yes');
    expect(unreachable.message).toContain('docker run -p 6379:6379 redis:7');
  });

  it('creates worker connections (no per-request retry limit) and fail-fast connections', async () => {
    const worker = createRedisConnection(redisUrl, { connectionName: 'test-worker', forBullWorker: true, logger });
    const api = createRedisConnection(redisUrl, { connectionName: 'test-api', logger });
    expect(worker).toBeInstanceOf(Redis);
    expect(api).toBeInstanceOf(Redis);
    expect((worker as Redis).options.maxRetriesPerRequest).toBeNull();
    expect((api as Redis).options.maxRetriesPerRequest).toBe(0);
    expect(await worker.ping()).toBe('PONG');
    expect(await api.client('GETNAME')).toBe('test-api');
    await Promise.all([worker.quit(), api.quit()]);
  });

  it('fail-fast connections reject commands when Redis is away instead of hanging', async () => {
    const api = createRedisConnection('redis://127.0.0.1:1', { connectionName: 'test-away', logger });
    await expect(api.ping()).rejects.toThrow();
    api.disconnect();
  });

  it('keeps a patient start-up deadline until told to fail fast, then gives up on a command after the new deadline', async () => {
    const api = createRedisConnection(redisUrl, { connectionName: 'test-startup-deadline', logger, commandTimeoutMs: 30_000 });
    const emptyList = `test:redis-connection:${process.pid}:${Date.now()}:never-filled`;
    // A blocking pop on an empty list answers nil after its own 1 s: the start-up deadline lets it.
    await expect(api.blpop(emptyList, 1)).resolves.toBeNull();
    // The dead-socket timeout never cuts a patient deadline short: 30 s + 5 s, then 20 s again.
    expect((api as Redis).options.socketTimeout).toBe(35_000);
    setCommandTimeout(api, 100);
    expect((api as Redis).options.socketTimeout).toBe(20_000);
    await expect(api.blpop(emptyList, 1)).rejects.toThrow('Command timed out');
    api.disconnect();
  });
});
