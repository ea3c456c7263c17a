import type { Cluster, Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';

const SCAN_COUNT = 500;

/** The nodes holding keys: every master of a cluster, or the one Redis. */
function mastersOf(redis: RedisClient): Redis[] {
  return 'nodes' in redis && typeof (redis as Cluster).nodes === 'function' && (redis as Cluster).isCluster
    ? (redis as Cluster).nodes('master')
    : [redis as Redis];
}

/** SCANs every master for `pattern`, handing each batch of keys found to `onKeys` (awaited before the next batch). */
export async function scanEveryMaster(redis: RedisClient, pattern: string, onKeys: (keys: string[]) => Promise<void>): Promise<void> {
  for (const node of mastersOf(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
      cursor = next;
      if (keys.length > 0) await onKeys(keys);
    } while (cursor !== '0');
  }
}
