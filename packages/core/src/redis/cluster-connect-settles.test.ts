import type { Cluster } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { redisClusterToolsAvailable, startLocalRedisCluster, type LocalRedisCluster } from '../testing/local-redis-cluster.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createRedisConnection, type RedisClient } from './redis-connection.ts';

/**
 * A cluster connection's `connect()` (and its duplicates', which BullMQ's blocking connections
 * are) settles once the cluster is back, even when an attempt's ready check met
 * `cluster_state:fail`: ioredis loses that attempt's promise, and BullMQ's workers, which await it
 * when they reset their blocking connection, never took another job (a drill: the queue's master
 * SIGKILLed under traffic). A cluster of masters without replicas keeps `cluster_state:fail` from
 * the kill of one master to its restart, so every ready check in between fails.
 */
const logger = createLogger({ level: 'silent', name: 'test-cluster-connect' });

describe.skipIf(!(await redisClusterToolsAvailable()))('cluster connections after a master was lost', () => {
  let cluster: LocalRedisCluster | undefined;
  const clients: RedisClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await cluster?.stop();
  });

  async function killMaster(port: number, survivor: number) {
    const node = cluster!.nodes.find((candidate) => candidate.port === port)!;
    const exited = new Promise((resolve) => node.process.once('exit', resolve));
    node.process.kill('SIGKILL');
    await exited;
    await waitUntil(() => cluster!.cli(survivor, 'CLUSTER', 'INFO'), (info) => info.includes('cluster_state:fail'), 30_000);
  }

  async function restartMaster(port: number) {
    await cluster!.restart(port);
    for (const node of cluster!.nodes) await waitUntil(() => cluster!.cli(node.port, 'CLUSTER', 'INFO'), (info) => info.includes('cluster_state:ok'), 30_000);
  }

  it('settles a connect() whose ready check found the cluster down, once the cluster is back', async () => {
    cluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 0 });
    const settings = { REDIS_URL: 'redis://unused', REDIS_CLUSTER_NODES: cluster.seeds };
    const connection = createRedisConnection(settings, { connectionName: 'test-cluster-connect', forBullWorker: true, logger }) as Cluster;
    const duplicate = connection.duplicate();
    duplicate.on('error', () => undefined);
    clients.push(connection, duplicate);
    await duplicate.ping();
    const [lost, survivor] = await cluster.masterPorts();

    await killMaster(lost!, survivor!);
    duplicate.disconnect();
    await waitUntil(async () => duplicate.status, (status) => status === 'end' || status === 'close', 10_000);
    let readyChecks = 0;
    duplicate.on('connect', () => (readyChecks += 1));
    let settled: 'resolved' | 'rejected' | undefined;
    duplicate.connect().then(
      () => (settled = 'resolved'),
      () => (settled = 'rejected'),
    );
    // The slots were read from a live node, then the ready check (CLUSTER INFO) said fail.
    await waitUntil(async () => readyChecks, (count) => count >= 2, 20_000);
    expect(settled).toBeUndefined();

    await restartMaster(lost!);
    await waitUntil(async () => settled, (outcome) => outcome !== undefined, 20_000);
    expect(settled).toBe('resolved');
    expect(duplicate.status).toBe('ready');
    await expect(duplicate.ping()).resolves.toBe('PONG');
  }, 90_000);
});
