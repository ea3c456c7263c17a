import type { Express } from 'express';
import type { Registry } from 'prom-client';
import {
  advertiseOperatorInbox,
  ChatJobReader,
  ChatSubmitter,
  ConversationRateLimiter,
  createChatQueue,
  createOwnerStats,
  JobEventHub,
  openClientLimits,
  openConversationAccess,
  openConversationEraser,
  RedisKeys,
  type AppConfig,
  type ChatQueue,
  type CloseStep,
  type PrivacyStore,
  type ConversationStore,
  type Health,
  type Logger,
  type RedisClient,
  type StatsStore,
} from '@lac/core';
import { createApp } from './app.ts';
import type { AppDependencies } from './app-dependencies.ts';
import { createHealthCheck, healthProbeTimeoutMs, type HealthCheckDependencies } from './health/health-check.ts';
import { adminLoginsOf } from './http/admin-authenticator.ts';

/** How often Redis's day counters are copied to the database (they live 8 days in Redis). */
const OWNER_STATS_COPY_INTERVAL_MS = 5 * 60_000;

/** What the caller adds to the app beyond the queue engine (widget, bull-board queues, escalations, timings...). */
export type ApiExtras = Omit<
  AppDependencies,
  | 'config'
  | 'logger'
  | 'submitter'
  | 'jobReader'
  | 'eventHub'
  | 'rateLimiter'
  | 'queue'
  | 'conversations'
  | 'conversationAccess'
  | 'clientLimits'
  | 'adminLoginThrottle'
  | 'privacy'
  | 'health'
  | 'metricsRegistry'
  | 'shutdownSignal'
  | 'ownerStats'
>;

/** The API as wired: the Express app (not listening) and the queue engine behind it. */
export interface WiredApi {
  app: Express;
  keys: RedisKeys;
  queue: ChatQueue;
  rateLimiter: ConversationRateLimiter;
  submitter: ChatSubmitter;
  jobReader: ChatJobReader;
  eventHub: JobEventHub;
  /** Ends long-polls (they answer with the current state) and SSE streams: call before closing the server. */
  abortRequests(): void;
  /** Closes the event hub and the queue (not the Redis connection nor the stores, which the caller owns). */
  close(): Promise<void>;
  /** The same closes, named, for a shutdown that must end on time (closeWithinDeadline). */
  closeSteps(): CloseStep[];
}

/**
 * The one wiring of the API, shared by main.ts and the test harness: keys under QUEUE_PREFIX →
 * chat queue → rate limiter → submitter, job reader, conversation access (tokens), one event hub and
 * the queue ready before the app takes requests → health probe → `createApp`. The caller owns Redis, the stores and listening.
 */
export async function wireApi(options: {
  config: AppConfig;
  logger: Logger;
  redis: RedisClient;
  /** The privacy store: conversation owners (tokens), GDPR export and erasure. */
  privacyStore: PrivacyStore;
  conversations: ConversationStore;
  metricsRegistry: Registry;
  /** How /health pings the database (the stores' ping). */
  pingDatabase: () => Promise<void>;
  /** Its deadline, when the database's pool bounds its own calls (databaseProbeTimeoutMsOf); else the probes' one. */
  databaseProbeTimeoutMs?: number;
  providerStatusBoard?: HealthCheckDependencies['providerStatusBoard'];
  /** Replaces the health probe (tests: e.g. one built on an unreachable Redis). */
  health?: () => Promise<Health>;
  /** The owner's dashboard figures (the stores' `stats`): /admin/stats, /admin/dashboard, lac_owner_* metrics, the 5xx day counter. */
  statsStore?: StatsStore;
  extras?: ApiExtras;
}): Promise<WiredApi> {
  const { config, logger, redis, conversations } = options;
  const keys = new RedisKeys(config.QUEUE_PREFIX);
  const queue = createChatQueue({ connection: redis, config });
  const rateLimiter = new ConversationRateLimiter(redis, keys, {
    limit: config.RATE_LIMIT_MESSAGES,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
  });
  const submitter = new ChatSubmitter({ redis, queue, keys, rateLimiter, config, logger });
  const jobReader = new ChatJobReader({ queue, redis, keys, conversations });
  const conversationAccess = await openConversationAccess({ config, redis, keys, owners: options.privacyStore, logger });
  const erasure = openConversationEraser({ redis, queuePrefix: config.QUEUE_PREFIX, store: options.privacyStore, logger });
  const privacy = {
    exportUser: (userId: string) => options.privacyStore.exportUser(userId),
    eraseUser: (userId: string) => erasure.eraser.eraseUser(userId),
    eraseConversations: (conversationIds: readonly string[]) => erasure.eraser.eraseConversations(conversationIds),
  };
  const eventHub = new JobEventHub({ config, logger, connection: redis });
  await eventHub.waitUntilReady();
  await queue.waitUntilReady();

  const health =
    options.health ??
    createHealthCheck({
      redis,
      redisWriteProbeKey: `${config.QUEUE_PREFIX}:health:write-probe`,
      pingDatabase: options.pingDatabase,
      queue,
      config,
      timeoutMs: healthProbeTimeoutMs(config),
      ...(options.databaseProbeTimeoutMs === undefined ? {} : { databaseProbeTimeoutMs: options.databaseProbeTimeoutMs }),
      ...(options.providerStatusBoard === undefined ? {} : { providerStatusBoard: options.providerStatusBoard }),
    });
  // Redis's day counters (spend, failed jobs, 5xx) are copied to the database every 5 minutes and on each read.
  const ownerStats = options.statsStore
    ? createOwnerStats({ config, redis, queue, store: options.statsStore, logger, ...(options.providerStatusBoard ? { providerStatus: options.providerStatusBoard } : {}) })
    : undefined;
  const stopCopyingDayCounters = ownerStats?.service.startPeriodicCopy(OWNER_STATS_COPY_INTERVAL_MS);
  // Whether this process serves the operators' inbox (an admin login and the hand-over): the workers then tell a
  // visitor handed over that a person answers here; with APIs saying they do not serve it and none that does,
  // that nobody can. Said before the first request is taken.
  const inboxAdvert =
    options.extras?.handover !== undefined ? advertiseOperatorInbox({ redis, keys, logger, served: adminLoginsOf(config).kind !== 'off' }) : undefined;
  await inboxAdvert?.ready;
  const shutdownController = new AbortController();
  const app = createApp({
    ...options.extras,
    config,
    logger,
    submitter,
    jobReader,
    eventHub,
    rateLimiter,
    conversations,
    conversationAccess,
    ...openClientLimits({ config, redis, keys }),
    privacy,
    queue,
    health,
    metricsRegistry: options.metricsRegistry,
    shutdownSignal: shutdownController.signal,
    ...(ownerStats ? { ownerStats } : {}),
  });
  const closeSteps = (): CloseStep[] => [
    {
      name: 'job event hub',
      close: async () => {
        stopCopyingDayCounters?.();
        inboxAdvert?.stop();
        await eventHub.close();
      },
    },
    { name: 'chat queue', close: () => queue.close() },
    { name: 'erasure', close: () => erasure.close() },
  ];
  return {
    app,
    keys,
    queue,
    rateLimiter,
    submitter,
    jobReader,
    eventHub,
    abortRequests: () => shutdownController.abort(),
    closeSteps,
    close: async () => {
      for (const step of closeSteps()) await step.close().catch((error: unknown) => logger.warn({ err: error, step: step.name }, 'close failed'));
    },
  };
}
