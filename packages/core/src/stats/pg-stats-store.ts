import type pg from 'pg';
import { storedStatsSchema, type DailyCounters, type StatsStore, type StoredStats } from './stats-store.ts';

/** The dashboard's stats over a `pg` pool: the SQL functions of migrations 0011 to 0019. */
export class PgStatsStore implements StatsStore {
  constructor(private readonly pool: pg.Pool) {}

  async readStats(rangeStart: Date, rangeEnd: Date, timeZone: string): Promise<StoredStats> {
    const result = await this.pool.query<{ stats: unknown }>('SELECT admin_stats($1::timestamptz, $2::timestamptz, $3::text) AS stats', [
      rangeStart.toISOString(),
      rangeEnd.toISOString(),
      timeZone,
    ]);
    return storedStatsSchema.parse(result.rows[0]?.stats);
  }

  async recordDailyCounters(counters: DailyCounters): Promise<void> {
    if (counters.providerCosts.length === 0 && counters.operationCounts.length === 0) return;
    await this.pool.query('SELECT admin_record_daily_counters($1::jsonb, $2::jsonb)', [
      JSON.stringify(counters.providerCosts),
      JSON.stringify(counters.operationCounts),
    ]);
  }
}
