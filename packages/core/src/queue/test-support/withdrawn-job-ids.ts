import type { RedisClient } from '../../redis/redis-connection.ts';
import type { RedisKeys } from '../../redis/redis-keys.ts';

/**
 * The job ids of a conversation's withdrawn-message markers (docs/ordering.md), read over the
 * whole keyspace: one SCAN batch may miss a marker on a Redis shared with other test files.
 */
export async function withdrawnJobIds(redis: RedisClient, keys: RedisKeys, conversationId: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', keys.withdrawnPattern(conversationId), 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found.map((key) => decodeURIComponent(key.slice(key.lastIndexOf(':') + 1)));
}
