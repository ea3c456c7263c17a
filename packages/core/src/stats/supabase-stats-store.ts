import type { SupabaseClient } from '@supabase/supabase-js';
import { dataOf } from '../database/supabase-client.ts';
import { storedStatsSchema, type DailyCounters, type StatsStore, type StoredStats } from './stats-store.ts';

/**
 * The dashboard's stats over Supabase REST: the same SQL functions as the Postgres store (migrations
 * 0011 to 0019), called by RPC (`POST /rest/v1/rpc/admin_stats`, `/rpc/admin_record_daily_counters`).
 */
export class SupabaseStatsStore implements StatsStore {
  constructor(private readonly client: SupabaseClient) {}

  async readStats(rangeStart: Date, rangeEnd: Date, timeZone: string): Promise<StoredStats> {
    const response = await this.client.rpc('admin_stats', {
      range_start: rangeStart.toISOString(),
      range_end: rangeEnd.toISOString(),
      time_zone: timeZone,
    });
    return storedStatsSchema.parse(dataOf('admin_stats', response));
  }

  async recordDailyCounters(counters: DailyCounters): Promise<void> {
    if (counters.providerCosts.length === 0 && counters.operationCounts.length === 0) return;
    const response = await this.client.rpc('admin_record_daily_counters', {
      provider_costs: counters.providerCosts,
      operation_counts: counters.operationCounts,
    });
    dataOf('admin_record_daily_counters', response);
  }
}
