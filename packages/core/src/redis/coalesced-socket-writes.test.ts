import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from './redis-connection.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ level: 'silent' });
const prefix = `coalesced-writes-test-${process.pid}`;

/** Counts the socket's writes to the kernel (`_write` for one chunk, `_writev` for several). */
function countSocketWrites(socket: Socket): { calls: number } {
  const counter = { calls: 0 };
  const target = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  const write = target._write.bind(socket);
  const writev = target._writev.bind(socket);
  target._write = (...args) => {
    counter.calls += 1;
    write(...args);
  };
  target._writev = (...args) => {
    counter.calls += 1;
    writev(...args);
  };
  return counter;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('coalesced socket writes', () => {
  it('sends commands written back to back in one socket write, in order, on both connection flavours', async () => {
    for (const forBullWorker of [false, true]) {
      const redis = createRedisConnection(redisUrl, { connectionName: 'test-coalesced', forBullWorker, logger }) as Redis;
      await redis.ping();
      const writes = countSocketWrites(redis.stream as Socket);
      const key = `${prefix}:${forBullWorker ? 'worker' : 'api'}`;
      const replies = await Promise.all([redis.del(key), ...Array.from({ length: 20 }, (_, i) => redis.rpush(key, String(i)))]);
      expect(writes.calls).toBe(1);
      expect(replies.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await redis.lrange(key, 0, -1)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
      await redis.del(key);
      await redis.quit();
    }
  });

  it('coalesces the writes of the socket a reconnect opens', async () => {
    const redis = createRedisConnection(redisUrl, { connectionName: 'test-coalesced-reconnect', forBullWorker: true, logger }) as Redis;
    await redis.ping();
    const first = redis.stream;
    first.destroy();
    await waitFor(() => redis.stream !== first && redis.status === 'ready');
    const writes = countSocketWrites(redis.stream as Socket);
    const replies = await Promise.all(Array.from({ length: 10 }, () => redis.ping()));
    expect(replies).toEqual(Array.from({ length: 10 }, () => 'PONG'));
    expect(writes.calls).toBe(1);
    await redis.quit();
  });

  it('does not hold a command for the promise jobs queued after it: it leaves before a later one is written', async () => {
    const redis = createRedisConnection(redisUrl, { connectionName: 'test-coalesced-soon', forBullWorker: true, logger }) as Redis;
    await redis.ping();
    const writes = countSocketWrites(redis.stream as Socket);
    const first = redis.ping();
    // Two promise jobs later, in the same tick: a flush at the end of the tick would not have run yet.
    await Promise.resolve();
    await Promise.resolve();
    const writtenBeforeSecond = writes.calls;
    const second = redis.ping();
    expect(await Promise.all([first, second])).toEqual(['PONG', 'PONG']);
    expect(writtenBeforeSecond).toBe(1);
    expect(writes.calls).toBe(2);
    await redis.quit();
  });

  it('a command written just before quit is still sent', async () => {
    const redis = createRedisConnection(redisUrl, { connectionName: 'test-coalesced-quit', logger }) as Redis;
    const key = `${prefix}:quit`;
    await redis.ping();
    const set = redis.set(key, 'sent', 'PX', 60_000);
    await redis.quit();
    expect(await set).toBe('OK');
    const check = createRedisConnection(redisUrl, { connectionName: 'test-coalesced-check', logger });
    expect(await check.get(key)).toBe('sent');
    await check.del(key);
    await check.quit();
  });

  it('commands still corked when their socket is destroyed are sent again on the next socket (worker flavour), in order, and nothing stays corked', async () => {
    const redis = createRedisConnection(redisUrl, { connectionName: 'test-coalesced-cut', forBullWorker: true, logger }) as Redis;
    const key = `${prefix}:cut`;
    await redis.del(key);
    const first = redis.stream as Socket;
    const pushes = Array.from({ length: 20 }, (_, i) => redis.rpush(key, String(i)));
    // Same run of code as the writes: they sit in the corked socket's buffer, not in the kernel.
    expect(first.writableCorked).toBe(1);
    first.destroy();
    expect(await Promise.all(pushes)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await redis.lrange(key, 0, -1)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(redis.stream).not.toBe(first);
    expect((redis.stream as Socket).writableCorked).toBe(0);
    expect(redis.listenerCount('connect')).toBe(1);
    await redis.del(key);
    await redis.quit();
  });

  it('commands still corked when their socket is destroyed fail at once on the fail-fast flavour (none hangs)', async () => {
    const redis = createRedisConnection(redisUrl, { connectionName: 'test-coalesced-cut-fast', logger }) as Redis;
    await redis.ping();
    const pings = Array.from({ length: 5 }, () => redis.ping());
    (redis.stream as Socket).destroy();
    const settled = await Promise.allSettled(pings);
    expect(settled.every((result) => result.status === 'rejected')).toBe(true);
    await waitFor(() => redis.status === 'ready');
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });
});

