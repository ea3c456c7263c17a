import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { portIsFree, portsBelowEphemeralRange } from './free-port.ts';

/**
 * Test and benchmark helper: a throwaway Redis Cluster on this machine — `redis-server` processes
 * on free ports in a temporary folder, joined with `redis-cli --cluster create`. Each node also
 * listens on its cluster bus port (port + 10000): both stay below the kernel's ephemeral range when
 * it can be read (see findFreePort: a port in that range can be taken by any outgoing connection
 * between the check and the node's listen), and at or below 55535 otherwise.
 */

const run = promisify(execFile);
const BUS_PORT_OFFSET = 10_000;

/**
 * Where node ports are drawn from: p and p + 10000 both under the range findFreePort draws from
 * (itself under the ephemeral range), so a node's bus port never meets a port handed out for
 * another server; else 20000–55535.
 */
function nodePortRange(): { lowest: number; highest: number } {
  const freePortRange = portsBelowEphemeralRange();
  const highest = (freePortRange?.lowest ?? 0) - 1 - BUS_PORT_OFFSET;
  return highest - 10_000 >= 2_000 ? { lowest: 10_000, highest } : { lowest: 20_000, highest: 55_535 };
}

export interface LocalRedisClusterNode {
  port: number;
  process: ChildProcess;
}

export interface LocalRedisCluster {
  /** `host:port,host:port,...` of every node, as REDIS_CLUSTER_NODES takes it. */
  seeds: string;
  nodes: LocalRedisClusterNode[];
  /** `redis-cli -p port ...` against one node; resolves with its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** Port of the master serving a hash slot, and of one of its replicas. */
  ownerOfSlot(slot: number): Promise<{ master: number; replica: number | undefined }>;
  /** Ports of the current masters. */
  masterPorts(): Promise<number[]>;
  /**
   * Starts a node again (after a kill) on its port, folder and nodes.conf, and waits until it
   * answers: it rejoins the cluster as it left it (a master whose slots a replica took over meanwhile
   * comes back as that replica's replica).
   */
  restart(port: number): Promise<void>;
  /** Asks `replicaPort` to take over from its master (CLUSTER FAILOVER) and waits until it serves. */
  failover(replicaPort: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Whether `redis-server` and `redis-cli` can be run here (tests skip themselves otherwise). */
export async function redisClusterToolsAvailable(): Promise<boolean> {
  try {
    await run('redis-server', ['--version']);
    await run('redis-cli', ['--version']);
    return true;
  } catch {
    return false;
  }
}


/** `count` ports p with p and p + 10000 both free, from nodePortRange(). */
async function findClusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  const range = nodePortRange();
  for (let tries = 0; ports.length < count && tries < 500; tries++) {
    const port = range.lowest + Math.floor(Math.random() * (range.highest - range.lowest));
    if (ports.some((taken) => Math.abs(taken - port) < 2 || Math.abs(taken + BUS_PORT_OFFSET - port) < 2 || Math.abs(taken - BUS_PORT_OFFSET - port) < 2)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + BUS_PORT_OFFSET))) ports.push(port);
  }
  if (ports.length < count) throw new Error(`could not find ${count} free port pairs in ${range.lowest}–${range.highest}`);
  return ports;
}

