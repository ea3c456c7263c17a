import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { AppError } from '../errors/app-error.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { redactUrl, type Logger } from '../logging/logger.ts';
import { guardClusterClient } from './cluster-client-guards.ts';
import { coalesceSocketWrites } from './coalesced-socket-writes.ts';

/**
 * Redis connections of the stack, to one Redis (REDIS_URL) or to a Redis Cluster
 * (REDIS_CLUSTER_NODES, which wins). Two flavours:
 * - `forBullWorker: true`: what BullMQ Workers and QueueEvents need (`maxRetriesPerRequest: null`,
 *   commands wait across reconnects instead of failing), also fine for long-lived worker-side clients;
 * - otherwise fail-fast options for the API's request path: once the connection has been ready,
 *   a command issued while Redis is away is refused at once (no offline queue), and a command
 *   that gets no answer (a Redis that hangs, a black-holed network) fails after `commandTimeoutMs`,
 *   so a request answers 503 within a second rather than hanging. Before the first `ready`,
 *   commands queue, so a process may use the connection right after creating it.
 * Every connection logs its faults quietly (DependencyFaultLog): once when it fails, then a summary
 * per interval with the count, then once when it is ready again.
 * On a cluster, redirections (MOVED, ASK), TRYAGAIN, CLUSTERDOWN and a master's failover are
 * retried by the client (ioredis Cluster), so callers never see them unless the cluster stays down.
 */

/** A client of either kind: both speak the same commands (a cluster routes each key to its node). */
export type RedisClient = Redis | Cluster;

/** Where Redis is, as the configuration says it (REDIS_CLUSTER_NODES wins when set). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string | undefined;
}

export type RedisTarget =
  | { kind: 'single'; url: string }
  /** `url` carries the credentials and TLS choice applied to every node. */
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; url: string };

export function redisTargetOf(settings: RedisSettings | string): RedisTarget {
  if (typeof settings === 'string') return { kind: 'single', url: settings };
  const seeds = settings.REDIS_CLUSTER_NODES?.trim();
  if (!seeds) return { kind: 'single', url: settings.REDIS_URL };
  const nodes = seeds.split(',').map((seed) => {
    const separator = seed.trim().lastIndexOf(':');
    return { host: seed.trim().slice(0, separator), port: Number(seed.trim().slice(separator + 1)) };
  });
  return { kind: 'cluster', nodes, url: settings.REDIS_URL };
}

/** For messages and logs: the URL with its password masked, or the cluster's seeds. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.kind === 'single') return `REDIS_URL=${redactUrl(target.url)}`;
  return `REDIS_CLUSTER_NODES=${target.nodes.map((node) => `${node.host}:${node.port}`).join(',')}`;
}

export interface RedisConnectionOptions {
  connectionName: string;
  forBullWorker?: boolean;
  logger: Logger;
  /** Fail-fast flavour: deadline of one command (default FAIL_FAST_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
  /** No byte for this long while a reply is awaited: the socket is replaced (default DEAD_SOCKET_TIMEOUT_MS). */
  deadSocketTimeoutMs?: number;
}

/** Commands of the fail-fast flavour give up after this long. */
export const FAIL_FAST_COMMAND_TIMEOUT_MS = 750;

/**
 * A connection that gets no byte for this long while it waits for a reply is dead (a half-open
 * socket: a network path that dropped without a reset, a proxy or NAT that forgot it): it is
 * destroyed and reconnected (ioredis `socketTimeout`). Without it, a command deadline only fails the
 * commands one by one, the socket is never replaced, and every later command fails too; a
 * connection without deadline (BullMQ's) waits forever. Longer than the longest block of a blocking
 * command we send (BullMQ's BZPOPMIN and QueueEvents' XREAD block up to 10 s).
 */
export const DEAD_SOCKET_TIMEOUT_MS = 20_000;
/** TCP keep-alive probes start after this much idle time (a dead peer is also found while idle). */
const KEEP_ALIVE_INITIAL_DELAY_MS = 10_000;

/** Reconnect forever with a capped backoff; each flavour decides what happens to commands meanwhile. */
const reconnectDelayMs = (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000);

