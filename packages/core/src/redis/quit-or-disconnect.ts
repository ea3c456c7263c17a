import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';

/** How long a QUIT may wait for its reply before the socket is dropped. */
export const QUIT_WAIT_MS = 1_000;

/**
 * Closes a connection: QUIT (its commands in flight get their replies), or the socket dropped when
 * Redis does not answer it within `waitMs`. A worker-flavoured connection has no command deadline:
 * on a black-holed Redis its QUIT waited until the dead-socket timeout (20 s), on a stopped one for
 * ever (it queues while reconnecting), and the process's shutdown with it.
 */
export async function quitOrDisconnect(redis: RedisClient, waitMs = QUIT_WAIT_MS): Promise<void> {
  const quit = redis.quit().then(
    () => true,
    () => false,
  );
  if (!(await Promise.race([quit, sleep(waitMs, false, { ref: false })]))) dropSockets(redis);
}

/**
 * `disconnect()` alone only ends the socket (a FIN, then ioredis destroys it after its 2 s
 * `disconnectTimeout` when the peer never closes its side, as a black-holed Redis does): the
 * connection stayed open, and the process's shutdown waited, 2 s more. The QUIT was given up, so
 * nothing is left to flush: the sockets are destroyed at once.
 */
function dropSockets(redis: RedisClient): void {
  const nodes = redis instanceof Redis ? [redis] : redis.nodes('all');
  redis.disconnect();
  for (const node of nodes) node.stream?.destroy();
}
