import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from './redis-connection.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { startTcpTestProxy, type ProxiedConnection } from '../testing/tcp-test-proxy.ts';

/**
 * A half-open connection: the network path to Redis dies without a reset (a NAT or a proxy forgot
 * it), so the socket stays "connected" and nothing ever comes back. A proxy between the client and
 * the real Redis plays that part: `sever()` makes every connection open so far swallow bytes both
 * ways, forever, while new connections pass. The connection must notice and replace its socket.
 */
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const logger = createLogger({ level: 'silent' });

interface SeveringProxy {
  url: string;
  accepted(): number;
  sever(): void;
  close(): Promise<void>;
}

async function startSeveringProxy(): Promise<SeveringProxy> {
  const severed = new WeakSet<ProxiedConnection>();
  const proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, (connection, _direction, _chunk, forward) => {
    if (!severed.has(connection)) forward();
  });
  return {
    url: proxy.url('redis'),
    accepted: proxy.accepted,
    sever: () => {
      for (const connection of proxy.connections()) severed.add(connection);
    },
    close: proxy.close,
  };
}

describe('a half-open Redis connection', () => {
  let proxy: SeveringProxy;
  beforeAll(async () => {
    proxy = await startSeveringProxy();
  });
  afterAll(async () => proxy.close());

  it('fail-fast: commands fail at their deadline, then the dead socket is replaced and commands succeed again', async () => {
    const redis = createRedisConnection(proxy.url, { connectionName: 'test-half-open-api', logger, commandTimeoutMs: 300, deadSocketTimeoutMs: 1_000 }) as Redis;
    try {
      expect(await redis.ping()).toBe('PONG');
      const before = proxy.accepted();
      proxy.sever();
      await expect(redis.ping()).rejects.toThrow(/timed out/i);
      // Before the fix the socket stayed and every command timed out, for as long as the process lived.
      await waitUntil(async () => proxy.accepted() > before && (await redis.ping().catch(() => 'failed')) === 'PONG', (recovered) => recovered, 10_000);
    } finally {
      redis.disconnect();
    }
  });

  it('worker flavour (no deadline): a command sent into the dead socket is answered once the socket is replaced', async () => {
    const redis = createRedisConnection(proxy.url, { connectionName: 'test-half-open-worker', forBullWorker: true, logger, deadSocketTimeoutMs: 1_000 }) as Redis;
    try {
      const key = `test-half-open:${process.pid}:${Date.now()}`;
      await redis.set(key, 'still here', 'EX', 60);
      proxy.sever();
      const started = Date.now();
      expect(await redis.get(key)).toBe('still here');
      expect(Date.now() - started).toBeLessThan(10_000);
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });

  it('a blocking command that waits less than the dead-socket timeout is not mistaken for a dead socket', async () => {
    const redis = createRedisConnection(proxy.url, { connectionName: 'test-half-open-blocking', forBullWorker: true, logger, deadSocketTimeoutMs: 2_500 }) as Redis;
    try {
      await redis.ping();
      const before = proxy.accepted();
      expect(await redis.bzpopmin(`test-half-open:empty:${process.pid}`, 1.5)).toBeNull();
      expect(await redis.ping()).toBe('PONG');
      expect(proxy.accepted()).toBe(before);
    } finally {
      redis.disconnect();
    }
  });
});
