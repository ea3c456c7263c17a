import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StatsStore, StoredStats } from './stats-store.ts';

/**
 * Rows written at 23:30 UTC, for the stats tests of both stores: in Paris that is 00:30 of the next
 * day in winter (UTC+1) and 01:30 in summer (UTC+2), so the agency's day is the next date.
 */
export const lateUtcEvenings = [
  { season: 'winter', at: '2026-01-14T23:30:00.000Z', utcDay: '2026-01-14', parisDay: '2026-01-15' },
  { season: 'summer', at: '2026-07-14T23:30:00.000Z', utcDay: '2026-07-14', parisDay: '2026-07-15' },
] as const;

/**
 * At `at`, in a fresh conversation: a visitor message, Audrey's answer, an escalation case, a
 * take-over and an operator's reply; and day counters (cost, failed jobs) on the two dates around it.
 */
export async function writeActivityAt(pool: pg.Pool, store: StatsStore, evening: (typeof lateUtcEvenings)[number]): Promise<void> {
  const conversationId = `late-${randomUUID()}`;
  const userId = `visitor-${conversationId}`;
  await pool.query('INSERT INTO users (id) VALUES ($1)', [userId]);
  await pool.query("INSERT INTO conversations (id, user_id, status) VALUES ($1, $2, 'active')", [conversationId, userId]);
  await pool.query(
    `INSERT INTO messages (conversation_id, role, content, agent, escalated, author, operator_name, created_at)
     VALUES ($1, 'user', 'Bonsoir', NULL, false, NULL, NULL, $2),
            ($1, 'assistant', 'Bonsoir, ici Audrey', 'audrey', false, NULL, NULL, $2),
            ($1, 'assistant', 'Bonsoir, ici Léa', 'escalate', true, 'human', 'Léa', $2)`,
    [conversationId, evening.at],
  );
  await pool.query('INSERT INTO escalations (conversation_id, job_id, user_id, created_at) VALUES ($1, $2, $3, $4)', [conversationId, `job-${conversationId}`, userId, evening.at]);
  await pool.query('INSERT INTO conversation_takeovers (conversation_id, taken_at) VALUES ($1, $2)', [conversationId, evening.at]);
  await store.recordDailyCounters({
    providerCosts: [
      { day: evening.utcDay, provider: 'openrouter', cost_usd: 1, calls: 1 },
      { day: evening.parisDay, provider: 'openrouter', cost_usd: 2, calls: 2 },
    ],
    operationCounts: [
      { day: evening.utcDay, failed_jobs: 1, http_5xx: 0 },
      { day: evening.parisDay, failed_jobs: 2, http_5xx: 0 },
    ],
  });
}

/** The days each figure of a stored document was counted on (per-day rows with a count). */
export function daysOf(stats: StoredStats) {
  const days = <Row extends { day: string | null; per_day: boolean }>(rows: Row[]) => [...new Set(rows.filter((row) => row.per_day).map((row) => row.day))];
  return {
    answers: days(stats.answers.map((row) => ({ ...row, per_day: row.per_day && !row.per_agent }))),
    visitorMessages: days(stats.visitor_messages),
    escalationCases: days(stats.escalation_cases),
    operatorReplies: days(stats.operator_replies),
    takeovers: days(stats.takeovers),
    providerCosts: [...new Set(stats.provider_costs.map((row) => row.day))],
    operationCounts: [...new Set(stats.operation_counts.map((row) => row.day))],
  };
}

/** Every figure on `day` alone. */
export const allOn = (day: string) => ({
  answers: [day],
  visitorMessages: [day],
  escalationCases: [day],
  operatorReplies: [day],
  takeovers: [day],
  providerCosts: [day],
  operationCounts: [day],
});
