import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type pg from 'pg';
import { Registry } from 'prom-client';
import type { DestinationStream } from 'pino';
import {
  eraseAfterJobsOfErasedConversations,
  guardStoreAgainstErasure,
  openConversationEraser,
  createLogger,
  createPgStores,
  createRedisConnection,
  FAIL_FAST_COMMAND_TIMEOUT_MS,
  setCommandTimeout,
  loadConfig,
  PgPrivacyStore,
  startChatWorker,
  type AppConfig,
  type ChatPipeline,
  type ChatQueue,
  type ConversationStore,
  type Health,
  type JobEventHub,
  type Logger,
  type RedisClient as Redis,
  RedisKeys,
  withAnnouncedReplies,
  withHandover,
  operatorInboxServedReader,
  recentOperatorInboxServedReader,
  type ConversationEventHub,
  type HandoverDesk,
} from '@lac/core';
import { deleteKeysWithPrefix, startTemporaryDatabase } from '@lac/core/testing';
import { wireApi } from '../wire-api.ts';
import { createScriptedTestPipeline } from './scripted-test-pipeline.ts';
import { startTestHandover } from './handover-test-harness.ts';
import { answerClientErrorsInErrorFormat } from '../http/client-error-answers.ts';
import { answerClientsThatHalfClose } from '../http/half-closed-connections.ts';

/** A real Postgres (PGlite + pgvector over the wire protocol) with the migrations applied. */
export interface TestDatabase {
  pool: pg.Pool;
  conversations: ConversationStore;
  stop(): Promise<void>;
}

export async function startTestDatabase(logger: Logger): Promise<TestDatabase> {
  // In memory, from the migrated template (pglite-template.ts): ~0.4 s, where a PGlite on disk
  // with initdb and the migrations applied took 4-5 s on a quiet machine, in 16 test files.
  const database = await startTemporaryDatabase({ logger, poolMax: 4 });
  const { conversations } = createPgStores(database.pool);
  return { pool: database.pool, conversations, stop: database.stop };
}

export interface TestApi {
  baseUrl: string;
  config: AppConfig;
  redis: Redis;
  queue: ChatQueue;
  keys: RedisKeys;
  conversations: ConversationStore;
  metricsRegistry: Registry;
  eventHub: JobEventHub;
  /** With the `handover` option: the desk and the conversation event hub the app uses. */
  handover?: { desk: HandoverDesk; events: ConversationEventHub };
  /** Jobs of any state in the test's queue. */
  countJobs(): Promise<number>;
  close(): Promise<void>;
}

/** What {@link startTestApi} starts: its name (in the queue prefix and logs), database, settings and parts. */
export interface StartTestApiOptions {
  name: string;
  database: TestDatabase;
  env?: Record<string, string>;
  pipeline?: ChatPipeline;
  startWorker?: boolean;
  sseHeartbeatMs?: number;
  /** Replaces the health probe (e.g. one built on an unreachable Redis). */
  health?: () => Promise<Health>;
  /** Where the app's logs go (default: the level from TEST_LOG_LEVEL, silent, to stdout). */
  logDestination?: { level: string; stream: DestinationStream };
  /**
   * Wires the hand-over (desk, conversation event hub, handover worker) and runs the pipeline inside
   * it; `agentsPipeline` builds the agents' pipeline over the announcing store (default: scripted).
   */
  handover?: { agentsPipeline?(conversations: ConversationStore, config: AppConfig, logger: Logger): ChatPipeline };
}

/**
 * The real API stack for HTTP tests: app on an ephemeral port, the real queue engine on Redis
 * under a unique QUEUE_PREFIX, the real worker in-process running a scripted pipeline that
 * persists through the real store. `close()` stops everything and deletes the test's keys.
 */
export async function startTestApi(options: StartTestApiOptions): Promise<TestApi> {
  const prefix = `test-api-${options.name}-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    WORKER_CONCURRENCY: '4',
    JOB_ATTEMPTS: '2',
    JOB_BACKOFF_BASE_MS: '50',
    JOB_BACKOFF_MAX_MS: '200',
    STALL_WINDOW_MS: '5000',
    SHUTDOWN_GRACE_MS: '2000',
    // Every test client is 127.0.0.1: the per-client windows are off unless a test turns them on.
    RATE_LIMIT_CLIENT_MESSAGES: '0',
    RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '0',
    MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: '0',
    RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0',
    ...options.env,
  });
  const logger = options.logDestination
    ? createLogger({ level: options.logDestination.level, name: `test-api-${options.name}`, destination: options.logDestination.stream })
    : createLogger({ level: config.LOG_LEVEL, name: `test-api-${options.name}` });
  const { conversations } = options.database;

  // As main.ts: a patient deadline while the API starts, the request-path one once it listens.
  const redis = createRedisConnection(config.REDIS_URL, { connectionName: 'lac:test-api', logger, commandTimeoutMs: config.API_STARTUP_COMMAND_TIMEOUT_MS });
  const privacyStore = new PgPrivacyStore(options.database.pool);
  // The worker side of erasure, as services/worker wires it.
  const workerErasure = openConversationEraser({ redis, queuePrefix: config.QUEUE_PREFIX, store: privacyStore, logger });
  const guardedConversations = guardStoreAgainstErasure(conversations, workerErasure.erased);
  const handover = options.handover
    ? await startTestHandover({ config, logger, redis, pool: options.database.pool })
    : undefined;
  const agentsPipeline = (store: ConversationStore) =>
    options.handover?.agentsPipeline?.(store, config, logger) ?? options.pipeline ?? createScriptedTestPipeline({ conversations: store });
  const pipeline = handover
    ? withHandover(agentsPipeline(withAnnouncedReplies(guardedConversations, handover.desk)), handover.desk, logger, {
        personCanAnswerHere: operatorInboxServedReader(redis, new RedisKeys(config.QUEUE_PREFIX), logger),
        personCanAnswerHereRecently: recentOperatorInboxServedReader(redis, new RedisKeys(config.QUEUE_PREFIX), logger),
      })
    : agentsPipeline(guardedConversations);
  const worker = options.startWorker === false ? undefined : startChatWorker({ config, logger, pipeline });
  if (worker) eraseAfterJobsOfErasedConversations({ handle: worker, erased: workerErasure.erased, eraser: workerErasure.eraser, logger });

  const metricsRegistry = new Registry();
  const wiring = { config, logger, redis, conversations, metricsRegistry };
  const api = await wireApi({
    ...wiring,
    privacyStore,
    pingDatabase: () => conversations.ping(),
    ...(options.health === undefined ? {} : { health: options.health }),
    extras: {
      ...(options.sseHeartbeatMs === undefined ? {} : { sseHeartbeatMs: options.sseHeartbeatMs }),
      ...(handover ? { handover: handover.port } : {}),
    },
  });
  const { app, keys, queue, eventHub } = api;
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  answerClientErrorsInErrorFormat(server, { maxBodyBytes: config.MAX_BODY_BYTES });
  answerClientsThatHalfClose(server);
  setCommandTimeout(redis, FAIL_FAST_COMMAND_TIMEOUT_MS);
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    redis,
    queue,
    keys,
    conversations,
    metricsRegistry,
    eventHub,
    ...(handover ? { handover: { desk: handover.desk, events: handover.events } } : {}),
    countJobs: async () => {
      const counts = await queue.getJobCounts();
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    },
    close: async () => {
      api.abortRequests();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await worker?.close();
      await workerErasure.close();
      await handover?.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await api.close();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
