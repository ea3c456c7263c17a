import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatQueue, createLogger, createRedisConnection, loadConfig, ProviderStatusBoard, type ChatQueue, type RedisClient } from '@lac/core';
import { redisClusterToolsAvailable, startLocalRedisCluster, waitUntil, type LocalRedisCluster } from '@lac/core/testing';
import { createHealthCheck } from './health-check.ts';

/**
 * GET /health's probe on a local Redis Cluster (3 masters, 1 replica each). Every live node answers
 * PING while the cluster refuses every keyed command (a slot range without master): the probe must
 * say Redis is down then, and up again once a replica has taken a lost master's place.
 */
const logger = createLogger({ level: 'silent', name: 'test-health-cluster' });

describe.skipIf(!(await redisClusterToolsAvailable()))('GET /health probe on a Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let redis: RedisClient;
  let queue: ChatQueue;
  let healthCheck: ReturnType<typeof createHealthCheck>;

  beforeAll(async () => {
    cluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 1 });
    const config = loadConfig({ NODE_ENV: 'test', REDIS_CLUSTER_NODES: cluster.seeds, QUEUE_PREFIX: 'health-cluster', LOG_LEVEL: 'silent' });
    redis = createRedisConnection(config, { connectionName: 'test-health-cluster', logger });
    queue = createChatQueue({ connection: redis, config });
    const board = new ProviderStatusBoard(redis, config.QUEUE_PREFIX);
    const localEntry = { mode: 'local', status: 'up', models: [], circuits: [] } as const;
    await board.publish('worker-health-cluster', { openrouter: localEntry, openai: localEntry, cohere: localEntry } as never);
    healthCheck = createHealthCheck({
      redis,
      pingDatabase: async () => undefined,
      queue,
      config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
      providerStatusBoard: board,
      timeoutMs: 800,
    });
  }, 120_000);

  afterAll(async () => {
    await queue?.close().catch(() => undefined);
    redis?.disconnect();
    await cluster?.stop();
  });

  it('is healthy after a replica took over a lost master, unhealthy (Redis down, cluster_state:fail) once a slot range has no master left', async () => {
    expect((await healthCheck()).status).toBe('healthy');

    // A master lost: its replica takes over (cluster-node-timeout 3 s), every slot is served again.
    // Right after the cluster starts, a replica may not be listed under its master yet.
    const first = await waitUntil(() => cluster.ownerOfSlot(0), (owner) => owner.replica !== undefined, 30_000);
    // A replica that has not synced yet refuses to take over (its data is too old to be trusted).
    await waitUntil(async () => cluster.cli(first.replica!, 'INFO', 'replication'), (info) => info.includes('master_link_status:up'), 30_000);
    cluster.nodes.find((node) => node.port === first.master)!.process.kill('SIGKILL');
    await waitUntil(async () => (await cluster.masterPorts()).includes(first.replica!), (promoted) => promoted, 30_000);
    await waitUntil(() => healthCheck(), (health) => health.status === 'healthy', 30_000);

    // Then that new master lost too: slots 0–5460 have no owner, the cluster refuses keyed commands.
    cluster.nodes.find((node) => node.port === first.replica)!.process.kill('SIGKILL');
    const survivor = cluster.nodes.find((node) => node.port !== first.master && node.port !== first.replica)!.port;
    await waitUntil(async () => cluster.cli(survivor, 'CLUSTER', 'INFO'), (info) => info.includes('cluster_state:fail'), 30_000);
    // What the probe used to ask: every live node still answers it.
    expect((await cluster.cli(survivor, 'PING')).trim()).toBe('PONG');
    const down = await waitUntil(() => healthCheck(), (health) => health.services.redis.detail?.startsWith('cluster_state:fail') === true, 30_000);
    expect(down.status).toBe('unhealthy');
    expect(down.services.redis).toMatchObject({ status: 'down', detail: 'cluster_state:fail (10923 of 16384 slots served)' });
  }, 120_000);
});
