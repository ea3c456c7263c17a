import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { DailyBudget } from '../providers/budget/daily-budget.ts';
import { ProviderStatusBoard, type PublishedProviderStatus } from '../providers/provider-status-board.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { DailyOperationCounters } from './daily-operation-counters.ts';
import { OwnerStatsService, type QueueCountsPort } from './owner-stats-service.ts';
import type { StatsStore } from './stats-store.ts';

export interface OwnerStatsRuntime {
  service: OwnerStatsService;
  counters: DailyOperationCounters;
}

/** The dashboard's service and Redis counters of an API process, from its configuration. */
export function createOwnerStats(options: {
  config: Pick<AppConfig, 'QUEUE_PREFIX' | 'DAILY_BUDGET_USD' | 'BUDGET_RESERVATION_TTL_MS' | 'DASHBOARD_TIME_ZONE'>;
  redis: Redis;
  /** The chat queue: live counts and its failed set (`toKey('failed')`). */
  queue: QueueCountsPort & { toKey(type: string): string };
  store: StatsStore;
  logger: Logger;
  providerStatus?: { readFresh(): Promise<PublishedProviderStatus[]> };
}): OwnerStatsRuntime {
  const { config, redis, logger } = options;
  const keys = new RedisKeys(config.QUEUE_PREFIX);
  // Only its report() is used here: the API reads the spend the workers settle.
  // Same days as the workers' budget (createCapabilities): both read DASHBOARD_TIME_ZONE.
  const budget = new DailyBudget({
    redis,
    keys,
    capUsd: config.DAILY_BUDGET_USD,
    reservationTtlMs: config.BUDGET_RESERVATION_TTL_MS,
    timeZone: config.DASHBOARD_TIME_ZONE,
    logger,
  });
  const counters = new DailyOperationCounters({ redis, keys, failedJobsKey: options.queue.toKey('failed'), budget });
  const service = new OwnerStatsService({
    store: options.store,
    counters,
    queue: options.queue,
    providerStatus: options.providerStatus ?? new ProviderStatusBoard(redis, config.QUEUE_PREFIX),
    dailyBudgetUsd: config.DAILY_BUDGET_USD,
    timeZone: config.DASHBOARD_TIME_ZONE,
    logger,
  });
  return { service, counters };
}
