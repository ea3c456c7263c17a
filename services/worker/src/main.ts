/**
 * The worker's composition root, imported by its entry `start.ts`: `pnpm --filter @lac/worker start` (node --import tsx src/start.ts).
 * Config -> Redis check (exit 1 with its message) -> database pool and stores -> the chat pipeline
 * (live provider per key set, local otherwise; daily budget in Redis) -> startChatWorker. SIGTERM/SIGINT drain the
 * worker (active jobs finish within SHUTDOWN_GRACE_MS), close the pool, exit 0.
 */
import {
  assertDatabaseSchemaOrExit,
  databaseUnreachableHintOf,
  databaseUrlOf,
  redactUrl,
  createLogger,
  DependencyFaultLog,
  StopSignalsDuringStart,
  loadConfigOrExit,
  openStores,
  createChatPipeline,
  startEscalationService,
  ProviderStatusBoard,
  createCapabilities,
  startChatWorker,
  waitForRedisOrExit,
  createRedisConnection,
  eraseAfterJobsOfErasedConversations,
  guardStoreAgainstErasure,
  openConversationEraser,
  openPrivacyStore,
  startRetentionSweeper,
  openHandover,
  parseSupportHoursOrExit,
  startHandoverWorker,
  startHandoverWebhookOutboxSweep,
  withAnnouncedReplies,
  withHandover,
  operatorInboxServedReader,
  recentOperatorInboxServedReader,
  RedisKeys,
  loadDotEnvFileIfPresent,
  closeTogether,
  closeWithinDeadline,
  EXIT_HEADROOM_MS,
  quitOrDisconnect,
} from '@lac/core';
import { hostname } from 'node:os';
import { PgIngestStore, startIngestWorker } from '@lac/core/knowledge';

loadDotEnvFileIfPresent();

const config = loadConfigOrExit();
/** How often this worker publishes its providers' circuit states for /health and /metrics. */
const PROVIDER_STATUS_INTERVAL_MS = 5_000;

const logger = createLogger({ level: config.LOG_LEVEL, name: 'worker' });
/** A stop ends within this: the drain's grace, then the closes' margin (the backstop exits past it). */
const SHUTDOWN_DEADLINE_MS = config.SHUTDOWN_GRACE_MS + config.SHUTDOWN_CLOSE_MARGIN_MS;
// SIGTERM/SIGINT from the first line: before any job can run the process just exits; once one may
// (the escalation service delivers open cases as it starts), the drain runs as soon as it is ready.
const stopSignals = new StopSignalsDuringStart({
  shutdown: (signal) => void shutdown(signal),
  stopAtOnce: (signal) => {
    logger.info({ signal }, 'worker stopped before starting any job');
    process.exit(0);
  },
  deferred: (signal) => logger.info({ signal }, 'worker stopping as soon as it has started (its drain needs every part)'),
  // Still starting after the shutdown's own deadline (Redis or the database stopped answering): exit.
  deferredDeadlineMs: SHUTDOWN_DEADLINE_MS,
  deferredExpired: (signal) => {
    logger.error({ signal, deadlineMs: SHUTDOWN_DEADLINE_MS }, 'worker still starting at its stop deadline: exiting');
    process.exit(1);
  },
});

await waitForRedisOrExit(config, { waitSeconds: config.STARTUP_REDIS_WAIT_SECONDS, logger });

