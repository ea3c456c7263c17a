import type { RedisClient } from '../redis/redis-connection.ts';

/** For tests: deletes every key under `<prefix>:` (SCAN, never KEYS or FLUSHALL: the Redis is shared). */
export async function deleteKeysWithPrefix(redis: Pick<RedisClient, 'scan' | 'del'>, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (found.length > 0) await redis.del(...found);
  } while (cursor !== '0');
}
