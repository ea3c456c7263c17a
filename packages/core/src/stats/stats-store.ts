import { z } from 'zod';

/**
 * The stored side of the owner's dashboard: the rows of `admin_stats(range_start, range_end, time_zone)`
 * (see database/migrations/0011_owner_dashboard_stats.sql, 0013, 0018 and 0019, one jsonb document,
 * the same SQL for the Postgres and the Supabase stores) and the daily counters copied from Redis.
 * Every day is a day of the agency's time zone (DASHBOARD_TIME_ZONE).
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const bigCount = z.coerce.number().int().nonnegative();
const milliseconds = z.coerce.number().nonnegative().nullable();

export const storedStatsSchema = z.object({
  answers: z.array(
    z.object({
      day: day.nullable(),
      agent: z.string().nullable(),
      per_day: z.boolean(),
      per_agent: z.boolean(),
      answers: bigCount,
      escalated: bigCount,
      answer_time_samples: bigCount,
      answer_time_p50_ms: milliseconds,
      answer_time_p95_ms: milliseconds,
    }),
  ),
  visitor_messages: z.array(
    z.object({ day: day.nullable(), per_day: z.boolean(), visitor_messages: bigCount, conversations: bigCount }),
  ),
  escalation_cases: z.array(z.object({ day: day.nullable(), per_day: z.boolean(), cases: bigCount })),
  /** The operators' replies from the inbox (messages of author 'human'). */
  operator_replies: z.array(z.object({ day: day.nullable(), per_day: z.boolean(), replies: bigCount })),
  /** Distinct conversations a person took over (conversation_takeovers, recorded since 0018). */
  takeovers: z.array(z.object({ day: day.nullable(), per_day: z.boolean(), conversations: bigCount })),
  provider_costs: z.array(
    z.object({ day, provider: z.string(), cost_usd: z.coerce.number().nonnegative(), calls: bigCount }),
  ),
  operation_counts: z.array(z.object({ day, failed_jobs: bigCount, http_5xx: bigCount })),
});
export type StoredStats = z.infer<typeof storedStatsSchema>;

/** One day (agency's time zone) of a provider's spend, as the daily budget counted it in Redis. */
export interface ProviderDayCost {
  day: string;
  provider: string;
  cost_usd: number;
  calls: number;
}

/** One day (agency's time zone) of failed chat jobs and HTTP 5xx answers. */
export interface OperationDayCount {
  day: string;
  failed_jobs: number;
  http_5xx: number;
}

export interface DailyCounters {
  providerCosts: ProviderDayCost[];
  operationCounts: OperationDayCount[];
}

export interface StatsStore {
  /**
   * Every stats query over [rangeStart, rangeEnd) in one call, per day of `timeZone` (an IANA name);
   * daily counters of the days of that zone the range touches.
   */
  readStats(rangeStart: Date, rangeEnd: Date, timeZone: string): Promise<StoredStats>;
  /** Records day counters; a stored value is only ever raised (see admin_record_daily_counters). */
  recordDailyCounters(counters: DailyCounters): Promise<void>;
}
