import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalRedisCluster, type LocalRedisCluster } from '@lac/core/testing';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../tests/faults/support/tcp-fault-proxy.ts';

/**
 * The engines of the drill: a local Redis Cluster (3 masters + 3 replicas) whose nodes announce
 * the port of a fault proxy in front of each (cluster-announce-port: clients reach every node only
 * through its proxy; the cluster bus stays direct), and a fault proxy in front of Postgres.
 */

export interface ProxiedCluster {
  cluster: LocalRedisCluster;
  /** Node port → its proxy. */
  proxies: Map<number, TcpFaultProxy>;
  /** REDIS_CLUSTER_NODES through the proxies. */
  seeds: string;
  /** Announces the proxy's port again (a restarted node starts announcing its own). */
  announceProxy(nodePort: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startProxiedRedisCluster(): Promise<ProxiedCluster> {
  const cluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 1 });
  const proxies = new Map<number, TcpFaultProxy>();
  for (const node of cluster.nodes) proxies.set(node.port, await startTcpFaultProxy({ host: '127.0.0.1', port: node.port }));
  const announceProxy = async (nodePort: number) => {
    await cluster.cli(nodePort, 'CONFIG', 'SET', 'cluster-announce-bus-port', String(nodePort + 10_000));
    await cluster.cli(nodePort, 'CONFIG', 'SET', 'cluster-announce-port', String(proxies.get(nodePort)!.port));
  };
  for (const node of cluster.nodes) await announceProxy(node.port);
  const proxyPorts = new Set([...proxies.values()].map((proxy) => String(proxy.port)));
  // Every node's slot map names only proxy ports.
  for (const deadline = Date.now() + 60_000; ; ) {
    const maps = await Promise.all(cluster.nodes.map((node) => cluster.cli(node.port, 'CLUSTER', 'SLOTS').catch(() => '')));
    const ports = maps.flatMap((text) => {
      const lines = text.split('\n').map((line) => line.trim());
      return lines.flatMap((line, index) => (line === '127.0.0.1' ? [lines[index + 1] ?? ''] : []));
    });
    if (ports.length > 0 && ports.every((port) => proxyPorts.has(port))) break;
    if (Date.now() > deadline) throw new Error(`the nodes do not announce their proxies: ${ports.join(',')}`);
    await sleep(200);
  }
  return {
    cluster,
    proxies,
    seeds: [...proxies.values()].map((proxy) => `127.0.0.1:${proxy.port}`).join(','),
    announceProxy,
    async stop() {
      for (const proxy of proxies.values()) await proxy.close();
      await cluster.stop();
    },
  };
}

export async function startPostgresProxy(): Promise<TcpFaultProxy> {
  return startTcpFaultProxy({ host: '127.0.0.1', port: 5432 });
}
