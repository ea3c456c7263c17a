import type { Cluster } from 'ioredis';

/**
 * Two ioredis 6 Cluster transitions that never finish after a node was lost, and that BullMQ's
 * blocking connections wait for when they reset after a fault (`RedisConnection.reconnect` and
 * `disconnect`, in the worker's fetch loop). Either left a worker that never took another job,
 * until the fetch watchdog stopped its process (docs/durability.md, "A worker that stops taking
 * jobs"). `guardClusterClient` makes both finish, on a cluster client and on its duplicates
 * (BullMQ's blocking connections are `duplicate()`s of the one it is given):
 *
 * - `connect()` settles: resolved once the cluster is ready (this attempt or a later one), rejected
 *   when it ends. ioredis loses the promise of an attempt whose ready check meets
 *   `cluster_state:fail` (a master SIGKILLed, its replica not promoted yet): it reconnects with
 *   `disconnect(true)` after removing the listeners that would have settled it (ioredis pull request
 *   #741, never merged). One pair of listeners serves every pending attempt: ioredis also calls
 *   `connect()` itself at each retry, and a long outage must not pile up listeners.
 * - `disconnect()` ends: the cluster reaches `close` when its last node connection has ended, and a
 *   cluster whose node connections were all dropped already (every master lost, or between two
 *   reconnection attempts) has none left to end: it stayed `disconnecting` for ever, and BullMQ's
 *   `disconnect()` waits for `end`. Its empty pool is drained here.
 */
export function guardClusterClient(cluster: Cluster): Cluster {
  settleConnects(cluster);
  endDisconnects(cluster);
  const duplicate = cluster.duplicate.bind(cluster);
  cluster.duplicate = (...args: Parameters<Cluster['duplicate']>) => guardClusterClient(duplicate(...args));
  return cluster;
}

function settleConnects(cluster: Cluster): void {
  const pending = new Set<{ resolve: () => void; reject: (error: Error) => void }>();
  const settleAll = (outcome: 'ready' | 'end') => {
    for (const attempt of [...pending]) {
      pending.delete(attempt);
      if (outcome === 'ready') attempt.resolve();
      else attempt.reject(new Error('Connection is closed.'));
    }
  };
  cluster.on('ready', () => settleAll('ready'));
  cluster.on('end', () => settleAll('end'));

  const connect = cluster.connect.bind(cluster);
  cluster.connect = () =>
    new Promise<void>((resolve, reject) => {
      const attempt = { resolve, reject };
      pending.add(attempt);
      connect().then(
        () => {
          pending.delete(attempt);
          resolve();
        },
        (error: unknown) => {
          pending.delete(attempt);
          reject(error);
        },
      );
    });
}

/** ioredis internals the guard completes (not in its public types). */
type ClusterInternals = { connectionPool: { emit(event: 'drain'): void }; handleCloseEvent(): void };

function endDisconnects(cluster: Cluster): void {
  const disconnect = cluster.disconnect.bind(cluster);
  cluster.disconnect = (reconnect?: boolean) => {
    const noNode = cluster.nodes('all').length === 0;
    disconnect(reconnect);
    // No node left to end (every one already dropped): the pool will never drain by itself.
    if (noNode && cluster.status === 'disconnecting') {
      const internals = cluster as unknown as ClusterInternals;
      internals.connectionPool.emit('drain');
      // 'close' is handled by the listener connect() left, when one is left: else handle it here.
      setImmediate(() => {
        if (cluster.status === 'close') internals.handleCloseEvent();
      });
    }
  };
}
