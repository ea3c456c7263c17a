import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { advertiseOperatorInbox, OPERATOR_INBOX_ADVERT_TTL_SECONDS, operatorInboxServedReader } from './operator-inbox-advert.ts';

/**
 * The operators' inbox said to be served or not, on the real Redis: each API writes its key with its
 * lifetime, a worker reads them; only an API saying it does not serve the inbox, and none saying it
 * does, turns a hand-over down. Nothing said (Redis's data lost) and a Redis that does not answer
 * count as served (a hand-over is never turned down for what is not known).
 */
const logger = createLogger({ level: 'silent' });
const redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { connectionName: 'test:operator-inbox-advert', logger });
const keys = new RedisKeys(`test-inbox-advert-${randomBytes(4).toString('hex')}`);

afterAll(async () => {
  await redis.del(keys.operatorInboxServed(), keys.operatorInboxNotServed());
  await redis.quit();
});

async function advertised(served: boolean): Promise<void> {
  const advert = advertiseOperatorInbox({ redis, keys, logger, served });
  await advert.ready;
  advert.stop();
}

describe('the operator inbox advert', () => {
  it('not served once an API says it does not serve it, with its lifetime; served once one does, beside it', async () => {
    const served = operatorInboxServedReader(redis, keys, logger);
    await advertised(false);
    expect(await served()).toBe(false);
    const ttl = await redis.ttl(keys.operatorInboxNotServed());
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(OPERATOR_INBOX_ADVERT_TTL_SECONDS);
    await advertised(true);
    expect(await served()).toBe(true);
    expect(await redis.ttl(keys.operatorInboxServed())).toBeGreaterThan(0);
  });

  it("counts as served when nothing is said (Redis's data lost before the next refresh), as before the adverts", async () => {
    await advertised(true);
    await redis.del(keys.operatorInboxServed(), keys.operatorInboxNotServed());
    // Before: absent meant nobody serves it, and a visitor asking for a person was told nobody could answer.
    expect(await operatorInboxServedReader(redis, keys, logger)()).toBe(true);
  });

  it('counts as served when Redis does not answer', async () => {
    const closed = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { connectionName: 'test:operator-inbox-advert-closed', logger });
    closed.disconnect();
    expect(await operatorInboxServedReader(closed, keys, logger)()).toBe(true);
  });
});
