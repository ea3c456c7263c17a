import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../errors/app-error.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { redactUrl, type Logger } from '../logging/logger.ts';

/**
 * Redis connections of the stack. Two flavours:
 * - `forBullWorker: true`: what BullMQ Workers and QueueEvents need (`maxRetriesPerRequest: null`,
 *   commands wait across reconnects instead of failing), also fine for long-lived worker-side clients;
 * - otherwise fail-fast options for the API's request path: once the connection has been ready,
 *   a command issued while Redis is away is refused at once (no offline queue), and a command
 *   that gets no answer (a Redis that hangs, a black-holed network) fails after `commandTimeoutMs`,
 *   so a request answers 503 within a second rather than hanging. Before the first `ready`,
 *   commands queue, so a process may use the connection right after creating it.
 *
 * Every connection logs its faults quietly (DependencyFaultLog): once when it fails, then a summary
 * per interval with the count, then once when it is ready again.
 */

export interface RedisConnectionOptions {
  connectionName: string;
  forBullWorker?: boolean;
  logger: Logger;
  /** Fail-fast flavour: deadline of one command (default FAIL_FAST_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
}

/** Commands of the fail-fast flavour give up after this long. */
export const FAIL_FAST_COMMAND_TIMEOUT_MS = 750;

export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const { connectionName, forBullWorker = false, logger } = options;
  const common: RedisOptions = {
    connectionName,
    // Reconnect forever with a capped backoff; each flavour decides what happens to commands meanwhile.
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
    connectTimeout: 5_000,
  };
  const flavour: RedisOptions = forBullWorker
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : {
        maxRetriesPerRequest: 0,
        enableOfflineQueue: true,
        commandTimeout: options.commandTimeoutMs ?? FAIL_FAST_COMMAND_TIMEOUT_MS,
      };
  const redis = new Redis(url, { ...common, ...flavour });
  const faults = new DependencyFaultLog(logger, { dependency: 'redis', connectionName, redisUrl: redactUrl(url) });
  redis.on('error', (error: Error) => faults.failure(error, 'redis connection error'));
  redis.on('ready', () => {
    // From now on, a command sent while Redis is away fails at once instead of waiting in a queue.
    if (!forBullWorker) redis.options.enableOfflineQueue = false;
    faults.recovery('redis connection ready again');
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
