import net from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from './redis-connection.ts';
import { waitUntil } from '../testing/wait-until.ts';

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
  const pairs: Array<{ client: net.Socket; upstream: net.Socket; dead: boolean }> = [];
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    const pair = { client, upstream, dead: false };
    pairs.push(pair);
    client.on('data', (chunk: Buffer) => pair.dead || upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => pair.dead || client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    accepted: () => accepted,
    sever: () => {
      for (const pair of pairs) pair.dead = true;
    },
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
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
