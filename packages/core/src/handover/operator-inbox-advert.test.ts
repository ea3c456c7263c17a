import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { advertiseOperatorInbox, OPERATOR_INBOX_ADVERT_TTL_SECONDS, operatorInboxServedReader } from './operator-inbox-advert.ts';

/**
 * The operators' inbox said to be served, on the real Redis: an API that serves it writes the key
 * with its lifetime, a worker reads it; a Redis that does not answer counts as served (a hand-over
 * is never turned down for a failed read).
 */
const logger = createLogger({ level: 'silent' });
const redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { connectionName: 'test:operator-inbox-advert', logger });
const keys = new RedisKeys(`test-inbox-advert-${randomBytes(4).toString('hex')}`);

afterAll(async () => {
  await redis.del(keys.operatorInboxServed());
  await redis.quit();
});

describe('the operator inbox advert', () => {
  it('is absent until an API serves the inbox, then present with its lifetime', async () => {
    const served = operatorInboxServedReader(redis, keys, logger);
    expect(await served()).toBe(false);
    const advert = advertiseOperatorInbox({ redis, keys, logger });
    await advert.ready;
    advert.stop();
    expect(await served()).toBe(true);
    const ttl = await redis.ttl(keys.operatorInboxServed());
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(OPERATOR_INBOX_ADVERT_TTL_SECONDS);
  });

  it('counts as served when Redis does not answer', async () => {
    const closed = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { connectionName: 'test:operator-inbox-advert-closed', logger });
    closed.disconnect();
    expect(await operatorInboxServedReader(closed, keys, logger)()).toBe(true);
  });
});