/** Starts `masters` masters with `replicasPerMaster` replicas each and waits until the cluster is ok. */
export async function startLocalRedisCluster(options: { masters?: number; replicasPerMaster?: number } = {}): Promise<LocalRedisCluster> {
  const masters = options.masters ?? 3;
  const replicasPerMaster = options.replicasPerMaster ?? 1;
  const directory = await mkdtemp(path.join(tmpdir(), 'lac-redis-cluster-'));
  const ports = await findClusterPorts(masters * (1 + replicasPerMaster));
  const spawnNode = (port: number) =>
    spawn(
      'redis-server',
      [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-node-timeout', '3000',
        '--appendonly', 'yes',
        '--appendfilename', `appendonly-${port}.aof`,
        '--appenddirname', `aof-${port}`,
        '--save', '',
        '--dir', directory,
        '--maxmemory-policy', 'noeviction',
      ],
      { stdio: 'ignore' },
    );
  const nodes: LocalRedisClusterNode[] = ports.map((port) => ({ port, process: spawnNode(port) }));
  const cli = async (port: number, ...args: string[]) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 30_000 })).stdout;

  const stop = async () => {
    for (const node of nodes) node.process.kill('SIGKILL');
    await Promise.all(nodes.map((node) => (node.process.exitCode === null && node.process.signalCode === null ? new Promise((resolve) => node.process.once('exit', resolve)) : undefined)));
    await rm(directory, { recursive: true, force: true });
  };

  const clusterNodes = async () =>
    (await cli(ports[0]!, 'CLUSTER', 'NODES'))
      .trim()
      .split('\n')
      .map((line) => {
        const [id, address, flags, masterId, , , , , ...slots] = line.split(' ');
        return { id: id!, port: Number(address!.split('@')[0]!.split(':')[1]), flags: flags!.split(','), masterId: masterId!, slots };
      });

  try {
    for (const node of nodes) await waitFor(async () => (await cli(node.port, 'PING')).trim() === 'PONG', 20_000, `redis-server on ${node.port}`);
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', String(replicasPerMaster), '--cluster-yes'],
      { timeout: 60_000 },
    );
    for (const node of nodes) {
      await waitFor(async () => (await cli(node.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'), 30_000, `cluster state on ${node.port}`);
    }
    // Right after the creation a replica may not be listed under its master yet (ownerOfSlot would
    // answer no replica: a CI run of a failover test met it).
    await waitFor(
      async () => {
        const all = await clusterNodes();
        const masters = all.filter((node) => node.flags.includes('master') && node.slots.length > 0);
        return masters.every((master) => all.filter((node) => node.masterId === master.id).length >= replicasPerMaster);
      },
      30_000,
      'replicas listed under their masters',
    );
  } catch (error) {
    await stop();
    throw error;
  }

  // Each node's own ROLE is authoritative: one node's CLUSTER NODES view may still call a master
  // that a failover just demoted a master (it then holds replica copies of the same keys).
  const masterPorts = async () => {
    const roles = await Promise.all(
      nodes.map(async (node) => ({ port: node.port, role: (await cli(node.port, 'ROLE').catch(() => '')).split('\n')[0]?.trim() })),
    );
    return roles.filter((node) => node.role === 'master').map((node) => node.port);
  };

  return {
    seeds: ports.map((port) => `127.0.0.1:${port}`).join(','),
    nodes,
    cli,
    masterPorts,
    async ownerOfSlot(slot: number) {
      const all = await clusterNodes();
      const master = all.find(
        (node) =>
          node.flags.includes('master') &&
          node.slots.some((range) => {
            const [from, to] = range.split('-').map(Number);
            return slot >= from! && slot <= (to ?? from)!;
          }),
      );
      if (!master) throw new Error(`no master serves slot ${slot}`);
      const replica = all.find((node) => node.masterId === master.id && node.flags.includes('slave'));
      return { master: master.port, replica: replica?.port };
    },
    async failover(replicaPort: number, timeoutMs = 30_000) {
      await cli(replicaPort, 'CLUSTER', 'FAILOVER');
      await waitFor(async () => (await cli(replicaPort, 'ROLE')).startsWith('master'), timeoutMs, `failover to ${replicaPort}`);
      for (const node of nodes) {
        await waitFor(async () => (await cli(node.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'), timeoutMs, `cluster state on ${node.port}`);
      }
    },
    async restart(port: number) {
      const node = nodes.find((candidate) => candidate.port === port);
      if (!node) throw new Error(`no node on ${port}`);
      if (node.process.exitCode === null && node.process.signalCode === null) throw new Error(`the node on ${port} still runs`);
      node.process = spawnNode(port);
      await waitFor(async () => (await cli(port, 'PING')).trim() === 'PONG', 20_000, `redis-server on ${port} after its restart`);
    },
    stop,
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
}
