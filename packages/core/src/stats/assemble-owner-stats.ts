import {
  ownerStatsSchema,
  statsAgentNames,
  type OwnerStats,
  type StatsRange,
} from '../contract/owner-stats-schemas.ts';
import { zonedDay, zonedDaysBetween } from '../config/time-zone.ts';
import { buildChecklist } from './owner-checklist.ts';
import type { DailyCounters, StoredStats } from './stats-store.ts';

/** What the stats document is built from: the stored rows, Redis's day counters, the live state. */
export interface OwnerStatsInputs {
  range: StatsRange;
  from: Date;
  to: Date;
  generatedAt: Date;
  /** IANA time zone of the days (DASHBOARD_TIME_ZONE), the stored rows' and the counters' too. */
  timeZone: string;
  stored: StoredStats;
  /** Redis's counters of the recent days: they win over stored ones that lag behind (max). */
  recentCounters: DailyCounters;
  dailyBudgetUsd: number;
  live: OwnerStats['live'];
}

const roundUsd = (value: number) => Math.round(value * 1e9) / 1e9;
const roundMs = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function answerTime(row: { answer_time_samples: number; answer_time_p50_ms: number | null; answer_time_p95_ms: number | null } | undefined) {
  return {
    samples: row?.answer_time_samples ?? 0,
    p50_ms: roundMs(row?.answer_time_p50_ms ?? null),
    p95_ms: roundMs(row?.answer_time_p95_ms ?? null),
  };
}

/** Provider cost and calls per day: stored rows, raised to Redis's figures where Redis has the day. */
function mergedProviderCosts(inputs: OwnerStatsInputs) {
  const byDayProvider = new Map<string, { day: string; provider: string; cost_usd: number; calls: number }>();
  for (const row of [...inputs.stored.provider_costs, ...inputs.recentCounters.providerCosts]) {
    const key = `${row.day}\u0000${row.provider}`;
    const known = byDayProvider.get(key);
    byDayProvider.set(key, {
      day: row.day,
      provider: row.provider,
      cost_usd: Math.max(known?.cost_usd ?? 0, row.cost_usd),
      calls: Math.max(known?.calls ?? 0, row.calls),
    });
  }
  return [...byDayProvider.values()];
}

function mergedOperationCounts(inputs: OwnerStatsInputs) {
  const byDay = new Map<string, { failed_jobs: number; http_5xx: number }>();
  for (const row of [...inputs.stored.operation_counts, ...inputs.recentCounters.operationCounts]) {
    const known = byDay.get(row.day);
    byDay.set(row.day, {
      failed_jobs: Math.max(known?.failed_jobs ?? 0, row.failed_jobs),
      http_5xx: Math.max(known?.http_5xx ?? 0, row.http_5xx),
    });
  }
  return byDay;
}

