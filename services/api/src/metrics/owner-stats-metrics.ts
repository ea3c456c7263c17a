import { Gauge, type Registry } from 'prom-client';
import type { Logger, OwnerStats } from '@lac/core';
import type { OwnerStatsPort } from '../admin/owner-dashboard/owner-dashboard-router.ts';

/**
 * The owner's dashboard in /metrics, over the last 24 hours (label range="24h"): the same figures
 * as GET /admin/stats?range=24h, computed once per scrape (several scrapes within
 * `snapshotMaxAgeMs` share one computation). Day counters cover the days of DASHBOARD_TIME_ZONE the
 * range touches, as on the dashboard. Queue depth and circuit states are already
 * `lac_queue_jobs` and `lac_provider_circuit_state`. Check status: 0 green, 1 orange, 2 red, -1 unknown.
 */
const checkStatusValue = { green: 0, orange: 1, red: 2, unknown: -1 } as const;
const RANGE = '24h';

export function registerOwnerStatsMetrics(
  registry: Registry,
  stats: OwnerStatsPort,
  logger: Logger,
  options: { snapshotMaxAgeMs?: number; now?: () => number } = {},
): void {
  const maxAgeMs = options.snapshotMaxAgeMs ?? 10_000;
  const now = options.now ?? Date.now;
  let snapshot: { at: number; stats: Promise<OwnerStats | null> } | undefined;
  const current = (): Promise<OwnerStats | null> => {
    if (!snapshot || now() - snapshot.at > maxAgeMs) {
      snapshot = {
        at: now(),
        stats: stats.compute(RANGE).catch((error: unknown) => {
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'owner stats unavailable for /metrics');
          return null;
        }),
      };
    }
    return snapshot.stats;
  };

  const gauge = <Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[],
    fill: (set: (labels: Partial<Record<Label, string>>, value: number) => void, figures: OwnerStats) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['range', ...labelNames],
      registers: [registry],
      async collect() {
        this.reset();
        // A database that cannot answer leaves these out of the scrape instead of failing it.
        const figures = await current().catch(() => null);
        if (figures) fill((labels, value) => this.set({ range: RANGE, ...labels } as never, value), figures);
      },
    });

  gauge('lac_owner_conversations', 'Conversations with a visitor message in the range', [], (set, s) => set({}, s.conversations.total));
  gauge('lac_owner_visitor_messages', 'Visitor messages received in the range', [], (set, s) => set({}, s.messages.visitor));
  gauge('lac_owner_answers', 'Answers stored in the range, by agent', ['agent'], (set, s) => {
    for (const [agent, figures] of Object.entries(s.agents)) set({ agent }, figures.answers);
  });
  gauge('lac_owner_agent_share', 'Share of the answers of the range, by agent (0-1)', ['agent'], (set, s) => {
    for (const [agent, figures] of Object.entries(s.agents)) set({ agent }, figures.share);
  });
  gauge('lac_owner_answer_time_seconds', 'Answer time (visitor message to stored answer), by agent (all = every answer)', ['agent', 'quantile'], (set, s) => {
    const rows: Array<[string, { p50_ms: number | null; p95_ms: number | null }]> = [['all', s.answer_time], ...Object.entries(s.agents).map(([agent, figures]) => [agent, figures.answer_time] as [string, typeof figures.answer_time])];
    for (const [agent, time] of rows) {
      if (time.p50_ms !== null) set({ agent, quantile: '0.5' }, time.p50_ms / 1000);
      if (time.p95_ms !== null) set({ agent, quantile: '0.95' }, time.p95_ms / 1000);
    }
  });
  gauge('lac_owner_escalation_rate', 'Escalation cases / answers in the range (0-1)', [], (set, s) => {
    if (s.escalations.rate !== null) set({}, s.escalations.rate);
  });
  gauge('lac_owner_taken_over_conversations', 'Conversations a person of the team took over in the range', [], (set, s) => set({}, s.team.taken_over_conversations));
  gauge('lac_owner_operator_replies', 'Replies the operators sent from the inbox in the range (not counted in lac_owner_answers)', [], (set, s) => set({}, s.team.operator_replies));
  gauge('lac_owner_failed_jobs', 'Chat jobs failed for good (days of the range, DASHBOARD_TIME_ZONE)', [], (set, s) => set({}, s.failures.failed_jobs));
  gauge('lac_owner_error_rate', 'Failed jobs / (failed jobs + answers) (0-1)', [], (set, s) => {
    if (s.failures.error_rate !== null) set({}, s.failures.error_rate);
  });
  gauge('lac_owner_http_5xx', 'HTTP 5xx answers of the API (days of the range, DASHBOARD_TIME_ZONE)', [], (set, s) => set({}, s.failures.http_5xx));
  gauge('lac_owner_cost_usd', 'Provider spend in USD (days of the range, DASHBOARD_TIME_ZONE), by provider', ['provider'], (set, s) => {
    for (const [provider, figures] of Object.entries(s.cost.by_provider)) set({ provider }, figures.cost_usd);
  });
  gauge('lac_owner_cost_today_usd', 'Provider spend of the current day (DASHBOARD_TIME_ZONE, the daily budget\'s day) in USD', [], (set, s) => set({}, s.cost.today.spent_usd));
  gauge('lac_owner_daily_budget_usd', 'DAILY_BUDGET_USD', [], (set, s) => set({}, s.cost.daily_budget_usd));
  gauge('lac_owner_workers_seen', 'Workers that published their provider status recently', [], (set, s) => set({}, s.live.workers_seen));
  gauge('lac_owner_check_status', "The agency's checklist: 0 green, 1 orange, 2 red, -1 unknown", ['check'], (set, s) => {
    for (const item of s.checklist) set({ check: item.id }, checkStatusValue[item.status]);
  });
}
