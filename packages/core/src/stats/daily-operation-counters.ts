import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import { LuaScript } from '../redis/lua-script.ts';
import { nextDay, zonedDayStart } from '../config/time-zone.ts';
import type { DailyBudget } from '../providers/budget/daily-budget.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { DailyCounters, OperationDayCount, ProviderDayCost } from './stats-store.ts';

/**
 * The day counters of the owner's dashboard as Redis holds them, shared by every API and worker
 * process of the stack. Their days are the daily budget's (`budget.dayOf`: dates of
 * DASHBOARD_TIME_ZONE), so the dashboard's "today" is the day the cap counts:
 *
 * - provider spend and calls per day: the daily budget's hash (`<prefix>:spend:<day>`, kept 8 days);
 * - HTTP 5xx answers per day: `<prefix>:ops:<day>`, one field per API process (`http_5xx:<id>`)
 *   holding that process's total for the day, written whole (raise-hash-field.lua, which takes the
 *   key as given and knows no day), summed on read (with the field `http_5xx` of earlier versions);
 * - failed chat jobs per day: BullMQ's failed set, scored by the time each job failed (kept
 *   FAILED_JOB_RETENTION_SECONDS), counted from the day's local midnight to the next.
 *
 * `readDays` turns them into rows for the stats store, which keeps them past Redis's retention.
 */

/** Redis keeps the day hashes this long (the budget's spend hash lives 8 days too). */
export const DAY_COUNTER_TTL_SECONDS = 8 * 24 * 3600;
const raiseHashFieldScript = new LuaScript(new URL('./lua/raise-hash-field.lua', import.meta.url));
/** The fields of an operations hash that count 5xx answers: this version's per process, and the one of earlier versions. */
const SERVER_ERROR_FIELD = /^http_5xx(?::|$)/;

export interface DailyOperationCountersOptions {
  redis: Redis;
  keys: RedisKeys;
  /** BullMQ's failed set of the chat queue (`queue.toKey('failed')`). */
  failedJobsKey: string;
  /** Reads a day of the provider spend hash; its days are the counters' days. */
  budget: Pick<DailyBudget, 'report' | 'dayOf' | 'timeZone'>;
}

export class DailyOperationCounters {
  /** This process's field in the day hashes. */
  private readonly serverErrorField = `http_5xx:${randomUUID()}`;
  /** This process's 5xx answers per day (the days Redis keeps). */
  private readonly serverErrorsByDay = new Map<string, number>();

  constructor(private readonly options: DailyOperationCountersOptions) {}

  /**
   * Counts one HTTP 5xx answer on the current day: this process's total for the day is written
   * whole. When the write fails (Redis away) the answer stays counted here: the next write, or
   * `writeServerErrors`, carries it; a write that landed anyway counts nothing twice.
   */
  async recordServerError(now = Date.now()): Promise<void> {
    const day = this.options.budget.dayOf(now);
    this.serverErrorsByDay.set(day, (this.serverErrorsByDay.get(day) ?? 0) + 1);
    const oldestHeld = this.options.budget.dayOf(now - DAY_COUNTER_TTL_SECONDS * 1000);
    for (const held of this.serverErrorsByDay.keys()) if (held < oldestHeld) this.serverErrorsByDay.delete(held);
    await this.writeServerErrorsOf(day);
  }

  /** Writes this process's totals of every day again (after writes that failed). */
  async writeServerErrors(): Promise<void> {
    for (const day of this.serverErrorsByDay.keys()) await this.writeServerErrorsOf(day);
  }

  private async writeServerErrorsOf(day: string): Promise<void> {
    const total = this.serverErrorsByDay.get(day) ?? 0;
    await raiseHashFieldScript.run(this.options.redis, [this.options.keys.dailyOperations(day)], [this.serverErrorField, total, DAY_COUNTER_TTL_SECONDS]);
  }

  /** The counters of the given days still held by Redis (days older than its retention are skipped). */
  async readDays(days: readonly string[], now = Date.now()): Promise<DailyCounters> {
    const { budget } = this.options;
    const oldestHeld = budget.dayOf(now - DAY_COUNTER_TTL_SECONDS * 1000);
    const heldDays = days.filter((day) => day >= oldestHeld && day <= budget.dayOf(now));
    const providerCosts: ProviderDayCost[] = [];
    const operationCounts: OperationDayCount[] = [];
    await Promise.all(
      heldDays.map(async (day) => {
        const dayStart = zonedDayStart(day, budget.timeZone);
        const nextDayStart = zonedDayStart(nextDay(day), budget.timeZone);
        const [spend, operations, failedJobs] = await Promise.all([
          this.options.budget.report(day),
          this.options.redis.hgetall(this.options.keys.dailyOperations(day)),
          this.options.redis.zcount(this.options.failedJobsKey, dayStart, `(${nextDayStart}`),
        ]);
        for (const [provider, figures] of Object.entries(spend.byProvider)) {
          providerCosts.push({ day, provider, cost_usd: figures.spentUsd, calls: figures.calls });
        }
        const http5xx = Object.entries(operations).reduce((sum, [field, value]) => (SERVER_ERROR_FIELD.test(field) ? sum + Number(value) : sum), 0);
        operationCounts.push({ day, failed_jobs: Number(failedJobs), http_5xx: http5xx });
      }),
    );
    return { providerCosts, operationCounts };
  }
}
