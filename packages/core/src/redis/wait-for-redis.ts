import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.ts';
import { assertRedisReachable, RedisUnreachableError, type RedisSettings } from './redis-connection.ts';

/** Pause between two reachability checks while a process waits for Redis at start. */
const RECHECK_PAUSE_MS = 1_000;
/** While waiting, a line at the first failure, then one this often. */
const WAITING_LOG_EVERY_MS = 10_000;

/**
 * Waits until Redis answers, checking it again every second for up to `waitSeconds` (0: one check).
 * A process started while Redis blinks (a restart of the API or a worker during a Redis failover)
 * comes up when Redis is back instead of exiting and staying down without a supervisor. Logs a
 * warning at the first failure and every 10 s after; throws the last RedisUnreachableError (its
 * message names REDIS_URL or REDIS_CLUSTER_NODES and how to get a Redis) once the wait is over.
 */
export async function waitForRedis(
  settings: RedisSettings | string,
  options: { waitSeconds: number; logger?: Logger; checkTimeoutMs?: number },
): Promise<void> {
  const giveUpAt = Date.now() + options.waitSeconds * 1000;
  let lastLoggedAt: number | undefined;
  for (;;) {
    try {
      await assertRedisReachable(settings, { timeoutMs: options.checkTimeoutMs ?? 3_000 });
      if (lastLoggedAt !== undefined) options.logger?.info('Redis reachable: starting');
      return;
    } catch (error) {
      if (!(error instanceof RedisUnreachableError) || Date.now() + RECHECK_PAUSE_MS > giveUpAt) throw error;
      const now = Date.now();
      if (lastLoggedAt === undefined || now - lastLoggedAt >= WAITING_LOG_EVERY_MS) {
        lastLoggedAt = now;
        options.logger?.warn({ err: error.message, giveUpInSeconds: Math.ceil((giveUpAt - now) / 1000) }, 'Redis not reachable yet: waiting for it before starting');
      }
      await sleep(RECHECK_PAUSE_MS);
    }
  }
}

/**
 * For process entry points: waitForRedis, then, if Redis never answered, the message that names
 * REDIS_URL (or REDIS_CLUSTER_NODES) and how to get a Redis on stderr, and exit code 1.
 */
export async function waitForRedisOrExit(settings: RedisSettings | string, options: { waitSeconds: number; logger?: Logger }): Promise<void> {
  try {
    await waitForRedis(settings, options);
  } catch (error) {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exit(1);
  }
}
