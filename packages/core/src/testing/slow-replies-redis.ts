import type { Logger } from '../logging/logger.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { repliesDelayedInOrder, startTcpTestProxy, type TcpTestProxy } from './tcp-test-proxy.ts';

/** A connection to the test Redis whose replies can be made late: `setSlow(true)` and each reply leaves `replyDelayMs` after it came. */
export interface SlowRepliesRedis {
  redis: RedisClient;
  setSlow(slow: boolean): void;
  close(): Promise<void>;
}

/**
 * A fail-fast connection (`commandTimeoutMs`) to `redisUrl` through a proxy that, while slow,
 * delays every reply by `replyDelayMs`: past the deadline, the command lands and its answer comes
 * too late (a slow network). Replies keep their order on each connection, also when it stops
 * being slow. Resolves once the connection is ready.
 */
export async function openSlowRepliesRedis(options: { redisUrl: string; replyDelayMs: number; commandTimeoutMs: number; connectionName: string; logger: Logger }): Promise<SlowRepliesRedis> {
  const target = new URL(options.redisUrl);
  let slow = false;
  const proxy: TcpTestProxy = await startTcpTestProxy(
    { host: target.hostname, port: Number(target.port || 6379) },
    repliesDelayedInOrder(() => (slow ? options.replyDelayMs : 0)),
  );
  const redis = createRedisConnection(proxy.url('redis'), { connectionName: options.connectionName, logger: options.logger, commandTimeoutMs: options.commandTimeoutMs });
  await new Promise((resolve) => redis.once('ready', resolve));
  return {
    redis,
    setSlow: (value) => {
      slow = value;
    },
    async close() {
      slow = false;
      redis.disconnect();
      await proxy.close();
    },
  };
}
