import {
  checkRedisReachable,
  DatabaseReadOnlyError,
  type RedisClient,
  healthSchema,
  type AppConfig,
  type Health,
  latestCallLatencyOf,
  openCircuitsOf,
  providerNames,
  type ProviderName,
  type PublishedProviderStatus,
} from '@lac/core';
import type { z } from 'zod';
import type { QueueCountsSource } from '../metrics/api-metrics.ts';

type ServiceHealth = z.infer<typeof healthSchema>['services']['redis'];

export interface HealthCheckDependencies {
  /** Redis client of the API (one Redis: PING; a cluster: its state, see checkRedisReachable). */
  redis: RedisClient;
  /**
   * Key the Redis probe also writes (SET with a 60 s expiry): a Redis that answers PING but refuses
   * writes (OOM at maxmemory with noeviction, NOREPLICAS, a read-only replica, MISCONF) takes no
   * message, and was reported up while every post got 503 (fault probe).
   */
  redisWriteProbeKey?: string;
  /** Pings the database (ConversationStore.ping). */
  pingDatabase: () => Promise<void>;
  queue: QueueCountsSource;
  config: Pick<AppConfig, 'OPENROUTER_API_KEY' | 'OPENAI_API_KEY' | 'COHERE_API_KEY'>;
  /** Deadline of each probe; a slower dependency is reported down. */
  timeoutMs?: number;
  /**
   * The database probe's deadline, when its pool bounds its own calls (databaseProbeTimeoutMsOf):
   * a ping that must first open a connection gets the handshake's time. Else `timeoutMs`.
   */
  databaseProbeTimeoutMs?: number;
  /** What the workers publish of their providers (circuit states); modes come from the keys when absent. */
  providerStatusBoard?: { readFresh(): Promise<PublishedProviderStatus[]> };
}

/**
 * Deadline of each probe. The probes run in parallel, so /health answers within about this long
 * (well under a second) whatever is down or hanging.
 */
export const HEALTH_PROBE_TIMEOUT_MS = 600;

/**
 * The probes' deadline in this API: a dependency is down for /health when a request would fail on
 * it, so never shorter than the request path's own deadline (API_DEPENDENCY_TIMEOUT_MS). A
 * database slower than 600 ms but within 800 ms answered every request while /health said it was
 * down, and a load balancer would have pulled a working API.
 */
export function healthProbeTimeoutMs(config: Pick<AppConfig, 'API_DEPENDENCY_TIMEOUT_MS'>): number {
  return Math.max(HEALTH_PROBE_TIMEOUT_MS, config.API_DEPENDENCY_TIMEOUT_MS);
}

/**
 * The database probe's deadline over a Postgres pool with the request path's timeouts
 * (requestPathPoolTimeouts): a new connection's whole handshake, then the query. With only the
 * query's deadline, a quiet API whose idle connections had closed reported a database 300 ms away
 * down (its SCRAM handshake alone is 1.3 s) while every request worked. A silent database is
 * still found within one deadline: the pool fails the handshake's silent round trip, or the
 * query, by itself.
 */
export function databaseProbeTimeoutMsOf(poolTimeouts: { connectionTimeoutMillis?: number; queryTimeoutMillis?: number }, timeoutMs: number): number {
  return Math.max(timeoutMs, (poolTimeouts.connectionTimeoutMillis ?? 0) + (poolTimeouts.queryTimeoutMillis ?? 0));
}

/** Life of the key the Redis probe writes: one small key, gone a minute after the last probe. */
const REDIS_WRITE_PROBE_TTL_MS = 60_000;

class ProbeTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

