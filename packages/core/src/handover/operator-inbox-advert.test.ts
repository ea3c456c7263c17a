import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import {
  advertiseOperatorInbox,
  keptForAWhile,
  OPERATOR_INBOX_ADVERT_REFRESH_MS,
  OPERATOR_INBOX_ADVERT_TTL_SECONDS,
  operatorInboxServedReader,
  recentOperatorInboxServedReader,
} from './operator-inbox-advert.ts';

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

/**
 * What every reply but the hand-over asks (whether to offer a person or point to the agency): read at most once per refresh
 * period (30 s), not per message, since the queue path's Redis commands per message are budgeted (`pnpm bench`, at most
 * 50). The clock is injected: no test waits.
 */
describe('the operator inbox as read lately', () => {
  it("keeps the answer read on the real Redis for the adverts' refresh period, then reads again", async () => {
    await redis.del(keys.operatorInboxServed(), keys.operatorInboxNotServed());
    let clock = 1_000_000;
    const fresh = operatorInboxServedReader(redis, keys, logger);
    let reads = 0;
    const lately = keptForAWhile(() => ((reads += 1), fresh()), { now: () => clock });
    await advertised(false);
    expect(await lately()).toBe(false);
    await redis.del(keys.operatorInboxNotServed());
    await advertised(true);
    clock += OPERATOR_INBOX_ADVERT_REFRESH_MS - 1;
    expect(await lately()).toBe(false); // kept: no read
    expect(reads).toBe(1);
    clock += 1;
    expect(await lately()).toBe(true);
    expect(reads).toBe(2);
    // A clock gone back reads again rather than keep the answer longer.
    clock -= 5_000;
    expect(await lately()).toBe(true);
    expect(reads).toBe(3);
  });

  it('reads once for calls made while its read is under way', async () => {
    let reads = 0;
    const lately = keptForAWhile(() => ((reads += 1), operatorInboxServedReader(redis, keys, logger)()), { now: () => 0 });
    const answers = await Promise.all([lately(), lately(), lately()]);
    expect(new Set(answers).size).toBe(1);
    expect(reads).toBe(1);
  });

  it('counts a failed read as served, and a Redis that does not answer too', async () => {
    expect(await keptForAWhile(() => Promise.reject(new Error('boom')))()).toBe(true);
    const closed = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { connectionName: 'test:operator-inbox-advert-closed-lately', logger });
    closed.disconnect();
    expect(await recentOperatorInboxServedReader(closed, keys, logger)()).toBe(true);
  });

  it('reads the adverts as the fresh reader does, with the maximum age given', async () => {
    await redis.del(keys.operatorInboxServed(), keys.operatorInboxNotServed());
    let clock = 0;
    const lately = recentOperatorInboxServedReader(redis, keys, logger, { maxAgeMs: 10, now: () => clock });
    await advertised(false);
    expect(await lately()).toBe(false);
    await redis.del(keys.operatorInboxNotServed());
    expect(await lately()).toBe(false);
    clock = 10;
    expect(await lately()).toBe(true);
  });
});
