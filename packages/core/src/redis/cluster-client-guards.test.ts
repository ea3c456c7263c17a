import type { Cluster } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { redisClusterToolsAvailable, startLocalRedisCluster, type LocalRedisCluster } from '../testing/local-redis-cluster.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createRedisConnection, type RedisClient } from './redis-connection.ts';

/**
 * The two cluster transitions BullMQ's blocking connections wait for when they reset after a fault
 * (cluster-client-guards.ts), on a cluster connection's duplicate as BullMQ makes them, on a local
 * cluster of masters without replicas (a lost master leaves `cluster_state:fail` until its
 * restart): a `connect()` whose ready check met `cluster_state:fail` settles once the cluster is
 * back (ioredis lost it: in a drill, the queue's master SIGKILLed under traffic left every BullMQ
 * worker of both worker processes without a job for good); a `disconnect()` once every node
 * connection was dropped (the whole cluster lost) ends (ioredis stayed `disconnecting`).
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

  it('ends a disconnect() once the whole cluster was lost (every node dropped), and connects again once it is back', async () => {
    cluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 0 });
    const settings = { REDIS_URL: 'redis://unused', REDIS_CLUSTER_NODES: cluster.seeds };
    const connection = createRedisConnection(settings, { connectionName: 'test-cluster-disconnect', forBullWorker: true, logger }) as Cluster;
    const duplicate = connection.duplicate();
    duplicate.on('error', () => undefined);
    clients.push(connection, duplicate);
    // A connection to every master (a worker's, over time), then the whole cluster lost.
    await Promise.all(duplicate.nodes('master').map((node) => node.ping()));
    const ports = cluster.nodes.map((node) => node.port);
    await Promise.all(
      cluster.nodes.map((node) => {
        const exited = new Promise((resolve) => node.process.once('exit', resolve));
        node.process.kill('SIGKILL');
        return exited;
      }),
    );
    // ioredis drops every node connection once none answers, between its reconnection attempts.
    await waitUntil(async () => duplicate.nodes('all').length, (count) => count === 0, 20_000);

    // What BullMQ does to reset its blocking connection: disconnect, wait for 'end', connect again.
    let ended = false;
    duplicate.once('end', () => (ended = true));
    duplicate.disconnect();
    await waitUntil(async () => ended, (value) => value, 5_000);

    for (const port of ports) await cluster.restart(port);
    for (const port of ports) await waitUntil(() => cluster!.cli(port, 'CLUSTER', 'INFO'), (info) => info.includes('cluster_state:ok'), 30_000);
    await duplicate.connect();
    await expect(duplicate.ping()).resolves.toBe('PONG');
  }, 90_000);
});
