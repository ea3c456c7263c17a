import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { DailyBudget } from '../providers/budget/daily-budget.ts';
import { utcDay } from '../providers/budget/daily-budget.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { DailyCounters, OperationDayCount, ProviderDayCost } from './stats-store.ts';

/**
 * The day counters of the owner's dashboard as Redis holds them, shared by every API and worker
 * process of the stack:
 *
 * - provider spend and calls per UTC day: the daily budget's hash (`<prefix>:spend:<day>`, kept 8 days);
 * - HTTP 5xx answers per UTC day: `<prefix>:ops:<day>` field `http_5xx`, counted by every API process;
 * - failed chat jobs per UTC day: BullMQ's failed set, scored by the time each job failed (kept
 *   FAILED_JOB_RETENTION_SECONDS).
 *
 * `readDays` turns them into rows for the stats store, which keeps them past Redis's retention.
 */

/** Redis keeps the day hashes this long (the budget's spend hash lives 8 days too). */
export const DAY_COUNTER_TTL_SECONDS = 8 * 24 * 3600;
const DAY_MS = 24 * 3600_000;

export interface DailyOperationCountersOptions {
  redis: Redis;
  keys: RedisKeys;
  /** BullMQ's failed set of the chat queue (`queue.toKey('failed')`). */
  failedJobsKey: string;
  /** Reads a day of the provider spend hash. */
  budget: Pick<DailyBudget, 'report'>;
}

export class DailyOperationCounters {
  constructor(private readonly options: DailyOperationCountersOptions) {}

  /** Counts one HTTP 5xx answer on the current UTC day. */
  /** `count`: answers counted at once (those a Redis outage kept from being counted one by one). */
  async recordServerError(now = Date.now(), count = 1): Promise<void> {
    const key = this.options.keys.dailyOperations(utcDay(now));
    await this.options.redis.multi().hincrby(key, 'http_5xx', count).expire(key, DAY_COUNTER_TTL_SECONDS).exec();
  }

  /** The counters of the given UTC days still held by Redis (days older than its retention are skipped). */
  async readDays(days: readonly string[], now = Date.now()): Promise<DailyCounters> {
    const oldestHeld = utcDay(now - DAY_COUNTER_TTL_SECONDS * 1000);
    const heldDays = days.filter((day) => day >= oldestHeld && day <= utcDay(now));
    const providerCosts: ProviderDayCost[] = [];
    const operationCounts: OperationDayCount[] = [];
    await Promise.all(
      heldDays.map(async (day) => {
        const dayStart = Date.parse(`${day}T00:00:00.000Z`);
        const [spend, http5xx, failedJobs] = await Promise.all([
          this.options.budget.report(day),
          this.options.redis.hget(this.options.keys.dailyOperations(day), 'http_5xx'),
          this.options.redis.zcount(this.options.failedJobsKey, dayStart, `(${dayStart + DAY_MS}`),
        ]);
        for (const [provider, figures] of Object.entries(spend.byProvider)) {
          providerCosts.push({ day, provider, cost_usd: figures.spentUsd, calls: figures.calls });
        }
        operationCounts.push({ day, failed_jobs: Number(failedJobs), http_5xx: Number(http5xx ?? 0) });
      }),
    );
    return { providerCosts, operationCounts };
  }
}
