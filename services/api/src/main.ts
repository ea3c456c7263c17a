/**
 * The API process (composition root), imported by its entry `start.ts`: `pnpm --filter @lac/api start`.
 *
 * loadConfig → Redis reachable (else exit 1 with the message naming REDIS_URL) → Redis
 * connection, chat queue, rate limiter, submitter, job reader, one event hub → database pool
 * and stores → createApp → listen on HOST:PORT. SIGTERM/SIGINT: stop accepting connections,
 * end long-polls and SSE streams (they answer with the current state / close so clients
 * reconnect elsewhere), wait for in-flight requests, close everything, exit 0.
 */
import { createWidgetRouter } from '@lac/widget';
import { createServer, type Server } from 'node:http';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Registry } from 'prom-client';
import {
  assertDatabaseSchemaOrExit,
  databaseUnreachableHintOf,
  databaseUrlOf,
  redactUrl,
  waitForRedisOrExit,
  createEscalationQueue,
  createIngestQueue,
  createLogger,
  createRedisConnection,
  loadConfigOrExit,
  parseSupportHoursOrExit,
  openPrivacyStore,
  openStores,
  requestPathPoolTimeouts,
  ProviderStatusBoard,
  setCommandTimeout,
  loadDotEnvFileIfPresent,
  closeWithinDeadline,
  releaseStopSignalsWhileLoading,
  EXIT_HEADROOM_MS,
  quitOrDisconnect,
} from '@lac/core';
import { registerProviderCircuitMetrics } from './metrics/provider-circuit-metrics.ts';
import { answerClientErrorsInErrorFormat } from './http/client-error-answers.ts';
import { answerClientsThatHalfClose } from './http/half-closed-connections.ts';
import { endKeepAliveOnStop } from './http/keep-alive-end-on-stop.ts';
import { applyServerLimits, DEADLINE_CHECK_INTERVAL_MS, defaultConnectionCeiling, defaultConnectionsPerAddress } from './http/server-limits.ts';
import { databaseProbeTimeoutMsOf, healthProbeTimeoutMs } from './health/health-check.ts';
import { wireApi } from './wire-api.ts';
import { wireHandover } from './wire-handover.ts';

