import type { Cluster } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';

/**
 * What /health asks Redis. One Redis: PING. A Redis Cluster: CLUSTER INFO of a node, because a
 * PING is answered by any live node even while the cluster refuses every keyed command
 * (`cluster_state:fail`: a master and its replicas lost, so a slot range has no owner; each
 * message, rate-limit check and queue command then fails with CLUSTERDOWN). A probe that pinged
 * reported Redis up and the API healthy for as long as the cluster was down.
 */

/** The cluster refuses keyed commands (its state is not `ok`): every message would fail. */
export class RedisClusterDownError extends Error {
  constructor(readonly clusterState: string, readonly slotsOk: number) {
    super(`cluster_state:${clusterState} (${slotsOk} of 16384 slots served)`);
    this.name = 'RedisClusterDownError';
  }
}

function isCluster(redis: RedisClient): redis is Cluster {
  return (redis as Cluster).isCluster === true;
}

/**
 * Resolves when Redis takes commands; on a cluster, with a detail when some slots are in doubt
 * (a master unreachable for some nodes, not yet failed over). Rejects with RedisClusterDownError
 * when the cluster is down, or with the client's error when no node answers.
 */
export async function checkRedisReachable(redis: RedisClient): Promise<string | undefined> {
  if (!isCluster(redis)) {
    await redis.ping();
    return undefined;
  }
  const info = String(await redis.cluster('INFO'));
  const field = (name: string): string | undefined => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
  const state = field('cluster_state') ?? 'unknown';
  const slotsOk = Number(field('cluster_slots_ok') ?? 0);
  if (state !== 'ok') throw new RedisClusterDownError(state, slotsOk);
  const inDoubt = Number(field('cluster_slots_pfail') ?? 0) + Number(field('cluster_slots_fail') ?? 0);
  return inDoubt > 0 ? `${inDoubt} of 16384 slots on a master some nodes cannot reach` : undefined;
}
