import { setTimeout as sleep } from 'node:timers/promises';
import { killProcess } from '../../tests/faults/support/fault-processes.ts';
import type { ProxyMode, TcpFaultProxy } from '../../tests/faults/support/tcp-fault-proxy.ts';
import type { ProxiedCluster } from './drill-infrastructure.ts';
import type { DrillProduct } from './drill-product.ts';

/**
 * The faults of the drill, injected one after the other under traffic. Each returns when the
 * fault is healed; the drill then lets the traffic run for `settleMs` before the next one.
 * `DRILL_FAULTS` picks them by name (comma-separated), in the order given; default `DEFAULT_FAULTS`.
 */

export interface FaultContext {
  redis: ProxiedCluster;
  apiPostgresProxy: TcpFaultProxy;
  product: DrillProduct;
  queuePrefix: string;
  log(text: string): void;
}

export interface Fault {
  description: string;
  settleMs: number;
  inject(context: FaultContext): Promise<void>;
}

const everyPostgresProxy = (context: FaultContext) => [context.apiPostgresProxy, ...context.product.workerPostgresProxies];

function postgresFault(mode: ProxyMode, durationMs: number, description: string): Fault {
  return {
    description,
    settleMs: 25_000,
    async inject(context) {
      for (const proxy of everyPostgresProxy(context)) proxy.setMode(mode);
      await sleep(durationMs);
      for (const proxy of everyPostgresProxy(context)) proxy.setMode({ kind: 'pass' });
    },
  };
}

function everyRedisProxy(mode: ProxyMode, durationMs: number, description: string): Fault {
  return {
    description,
    settleMs: 25_000,
    async inject(context) {
      for (const proxy of context.redis.proxies.values()) proxy.setMode(mode);
      await sleep(durationMs);
      for (const proxy of context.redis.proxies.values()) proxy.setMode({ kind: 'pass' });
    },
  };
}

/** The node ports of the master serving the chat queue's keys (`{prefix}` hash tag) and of its replica. */
async function queueSlotOwner(context: FaultContext): Promise<{ master: number; replica: number | undefined }> {
  const { cluster, proxies } = context.redis;
  const slot = Number((await cluster.cli(cluster.nodes[0]!.port, 'CLUSTER', 'KEYSLOT', `{${context.queuePrefix}}`)).trim());
  // The nodes announce their proxies' ports: back to the nodes' own.
  const nodePortOf = (announced: number | undefined) => [...proxies].find(([, proxy]) => proxy.port === announced)?.[0] ?? announced;
  const owner = await cluster.ownerOfSlot(slot);
  return { master: nodePortOf(owner.master)!, replica: nodePortOf(owner.replica) };
}

export const FAULTS: Record<string, Fault> = {
  'postgres-cut-5s': postgresFault({ kind: 'reset' }, 5_000, 'Postgres connections cut (reset) for 5 s'),
  'postgres-cut-15s': postgresFault({ kind: 'reset' }, 15_000, 'Postgres connections cut (reset) for 15 s'),
  'postgres-cut-20s': postgresFault({ kind: 'reset' }, 20_000, 'Postgres connections cut (reset) for 20 s'),
  'postgres-blackhole-8s': postgresFault({ kind: 'hold' }, 8_000, 'Postgres blackholed (no byte either way) for 8 s'),
  'postgres-blackhole-20s': postgresFault({ kind: 'hold' }, 20_000, 'Postgres blackholed (no byte either way) for 20 s'),
  'postgres-latency-300ms': postgresFault({ kind: 'latency', delayMs: 300 }, 30_000, 'Postgres 300 ms latency each way for 30 s'),
  'redis-cut-5s': everyRedisProxy({ kind: 'reset' }, 5_000, 'every Redis connection cut (reset) for 5 s'),
  'redis-blackhole-5s': everyRedisProxy({ kind: 'hold' }, 5_000, 'every Redis node blackholed for 5 s'),
  'redis-master-blackhole-10s': {
    description: "the queue slot's master blackholed for 10 s (the cluster bus stays up: no failover)",
    settleMs: 25_000,
    async inject(context) {
      const proxy = context.redis.proxies.get((await queueSlotOwner(context)).master)!;
      proxy.setMode({ kind: 'hold' });
      await sleep(10_000);
      proxy.setMode({ kind: 'pass' });
    },
  },
  'redis-master-kill': {
    description: "the queue slot's Redis master SIGKILLed, its replica promoted, the old master back as a replica 15 s later",
    settleMs: 20_000,
    async inject(context) {
      const { cluster } = context.redis;
      const { master, replica } = await queueSlotOwner(context);
      if (replica === undefined) throw new Error(`the master ${master} has no replica`);
      cluster.nodes.find((node) => node.port === master)!.process.kill('SIGKILL');
      const killedAt = Date.now();
      while (!(await cluster.cli(replica, 'ROLE').catch(() => '')).startsWith('master')) await sleep(100);
      context.log(`master ${master} SIGKILLed; replica ${replica} promoted after ${Date.now() - killedAt} ms`);
      await sleep(15_000);
      await cluster.restart(master);
      await context.redis.announceProxy(master);
    },
  },
  'worker-kill': {
    description: "a worker SIGKILLed mid-job (its database slowed first so its jobs last seconds), a new worker started",
    settleMs: 60_000,
    async inject(context) {
      const { product, redis } = context;
      const index = product.workers.findIndex((worker) => worker.child.exitCode === null && worker.child.signalCode === null);
      product.workerPostgresProxies[index]!.setMode({ kind: 'latency', delayMs: 1_000 });
      const { master } = await queueSlotOwner(context);
      let active = 0;
      for (const deadline = Date.now() + 30_000; active < 2 && Date.now() < deadline; await sleep(100)) {
        active = Number((await redis.cluster.cli(master, 'LLEN', `{${context.queuePrefix}}:chat:active`)).trim());
      }
      await killProcess(product.workers[index]!);
      context.log(`${product.workers[index]!.name} SIGKILLed with ${active} chat jobs active in the queue`);
      await product.startWorker();
    },
  },
};

export const DEFAULT_FAULTS = [
  'postgres-cut-15s',
  'postgres-blackhole-8s',
  'postgres-latency-300ms',
  'redis-master-kill',
  'redis-cut-5s',
  'worker-kill',
];
