import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../errors/app-error.ts';
import { redactUrl, type Logger } from '../logging/logger.ts';

/**
 * Redis connections of the stack. Two flavours:
 * - `forBullWorker: true`: what BullMQ Workers and QueueEvents need (`maxRetriesPerRequest: null`,
 *   commands wait across reconnects instead of failing), also fine for long-lived worker-side clients;
 * - otherwise fail-fast options for the API's request path: a command issued while Redis is away
 *   fails within a couple of seconds (no endless offline queue), so a request answers 503 rather than hanging.
 */

export interface RedisConnectionOptions {
  connectionName: string;
  forBullWorker?: boolean;
  logger: Logger;
}

/** Commands of the fail-fast flavour give up after this long. */
export const FAIL_FAST_COMMAND_TIMEOUT_MS = 5_000;

export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const { connectionName, forBullWorker = false, logger } = options;
  const common: RedisOptions = {
    connectionName,
    // Reconnect forever with a capped backoff; each flavour decides what happens to commands meanwhile.
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
    connectTimeout: 5_000,
  };
  const flavour: RedisOptions = forBullWorker
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: true,
        commandTimeout: FAIL_FAST_COMMAND_TIMEOUT_MS,
      };
  const redis = new Redis(url, { ...common, ...flavour });
  let lastErrorLoggedAt = 0;
  redis.on('error', (error: Error) => {
    // ioredis emits an error on every failed reconnect: log at most one per 5 s.
    const now = Date.now();
    if (now - lastErrorLoggedAt < 5_000) return;
    lastErrorLoggedAt = now;
    logger.warn({ connectionName, redisUrl: redactUrl(url), err: error.message }, 'redis connection error');
  });
  return redis;
}

/** Redis cannot be reached at start: the message says where we looked and how to get one. */
export class RedisUnreachableError extends AppError {
  constructor(url: string, cause?: unknown) {
    const reason = cause instanceof Error ? cause.message : cause === undefined ? 'no answer' : String(cause);
    super({
      code: 'redis_unreachable',
      status: 503,
      retryable: true,
      details: { redisUrl: redactUrl(url) },
      cause,
      message:
        `Redis is not reachable at REDIS_URL=${redactUrl(url)} (${reason}). ` +
        'Start one with `redis-server --daemonize yes` or `docker run -p 6379:6379 redis:7`, ' +
        'or set REDIS_URL to a reachable Redis.',
    });
  }
}

/** Connects once, PINGs, disconnects. Throws RedisUnreachableError when that fails within `timeoutMs`. */
export async function assertRedisReachable(url: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  let redis: Redis;
  try {
    redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
      connectionName: 'lac:reachability-check',
    });
  } catch (error) {
    throw new RedisUnreachableError(url, error);
  }
  // The socket error (e.g. ECONNREFUSED) says more than ioredis' "Connection is closed.".
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => {
    socketError ??= error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new RedisUnreachableError(url, socketError ?? error);
  } finally {
    if (timer) clearTimeout(timer);
    redis.disconnect();
  }
}

/**
 * For process entry points: stops within seconds, exit code 1, with the message that names
 * REDIS_URL and how to get a Redis, when Redis cannot be reached.
 */
export async function assertRedisReachableOrExit(url: string, options: { timeoutMs?: number } = {}): Promise<void> {
  try {
    await assertRedisReachable(url, { timeoutMs: options.timeoutMs ?? 3000 });
  } catch (error) {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exit(1);
  }
}