// Postgres (DATABASE_URL or the embedded database) or Supabase REST, per databaseModeOf(config).
// A query past WORKER_DB_QUERY_TIMEOUT_MS (a half-open connection never answers) fails and frees its job's slot.
const stores = openStores({ config, logger, applicationName: 'lac-worker', poolTimeouts: { queryTimeoutMillis: config.WORKER_DB_QUERY_TIMEOUT_MS } });
// A database without this version's migrations (a fresh DATABASE_URL): exit 1 naming `pnpm db:migrate`.
if (stores.pool) await assertDatabaseSchemaOrExit(stores.pool, redactUrl(databaseUrlOf(config)), logger, databaseUnreachableHintOf(config));
// Daily budget counters: a fail-fast connection (a provider call is refused rather than left hanging).
const budgetRedis = createRedisConnection(config, { connectionName: 'lac:worker:budget', logger });
const capabilities = await createCapabilities({ config, logger, redis: budgetRedis });
// Escalation cases (table escalations) and, with ESCALATION_WEBHOOK_URL, their delivery worker (queue `escalations`).
stopSignals.jobsMayRun();
const escalations = await startEscalationService({ config, store: stores.escalations, logger });
// GDPR erasure (docs/security.md): nothing is stored for an erased conversation, and a job of one is erased when it ends.
const erasure = openConversationEraser({ redis: budgetRedis, queuePrefix: config.QUEUE_PREFIX, store: openPrivacyStore(stores, config), logger });
// Hand-over to a person: the state is checked at each message's turn, replies are announced live,
// webhook events and the "nobody joined yet" notice go through the `handover` queue.
const supportHours = parseSupportHoursOrExit(config, 'worker');
const handover = openHandover({ config, stores, connection: budgetRedis, logger });
const handoverWorkerConnection = createRedisConnection(config, { connectionName: 'lac:worker:handover', forBullWorker: true, logger });
const handoverWorker = startHandoverWorker({ config, desk: handover.desk, supportHours, connection: handoverWorkerConnection, logger, erased: erasure.erased });
// Webhook events stored with their change but never queued (Redis refused the desk's add) are queued by this sweep.
const handoverOutbox = startHandoverWebhookOutboxSweep({
  store: handover.store,
  queue: handover.queue,
  webhookConfigured: Boolean(config.ESCALATION_WEBHOOK_URL),
  operatorWaitSeconds: config.HANDOVER_OPERATOR_WAIT_SECONDS,
  logger,
});
const agentsPipeline = createChatPipeline({
  embedder: capabilities.embedder,
  reranker: capabilities.reranker,
  router: capabilities.router,
  answerer: capabilities.answerer,
  // Postgres: hybrid retrieval (pgvector HNSW + French full text, RRF); Supabase: the match_documents RPC.
  retriever: stores.retriever,
  conversations: withAnnouncedReplies(guardStoreAgainstErasure(stores.conversations, erasure.erased), handover.desk),
  escalations: escalations.desk,
  settings: {
    historyMessages: config.HISTORY_MESSAGES,
    initialResults: config.RAG_INITIAL_RESULTS,
    rerankTopN: config.RAG_RERANK_TOP_N,
    similarityThreshold: config.RAG_SIMILARITY_THRESHOLD,
    historyTokenBudget: config.HISTORY_TOKEN_BUDGET,
  },
  logger,
});
// Whether a person can answer here: an API process serves the operators' inbox (operator-inbox-advert.ts). Read afresh
// for a hand-over; as read lately (at most every 30 s) for the other replies' offers of a person.
const inboxKeys = new RedisKeys(config.QUEUE_PREFIX);
const pipeline = withHandover(agentsPipeline, handover.desk, logger, {
  personCanAnswerHere: operatorInboxServedReader(budgetRedis, inboxKeys, logger),
  personCanAnswerHereRecently: recentOperatorInboxServedReader(budgetRedis, inboxKeys, logger),
});