/** user, password and TLS of a redis:// or rediss:// URL, applied to every node of a cluster. */
function credentialsOf(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  try {
    const parsed = new URL(url);
    return {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  } catch {
    return {};
  }
}

/** Cluster client options: redirections and failovers retried long enough to cover a failover. */
function clusterOptionsOf(target: Extract<RedisTarget, { kind: 'cluster' }>, redisOptions: RedisOptions, enableOfflineQueue: boolean): ClusterOptions {
  return {
    redisOptions: { ...credentialsOf(target.url), ...redisOptions },
    enableOfflineQueue,
    enableReadyCheck: true,
    scaleReads: 'master',
    clusterRetryStrategy: reconnectDelayMs,
    // 20 redirections 250 ms apart: a command waits up to ~5 s for a new master (manual or automatic failover).
    maxRedirections: 20,
    retryDelayOnFailover: 250,
    retryDelayOnClusterDown: 250,
    retryDelayOnTryAgain: 100,
    retryDelayOnMoved: 0,
    slotsRefreshTimeout: 2_000,
    slotsRefreshInterval: 5_000,
  };
}

export function createRedisConnection(settings: RedisSettings | string, options: RedisConnectionOptions): RedisClient {
  const { connectionName, forBullWorker = false, logger } = options;
  const target = redisTargetOf(settings);
  const commandTimeout = forBullWorker ? undefined : (options.commandTimeoutMs ?? FAIL_FAST_COMMAND_TIMEOUT_MS);
  const deadSocket: RedisOptions = { socketTimeout: deadSocketTimeoutFor(commandTimeout, options.deadSocketTimeoutMs), keepAlive: KEEP_ALIVE_INITIAL_DELAY_MS };
  const flavour: RedisOptions = forBullWorker
    ? { maxRetriesPerRequest: null, enableReadyCheck: true, ...deadSocket }
    : { maxRetriesPerRequest: 0, commandTimeout, ...deadSocket };
  const redis: RedisClient =
    target.kind === 'single'
      ? new Redis(target.url, { connectionName, retryStrategy: reconnectDelayMs, connectTimeout: 5_000, enableOfflineQueue: true, ...flavour })
      : guardClusterClient(new Cluster(target.nodes, clusterOptionsOf(target, { connectionName, connectTimeout: 5_000, ...flavour }, true)));
  // Commands written back to back leave in one socket write (coalesced-socket-writes.ts).
  coalesceSocketWrites(redis);
  const faults = new DependencyFaultLog(logger, { dependency: 'redis', connectionName, redis: describeRedisTarget(target) });
  const logError = (error: Error) => faults.failure(error, 'redis connection error');
  redis.on('error', logError);
  // A cluster also reports each node's own connection errors; they are retried by the client.
  if (target.kind === 'cluster') redis.on('node error', logError);
  redis.on('ready', () => {
    // From now on, a command sent while Redis is away fails at once instead of waiting in a queue.
    if (!forBullWorker) redis.options.enableOfflineQueue = false;
    faults.recovery('redis connection ready again');
  });
  return redis;
}

/**
 * Changes the deadline of every later command of a fail-fast connection. The API opens its
 * connection with a patient start-up deadline (a loaded machine can take seconds to answer the
 * first commands: BullMQ's version check, the token secret, subscriptions), then switches to its
 * request-path deadline once it listens. On a cluster the deadline lives on each node's client and
 * on the options the cluster gives the node clients it opens later (after a failover or a reshard).
 */
export function setCommandTimeout(redis: RedisClient, commandTimeoutMs: number): void {
  // The dead-socket timeout follows: a patient deadline must not be cut short by it.
  const timeouts = { commandTimeout: commandTimeoutMs, socketTimeout: deadSocketTimeoutFor(commandTimeoutMs) };
  if (redis instanceof Redis) {
    Object.assign(redis.options, timeouts);
    return;
  }
  for (const node of redis.nodes('all')) Object.assign(node.options, timeouts);
  // ioredis keeps the node options in its connection pool (not in the public API): later nodes get them.
  const pool = (redis as unknown as { connectionPool?: { redisOptions?: RedisOptions } }).connectionPool;
  if (pool?.redisOptions) Object.assign(pool.redisOptions, timeouts);
}

/**
 * The dead-socket timeout of a connection: DEAD_SOCKET_TIMEOUT_MS (or the one asked for), and never
 * shorter than its command deadline plus 5 s (the API's patient start-up deadline is 30 s by default:
 * a 20 s dead-socket timeout would fail its commands first).
 */
function deadSocketTimeoutFor(commandTimeoutMs: number | undefined, requestedMs?: number): number {
  const base = requestedMs ?? DEAD_SOCKET_TIMEOUT_MS;
  return commandTimeoutMs === undefined ? base : Math.max(base, commandTimeoutMs + 5_000);
}

/** Redis cannot be reached at start: the message says where we looked and how to get one. */
export class RedisUnreachableError extends AppError {
  constructor(settings: RedisSettings | string, cause?: unknown) {
    const target = redisTargetOf(settings);
    const reason = cause instanceof Error ? cause.message : cause === undefined ? 'no answer' : String(cause);
    const where = describeRedisTarget(target);
    super({
      code: 'redis_unreachable',
      status: 503,
      retryable: true,
      details: target.kind === 'single' ? { redisUrl: redactUrl(target.url) } : { redisClusterNodes: where },
      cause,
      message:
        target.kind === 'single'
          ? `Redis is not reachable at ${where} (${reason}). ` +
            'Start one with `redis-server --daemonize yes` or `docker run -p 6379:6379 redis:7`, ' +
            'or set REDIS_URL to a reachable Redis.'
          : `The Redis Cluster is not reachable at ${where} (${reason}). ` +
            'Check that the seeds are cluster nodes (`redis-cli -p PORT cluster info` says cluster_state:ok), ' +
            'or unset REDIS_CLUSTER_NODES to use REDIS_URL.',
    });
  }
}

/** Connects once, PINGs, disconnects. Throws RedisUnreachableError when that fails within `timeoutMs`. */
export async function assertRedisReachable(settings: RedisSettings | string, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const target = redisTargetOf(settings);
  let redis: RedisClient;
  try {
    const once: RedisOptions = { connectTimeout: timeoutMs, maxRetriesPerRequest: 0, connectionName: 'lac:reachability-check' };
    redis =
      target.kind === 'single'
        ? new Redis(target.url, { ...once, lazyConnect: true, retryStrategy: () => null, enableOfflineQueue: false })
        : new Cluster(target.nodes, { ...clusterOptionsOf(target, once, false), lazyConnect: true, clusterRetryStrategy: () => null });
  } catch (error) {
    throw new RedisUnreachableError(settings, error);
  }
  // The socket error (e.g. ECONNREFUSED) says more than ioredis' "Connection is closed.".
  let socketError: Error | undefined;
  const remember = (error: Error) => {
    socketError ??= error;
  };
  redis.on('error', remember);
  if (target.kind === 'cluster') redis.on('node error', remember);
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
    throw new RedisUnreachableError(settings, socketError ?? error);
  } finally {
    if (timer) clearTimeout(timer);
    redis.disconnect();
  }
}
