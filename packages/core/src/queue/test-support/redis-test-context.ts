import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig, type AppConfig } from '../../config/config.ts';
import { createLogger, type Logger } from '../../logging/logger.ts';
import { RedisKeys } from '../../redis/redis-keys.ts';
import { deleteKeysWithPrefix } from '../../redis/delete-keys-with-prefix.ts';

/** Test-only: a unique key prefix on the real Redis, removed afterwards. */
export interface RedisTestContext {
  redisUrl: string;
  prefix: string;
  keys: RedisKeys;
  redis: Redis;
  logger: Logger;
  config(overrides?: Record<string, string>): AppConfig;
  cleanup(): Promise<void>;
}

export function createRedisTestContext(name: string): RedisTestContext {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test-${name}-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', name: `test-${name}` });
  return {
    redisUrl,
    prefix,
    keys: new RedisKeys(prefix),
    redis,
    logger,
    config: (overrides = {}) =>
      loadConfig({ NODE_ENV: 'test', REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent', ...overrides }),
    async cleanup() {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}
