import type { Cluster } from 'ioredis';

/**
 * Makes every `connect()` of an ioredis Cluster settle: resolved once the cluster is ready (this
 * attempt or a later one), rejected when it ends. ioredis 6 loses the promise of an attempt whose
 * ready check fails (`cluster_state:fail` while a master is down and its replica not promoted
 * yet): it reconnects with `disconnect(true)` after removing the listeners that would have settled
 * it, and the later attempt that succeeds settles only its own promise (ioredis pull request #741,
 * never merged). BullMQ's blocking connections await that promise when they reset after a fault
 * (`RedisConnection.reconnect`), so a worker whose queue master was SIGKILLed under traffic waited
 * for ever, its fetch loop parked, until the fetch watchdog stopped the process (a drill:
 * both workers of a stack, and their hand-over and ingest workers, after a failover of the queue's
 * master).
 *
 * Applied to the duplicates too: BullMQ's blocking connections are `duplicate()`s of the one it
 * is given. One pair of listeners per client serves every pending attempt (ioredis also calls
 * `connect()` itself at each retry; a long outage must not pile up listeners).
 */
export function settleClusterConnects(cluster: Cluster): Cluster {
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

  const duplicate = cluster.duplicate.bind(cluster);
  cluster.duplicate = (...args: Parameters<Cluster['duplicate']>) => settleClusterConnects(duplicate(...args));
  return cluster;
}