/** Longest time to receive a request's headers, then its whole body. */
const REQUEST_HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_RECEIVE_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  loadDotEnvFileIfPresent();
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'api' });
  // The worker reads them to tell visitors when the team answers: refused here too.
  parseSupportHoursOrExit(config, 'api');

  await waitForRedisOrExit(config, { waitSeconds: config.STARTUP_REDIS_WAIT_SECONDS, logger });

  // Fail fast on the request path: a command waits at most API_DEPENDENCY_TIMEOUT_MS, none while Redis is known down.
  // Until the API listens, start-up commands get a patient deadline: a slow first answer must not stop the process.
  const redis = createRedisConnection(config, { connectionName: 'lac:api', logger, commandTimeoutMs: config.API_STARTUP_COMMAND_TIMEOUT_MS });
  // Shown in bull-board beside the chat queue; the API only reads them.
  const dashboardQueues: Queue[] = [createIngestQueue({ connection: redis, config }), createEscalationQueue({ connection: redis, config })];
  // Postgres (DATABASE_URL or the embedded database) or Supabase REST, per databaseModeOf(config).
  // Fail fast too: a query, or a round trip of a new connection's handshake, that takes longer than
  // API_DEPENDENCY_TIMEOUT_MS answers 503.
  const poolTimeouts = requestPathPoolTimeouts(config.API_DEPENDENCY_TIMEOUT_MS, config.API_DATABASE_FAIL_FAST);
  const stores = openStores({ config, logger, applicationName: 'lac-api', poolTimeouts });
  // A database without this version's migrations (a fresh DATABASE_URL): exit 1 naming `pnpm db:migrate`.
  if (stores.pool) await assertDatabaseSchemaOrExit(stores.pool, redactUrl(databaseUrlOf(config)), logger, databaseUnreachableHintOf(config));
  const conversations = stores.conversations;
  const metricsRegistry = new Registry();
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'lac_api_' });
  const providerStatusBoard = new ProviderStatusBoard(redis, config.QUEUE_PREFIX);
  registerProviderCircuitMetrics(metricsRegistry, providerStatusBoard);
  // A person takes over: operator routes, conversation state and event stream (one subscription).
  const handover = await wireHandover({ config, stores, redis, logger });
  dashboardQueues.push(handover.queue);
  const api = await wireApi({
    config,
    logger,
    redis,
    conversations,
    privacyStore: openPrivacyStore(stores, config),
    metricsRegistry,
    pingDatabase: () => stores.ping(),
    // Over a Postgres pool, a ping that must open a connection first gets the handshake's time.
    ...(stores.pool ? { databaseProbeTimeoutMs: databaseProbeTimeoutMsOf(poolTimeouts, healthProbeTimeoutMs(config)) } : {}),
    providerStatusBoard,
    statsStore: stores.stats,
    extras: { widgetRouter: createWidgetRouter({ logger }), dashboardQueues, escalations: stores.escalations, handover: handover.port },
  });

  const server: Server = createServer({ connectionsCheckingInterval: DEADLINE_CHECK_INTERVAL_MS }, api.app).listen(config.PORT, config.HOST);
  answerClientErrorsInErrorFormat(server, { maxBodyBytes: config.MAX_BODY_BYTES });
  answerClientsThatHalfClose(server);
  const keepAlive = endKeepAliveOnStop(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch((error: NodeJS.ErrnoException) => {
    logger.fatal({ err: error, host: config.HOST, port: config.PORT }, 'cannot listen');
    process.exit(1);
  });
  setCommandTimeout(redis, config.API_DEPENDENCY_TIMEOUT_MS);
  applyServerLimits(
    server,
    {
      headersTimeoutMs: REQUEST_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_RECEIVE_TIMEOUT_MS,
      keepAliveTimeoutMs: 5_000,
      // Behind a reverse proxy every connection comes from the proxy's address: it limits them.
      maxConnectionsPerAddress: config.TRUST_PROXY === undefined ? (config.MAX_CONNECTIONS_PER_ADDRESS ?? defaultConnectionsPerAddress()) : 0,
      loopbackCounted: config.CLIENT_LIMITS_ON_LOOPBACK,
      maxConnections: defaultConnectionCeiling(),
    },
    logger,
  );
  logger.info({ host: config.HOST, port: config.PORT, queue: config.CHAT_QUEUE_NAME, prefix: config.QUEUE_PREFIX }, 'api listening');

  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'api stopping: no new connections, ending long-polls and streams');
    // In-flight requests get API_SHUTDOWN_DRAIN_MS, then closing the queues, event hubs, pool and Redis
    // connections SHUTDOWN_CLOSE_MARGIN_MS: a close that waits on a dependency that is down (Redis
    // stopped before the API) must not keep the process alive. It then exits 1.
    const stoppingAt = Date.now();
    const deadlineMs = config.API_SHUTDOWN_DRAIN_MS + config.SHUTDOWN_CLOSE_MARGIN_MS;
    setTimeout(() => {
      logger.error({ deadlineMs }, 'api shutdown did not finish in time: exiting');
      process.exit(1);
    }, deadlineMs).unref();
    // Connections busy now close once answered: kept alive, they would bring new requests all through the drain.
    keepAlive.stopKeepingAlive();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    api.abortRequests();
    server.closeIdleConnections();
    const drainTimer = setTimeout(() => {
      logger.warn({ drainMs: config.API_SHUTDOWN_DRAIN_MS }, 'requests still open after the drain delay: closing their connections');
      server.closeAllConnections();
    }, config.API_SHUTDOWN_DRAIN_MS);
    await closed;
    clearTimeout(drainTimer);
    // The closes get SHUTDOWN_CLOSE_MARGIN_MS from the drain's end (within the shutdown's deadline):
    // a close waiting on a Redis that is down is abandoned, named in the log, and the process exits 1.
    const closing = await closeWithinDeadline(
      [
        ...api.closeSteps(),
        ...handover.closeSteps(),
        { name: 'dashboard queues', close: () => Promise.all(dashboardQueues.map((dashboardQueue) => dashboardQueue.close())) },
        { name: 'database pool', close: () => stores.close() },
        { name: 'redis connection', close: () => quitOrDisconnect(redis), abandon: () => redis.disconnect() },
      ],
      { deadlineMs: Math.min(config.SHUTDOWN_CLOSE_MARGIN_MS, stoppingAt + deadlineMs - Date.now() - EXIT_HEADROOM_MS), logger, what: 'api shutdown' },
    );
    if (closing.kind === 'abandoned') process.exit(1);
    logger.info('api stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // Until now a stop exited 0 at once (start.ts: nothing accepted yet); from now on it drains.
  releaseStopSignalsWhileLoading();
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