export function assembleOwnerStats(inputs: OwnerStatsInputs): OwnerStats {
  const days = zonedDaysBetween(inputs.from, inputs.to, inputs.timeZone);
  const { answers, visitor_messages: visitorRows, escalation_cases: caseRows } = inputs.stored;
  const overall = answers.find((row) => !row.per_day && !row.per_agent);
  const answered = overall?.answers ?? 0;
  const agentRow = (agent: string) => answers.find((row) => !row.per_day && row.per_agent && row.agent === agent);
  const dayAgentRow = (day: string, agent: string) => answers.find((row) => row.per_day && row.per_agent && row.day === day && row.agent === agent);
  const dayRow = (day: string) => answers.find((row) => row.per_day && !row.per_agent && row.day === day);
  const { operator_replies: replyRows, takeovers: takeoverRows } = inputs.stored;
  const visitorTotal = visitorRows.find((row) => !row.per_day);
  const visitorDay = (day: string) => visitorRows.find((row) => row.per_day && row.day === day);

  const agents = Object.fromEntries(
    statsAgentNames.map((agent) => {
      const row = agentRow(agent);
      return [agent, { answers: row?.answers ?? 0, share: answered === 0 ? 0 : (row?.answers ?? 0) / answered, answer_time: answerTime(row) }];
    }),
  ) as OwnerStats['agents'];

  const cases = caseRows.find((row) => !row.per_day)?.cases ?? 0;
  const operations = mergedOperationCounts(inputs);
  const failuresPerDay = days.map((day) => ({ day, failed_jobs: operations.get(day)?.failed_jobs ?? 0, http_5xx: operations.get(day)?.http_5xx ?? 0 }));
  const failedJobs = failuresPerDay.reduce((sum, row) => sum + row.failed_jobs, 0);

  const providerCosts = mergedProviderCosts(inputs).filter((row) => days.includes(row.day));
  const byProvider: OwnerStats['cost']['by_provider'] = {};
  for (const row of providerCosts) {
    const known = byProvider[row.provider] ?? { cost_usd: 0, calls: 0 };
    byProvider[row.provider] = { cost_usd: roundUsd(known.cost_usd + row.cost_usd), calls: known.calls + row.calls };
  }
  const costPerDay = days.map((day) => {
    const providers: Record<string, number> = {};
    for (const provider of Object.keys(byProvider)) providers[provider] = 0;
    for (const row of providerCosts.filter((cost) => cost.day === day)) providers[row.provider] = roundUsd(row.cost_usd);
    return { day, total_usd: roundUsd(Object.values(providers).reduce((sum, value) => sum + value, 0)), providers };
  });
  const today = zonedDay(inputs.generatedAt.getTime(), inputs.timeZone);
  const spentToday = costPerDay.find((row) => row.day === today)?.total_usd ?? 0;

  const partial = {
    answer_time: {
      ...answerTime(overall),
      per_day: days.map((day) => ({ day, ...answerTime(dayRow(day)) })),
    },
    escalations: {
      cases,
      escalated_answers: overall?.escalated ?? 0,
      rate: answered === 0 ? null : Math.min(1, cases / answered),
    },
    failures: {
      failed_jobs: failedJobs,
      error_rate: failedJobs + answered === 0 ? null : failedJobs / (failedJobs + answered),
      http_5xx: failuresPerDay.reduce((sum, row) => sum + row.http_5xx, 0),
      per_day: failuresPerDay,
    },
    agents,
    cost: {
      currency: 'USD' as const,
      daily_budget_usd: inputs.dailyBudgetUsd,
      total_usd: roundUsd(costPerDay.reduce((sum, row) => sum + row.total_usd, 0)),
      by_provider: byProvider,
      today: { day: today, spent_usd: spentToday, budget_share: inputs.dailyBudgetUsd > 0 ? spentToday / inputs.dailyBudgetUsd : null },
      per_day: costPerDay,
    },
  };

  return ownerStatsSchema.parse({
    range: inputs.range,
    generated_at: inputs.generatedAt.toISOString(),
    from: inputs.from.toISOString(),
    to: inputs.to.toISOString(),
    time_zone: inputs.timeZone,
    days,
    checklist: buildChecklist(partial, inputs.timeZone),
    conversations: {
      total: visitorTotal?.conversations ?? 0,
      per_day: days.map((day) => ({ day, conversations: visitorDay(day)?.conversations ?? 0 })),
    },
    messages: {
      visitor: visitorTotal?.visitor_messages ?? 0,
      answered,
      per_day: days.map((day) => ({
        day,
        visitor: visitorDay(day)?.visitor_messages ?? 0,
        answered: dayRow(day)?.answers ?? 0,
        audrey: dayAgentRow(day, 'audrey')?.answers ?? 0,
        carole: dayAgentRow(day, 'carole')?.answers ?? 0,
        escalate: dayAgentRow(day, 'escalate')?.answers ?? 0,
      })),
    },
    team: {
      taken_over_conversations: takeoverRows.find((row) => !row.per_day)?.conversations ?? 0,
      operator_replies: replyRows.find((row) => !row.per_day)?.replies ?? 0,
      per_day: days.map((day) => ({
        day,
        taken_over_conversations: takeoverRows.find((row) => row.per_day && row.day === day)?.conversations ?? 0,
        operator_replies: replyRows.find((row) => row.per_day && row.day === day)?.replies ?? 0,
      })),
    },
    ...partial,
    live: inputs.live,
  });
}
