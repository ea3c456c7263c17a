import { statsRangeSpans, type OwnerStats, type StatsRange } from '../contract/owner-stats-schemas.ts';
import type { Logger } from '../logging/logger.ts';
import { providerNames, type PublishedProviderStatus } from '../providers/provider-status-board.ts';
import { shiftedDay, zonedDay, zonedDayStart, zonedDaysBetween } from '../config/time-zone.ts';
import { assembleOwnerStats } from './assemble-owner-stats.ts';
import type { DailyOperationCounters } from './daily-operation-counters.ts';
import type { DailyCounters, StatsStore } from './stats-store.ts';

/**
 * The owner's dashboard figures (GET /admin/stats, /admin/dashboard, the `lac_owner_*` metrics):
 * Redis's day counters are copied into the stats store (so they outlive Redis's retention), then
 * one `admin_stats` call reads every stored figure, and the live state is read from the queue and
 * the provider status board.
 */

export interface QueueCountsPort {
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export interface OwnerStatsServiceOptions {
  store: StatsStore;
  counters: Pick<DailyOperationCounters, 'readDays'>;
  /** IANA time zone of the dashboard's days (DASHBOARD_TIME_ZONE): the daily budget's and the day counters' too. */
  timeZone: string;
  queue: QueueCountsPort;
  providerStatus: { readFresh(): Promise<PublishedProviderStatus[]> };
  dailyBudgetUsd: number;
  logger: Logger;
  now?: () => number;
}

/** The first instant of a range ending at `to`: 24 hours before, or the start of the first of its days (today included). */
export function rangeStart(range: StatsRange, to: Date, timeZone: string): Date {
  const span = statsRangeSpans[range];
  if ('hours' in span) return new Date(to.getTime() - span.hours * 3600_000);
  return new Date(zonedDayStart(shiftedDay(zonedDay(to.getTime(), timeZone), 1 - span.days), timeZone));
}

const LIVE_QUEUE_STATES = ['waiting', 'delayed', 'prioritized', 'active', 'failed'] as const;

export class OwnerStatsService {
  private readonly now: () => number;
  private readonly logger: Logger;
  private lastStoredCounters: string | undefined;

  constructor(private readonly options: OwnerStatsServiceOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger.child({ component: 'owner-stats' });
  }

  async compute(range: StatsRange): Promise<OwnerStats> {
    const to = new Date(this.now());
    const { timeZone } = this.options;
    const from = rangeStart(range, to, timeZone);
    const recentCounters = await this.options.counters.readDays(zonedDaysBetween(from, to, timeZone), to.getTime());
    // Redis's figures are merged in memory (max), so the copy can run beside the reads.
    const [stored, live] = await Promise.all([
      this.options.store.readStats(from, to, timeZone),
      this.readLiveState(),
      this.storeCounters(recentCounters),
    ]);
    return assembleOwnerStats({
      range,
      from,
      to,
      generatedAt: to,
      timeZone,
      stored,
      recentCounters,
      dailyBudgetUsd: this.options.dailyBudgetUsd,
      live,
    });
  }

  /**
   * Copies Redis's counters of these days into the store and returns them. A failed copy is
   * logged, not thrown: the figures are still shown from Redis, and the next copy catches up.
   */
  async copyRecentCounters(days: readonly string[], now = this.now()): Promise<DailyCounters> {
    const counters = await this.options.counters.readDays(days, now);
    await this.storeCounters(counters);
    return counters;
  }

  /** Writes the counters unless the same figures were the last ones written (a dashboard refreshing writes nothing new). */
  private async storeCounters(counters: DailyCounters): Promise<void> {
    const fingerprint = JSON.stringify(counters);
    if (fingerprint === this.lastStoredCounters) return;
    try {
      await this.options.store.recordDailyCounters(counters);
      this.lastStoredCounters = fingerprint;
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not store the day counters');
    }
  }

  /** Copies yesterday's and today's counters every `intervalMs` (so no day is lost when nobody opens the dashboard). */
  startPeriodicCopy(intervalMs: number): () => void {
    const copy = () => {
      const now = this.now();
      this.copyRecentCounters(zonedDaysBetween(new Date(now - 24 * 3600_000), new Date(now), this.options.timeZone), now).catch((error: unknown) =>
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not read the day counters'),
      );
    };
    const timer = setInterval(copy, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async readLiveState(): Promise<OwnerStats['live']> {
    const [counts, workers] = await Promise.all([
      this.options.queue.getJobCounts(...LIVE_QUEUE_STATES),
      this.options.providerStatus.readFresh(),
    ]);
    const circuits: OwnerStats['live']['circuits'] = [];
    for (const entry of workers) {
      for (const provider of providerNames) {
        for (const circuit of entry.status[provider]?.circuits ?? []) {
          circuits.push({ name: circuit.name, provider, state: circuit.state, worker: entry.workerId });
        }
      }
    }
    return {
      queue: {
        waiting: counts.waiting ?? 0,
        delayed: counts.delayed ?? 0,
        prioritized: counts.prioritized ?? 0,
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
      },
      workers_seen: workers.length,
      circuits,
    };
  }
}