/** `statusOnError`: what a failed check makes the service (down unless it says otherwise). */
async function probe(
  check: () => Promise<string | undefined>,
  timeoutMs: number,
  statusOnError: (error: unknown) => ServiceHealth['status'] = () => 'down',
): Promise<ServiceHealth> {
  const startedAt = performance.now();
  try {
    const detail = await withDeadline(check(), timeoutMs);
    const health: ServiceHealth = { status: 'up', latency_ms: roundMs(performance.now() - startedAt) };
    if (detail !== undefined) health.detail = detail;
    return health;
  } catch (error) {
    return {
      status: statusOnError(error),
      latency_ms: roundMs(performance.now() - startedAt),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeoutError(timeoutMs)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function roundMs(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A provider is `live` when its key is set, `local` (offline components) otherwise; never probed
 * over the network (a probe would cost money). Its latency is that of the latest successful call a
 * worker made to it (absent before the first one); a local component runs in the worker's own
 * process, with no network between: 0. It is `degraded` while a fresh worker reports one of its
 * circuits open.
 */
function providerHealth(key: string | undefined, provider: ProviderName, published: PublishedProviderStatus[]): ServiceHealth {
  const latency = key ? latestCallLatencyOf(published, provider) : 0;
  const health: ServiceHealth = { status: 'up', mode: key ? 'live' : 'local', ...(latency === undefined ? {} : { latency_ms: latency }) };
  const open = openCircuitsOf(published, provider);
  if (open.length > 0) {
    health.status = 'degraded';
    health.detail = `circuit open: ${open.join(', ')}`;
  }
  return health;
}

/** The queue's detail when no worker has published its status within the board's freshness window. */
export const NO_WORKER_DETAIL = 'no worker has reported recently: messages wait in the queue until one runs';

/**
 * A database that answers but refuses writes is `degraded`, not down: visitors still post and read,
 * their answers wait (put back, not failed) until it takes writes again.
 */
function readOnlyIsDegraded(error: unknown): ServiceHealth['status'] {
  return error instanceof DatabaseReadOnlyError ? 'degraded' : 'down';
}

/**
 * Builds the `GET /health` probe: Redis ping (a cluster's state), database ping, queue counts (in parallel, each
 * with a deadline), provider modes. Redis or database down → unhealthy (the API cannot take
 * messages); queue counts unreadable, or no worker alive (none has published its status on the
 * provider status board lately) → degraded: messages are accepted but nobody answers them.
 */
export function createHealthCheck(dependencies: HealthCheckDependencies): () => Promise<Health> {
  const timeoutMs = dependencies.timeoutMs ?? HEALTH_PROBE_TIMEOUT_MS;
  return async () => {
    // undefined: not known (no board, or it could not be read), as opposed to "no worker at all".
    const publishedStatuses = dependencies.providerStatusBoard
      ? withDeadline(dependencies.providerStatusBoard.readFresh(), timeoutMs).catch((): undefined => undefined)
      : Promise.resolve(undefined);
    const [redis, database, queueProbe, freshWorkers] = await Promise.all([
      probe(async () => {
        // Both commands leave together (one round trip, as a request's own commands each get the
        // deadline): sent one after the other, a Redis 400 ms away was down for /health while
        // every request still worked (latency-proxy probe).
        const [detail] = await Promise.all([
          checkRedisReachable(dependencies.redis),
          dependencies.redisWriteProbeKey === undefined ? undefined : dependencies.redis.set(dependencies.redisWriteProbeKey, String(Date.now()), 'PX', REDIS_WRITE_PROBE_TTL_MS),
        ]);
        return detail;
      }, timeoutMs),
      probe(async () => {
        await dependencies.pingDatabase();
        return undefined;
      }, dependencies.databaseProbeTimeoutMs ?? timeoutMs, readOnlyIsDegraded),
      probe(async () => {
        const counts = await dependencies.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
        return `waiting=${counts.waiting ?? 0} active=${counts.active ?? 0} delayed=${counts.delayed ?? 0} prioritized=${counts.prioritized ?? 0} failed=${counts.failed ?? 0}`;
      }, timeoutMs),
      publishedStatuses,
    ]);
    const published: PublishedProviderStatus[] = freshWorkers ?? [];
    // Every worker publishes its status every few seconds: none fresh means nobody answers messages.
    const queue: ServiceHealth =
      queueProbe.status === 'up' && freshWorkers !== undefined && freshWorkers.length === 0
        ? { ...queueProbe, status: 'degraded', detail: [queueProbe.detail, NO_WORKER_DETAIL].filter(Boolean).join('; ') }
        : queueProbe;
    const keys = {
      openrouter: dependencies.config.OPENROUTER_API_KEY,
      openai: dependencies.config.OPENAI_API_KEY,
      cohere: dependencies.config.COHERE_API_KEY,
    };
    const providers = Object.fromEntries(
      providerNames.map((provider) => [provider, providerHealth(keys[provider], provider, published)]),
    ) as Record<ProviderName, ServiceHealth>;
    const anyProviderDegraded = providerNames.some((provider) => providers[provider].status === 'degraded');
    const status: Health['status'] =
      redis.status === 'down' || database.status === 'down'
        ? 'unhealthy'
        : queue.status !== 'up' || database.status !== 'up' || anyProviderDegraded
          ? 'degraded'
          : 'healthy';
    // Redis, the database and the queue are real services in either mode.
    return healthSchema.parse({
      status,
      timestamp: new Date().toISOString(),
      services: {
        redis: { ...redis, mode: 'live' },
        database: { ...database, mode: 'live' },
        queue: { ...queue, mode: 'live' },
        ...providers,
      },
    });
  };
}
