import { setTimeout as sleep } from 'node:timers/promises';
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
  if (!(await Promise.race([quit, sleep(waitMs, false, { ref: false })]))) redis.disconnect();
}
