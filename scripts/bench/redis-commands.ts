/**
 * Server-side command counts for `pnpm bench` (INFO commandstats, every master of a cluster) and
 * the clean-up of a run's keys.
 */
import { Cluster } from 'ioredis';
import type { RedisClient as Redis } from '@lac/core';
import { round } from './statistics.ts';

export type CommandCalls = Map<string, number>;

/** Calls per Redis command since the server started (INFO commandstats). */
export async function redisCommandCalls(redis: Redis): Promise<CommandCalls> {
  // On a cluster, every master's figures added up (replicas only replay what masters ran).
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const calls: CommandCalls = new Map();
  for (const node of nodes) {
    const info = await node.info('commandstats');
    for (const match of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) calls.set(match[1]!, (calls.get(match[1]!) ?? 0) + Number(match[2]));
  }
  return calls;
}

/**
 * CPU seconds the Redis server(s) used since they started (INFO cpu, user + system, the main
 * thread and its children; every master of a cluster added up). Both the server and this process
 * share the machine's cores, so a side's throughput is bounded by whichever saturates first.
 */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  let seconds = 0;
  for (const node of nodes) {
    const info = await node.info('cpu');
    for (const field of ['used_cpu_sys', 'used_cpu_user']) seconds += Number(new RegExp(`${field}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  }
  return seconds;
}

/** Adds the calls made between two readings to `into` (per command). */
export function addCommandDelta(into: CommandCalls, before: CommandCalls, after: CommandCalls): void {
  for (const [command, calls] of after) {
    const delta = calls - (before.get(command) ?? 0);
    if (delta > 0) into.set(command, (into.get(command) ?? 0) + delta);
  }
}

/** Commands per message, in total and per command (largest first). */
export function commandsPerMessage(calls: CommandCalls, messages: number): { total: number; by_command: Record<string, number> } {
  const perCommand: Array<[string, number]> = [];
  let total = 0;
  for (const [command, count] of calls) {
    total += count;
    perCommand.push([command, round(count / messages, 2)]);
  }
  perCommand.sort((a, b) => b[1] - a[1]);
  return { total: round(total / messages, 1), by_command: Object.fromEntries(perCommand) };
}

/** Removes the run's keys (BullMQ's `{prefix}` and ours `prefix`), node by node on a cluster. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const namespace = prefix.replace(/[{}]/g, '');
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    for (const pattern of [`${namespace}:*`, `{${namespace}}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) await node.unlink(key);
      } while (cursor !== '0');
    }
  }
}