// A worker whose queue connection is stuck takes no job ever again: it stops (exit 1) so that its
// supervisor (compose's restart policy, Kubernetes) starts a fresh one; its jobs are put back.
const handle = startChatWorker({ config, pipeline, logger, onFetchStuck: () => void shutdown('fetch stuck', 1) });
eraseAfterJobsOfErasedConversations({ handle, erased: erasure.erased, eraser: erasure.eraser, logger });
// Retention: conversations idle longer than RETENTION_DAYS are erased by a repeatable job (one scheduler for all workers).
const retentionConnection = createRedisConnection(config, { connectionName: 'lac:worker:retention', forBullWorker: true, logger });
const retention = startRetentionSweeper({ config, connection: retentionConnection, store: openPrivacyStore(stores, config), eraser: erasure.eraser, logger });
await retention.ready;
// Knowledge-base ingestion jobs (`pnpm ingest` enqueues them; progress shows in bull-board).
const ingestHandle = startIngestWorker({
  config,
  logger,
  // On Postgres the ingest store also re-embeds unchanged files made by another embedding model.
  store: stores.pool ? new PgIngestStore(stores.pool) : stores.knowledge,
  embedder: capabilities.embedder,
});
// Circuit breakers live in this process; /health and /metrics (API) read them from Redis.
const providerStatusBoard = new ProviderStatusBoard(budgetRedis, config.QUEUE_PREFIX);
const workerId = `${hostname()}:${process.pid}`;
// Quiet while Redis is down: one line when publishing starts failing, a summary per interval, the recovery.
const providerStatusFaults = new DependencyFaultLog(logger, { component: 'provider-status' });
const publishProviderStatus = () =>
  providerStatusBoard.publish(workerId, capabilities.providerStatus()).then(
    () => providerStatusFaults.recovery('provider status published again'),
    (error: unknown) => providerStatusFaults.failure(error, 'could not publish provider status'),
  );
void publishProviderStatus();
const providerStatusTimer = setInterval(publishProviderStatus, PROVIDER_STATUS_INTERVAL_MS);
providerStatusTimer.unref();
await handle.worker.waitUntilReady();
logger.info(
  { queue: config.CHAT_QUEUE_NAME, prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY, providers: capabilities.providerStatus() },
  'worker ready',
);

let stopping = false;
async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping');
  // A close that hangs on a connection that never comes back must not keep the process alive:
  // closeWithinDeadline abandons it, naming it; this backstop is for anything else.
  setTimeout(() => {
    logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'worker shutdown did not finish in time: exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  const closing = await closeWithinDeadline(
    [
      // The BullMQ workers drain together (their running jobs get SHUTDOWN_GRACE_MS): with Redis
      // stopped each one's close is given up after a few seconds (drain-worker.ts), one after the
      // other they took 20 s.
      {
        name: 'chat, ingest, escalation, retention and hand-over workers',
        // All of them ended (not Promise.all): one failing at once must not let the steps below
        // close the pool and the connections under the others' jobs still draining.
        close: () => closeTogether([() => handle.close(), () => ingestHandle.close(), () => escalations.close(), () => retention.close(), () => handoverWorker.close()]),
      },
      { name: 'hand-over webhook outbox sweep', close: () => handoverOutbox.close() },
      { name: 'retention connection', close: () => quitOrDisconnect(retentionConnection), abandon: () => retentionConnection.disconnect() },
      { name: 'erasure', close: () => erasure.close() },
      { name: 'hand-over queue', close: () => handover.close() },
      { name: 'hand-over connection', close: () => quitOrDisconnect(handoverWorkerConnection), abandon: () => handoverWorkerConnection.disconnect() },
      {
        name: 'provider status',
        close: async () => {
          clearInterval(providerStatusTimer);
          await providerStatusBoard.withdraw(workerId).catch(() => undefined);
        },
      },
      { name: 'database pool', close: () => stores.close() },
      { name: 'budget connection', close: () => quitOrDisconnect(budgetRedis), abandon: () => budgetRedis.disconnect() },
    ],
    { deadlineMs: SHUTDOWN_DEADLINE_MS - EXIT_HEADROOM_MS, logger, what: 'worker shutdown' },
  );
  // A close that failed (logged) or was abandoned: not a clean stop, exit 1 as before the named steps.
  if (closing.kind === 'abandoned' || closing.failed.length > 0) process.exit(1);
  logger.info('worker stopped');
  process.exit(exitCode);
}
// A stop received while starting runs now (stop-signals-during-start.ts).
stopSignals.ready();
