import { z } from 'zod';

/**
 * `GET /admin/stats?range=24h|7d|30d`: the owner's dashboard as one JSON document (also served in
 * the OpenAPI document and drawn by /admin/dashboard).
 *
 * - Message figures (conversations, messages, agents, escalations, answer time) are exact over the
 *   rolling range [from, to).
 * - Days are days of the agency's time zone (`time_zone`, DASHBOARD_TIME_ZONE): every per_day
 *   figure, and the daily budget's "today".
 * - Daily counters (failed jobs, HTTP 5xx, provider cost) are kept per day: they cover every day the
 *   range touches (`days`).
 * - `checklist` is the agency's rollout checklist as traffic lights, computed here so the page and
 *   any other client show the same verdicts.
 */

export const statsRangeSchema = z.enum(['24h', '7d', '30d']);
export type StatsRange = z.infer<typeof statsRangeSchema>;

/**
 * What each range covers: `24h` the last 24 hours (rolling); `7d` and `30d` whole days of the
 * dashboard's time zone, today included (today and the 6, or 29, days before), so the page shows 7
 * (30) days and its totals are the sums of those days (a rolling 7 × 24 h touched 8 days, the first
 * one cut).
 */
export const statsRangeSpans: Record<StatsRange, { hours: number } | { days: number }> = {
  '24h': { hours: 24 },
  '7d': { days: 7 },
  '30d': { days: 30 },
};

const count = z.number().int().nonnegative();
const ratio = z.number().min(0).max(1);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const answerTimeSchema = z.object({
  /** Answers with a recorded answer time. */
  samples: count,
  /** Milliseconds from the visitor's message reaching the API to the stored answer; null without samples. */
  p50_ms: z.number().nonnegative().nullable(),
  p95_ms: z.number().nonnegative().nullable(),
});

export const statsAgentNames = ['audrey', 'carole', 'escalate'] as const;
export const statsAgentSchema = z.enum(statsAgentNames);
export type StatsAgent = z.infer<typeof statsAgentSchema>;

const agentFiguresSchema = z.object({
  answers: count,
  /** Share of all the agents' answers of the range (`messages.answered`: Audrey, Carole and the escalation reply). */
  share: ratio,
  answer_time: answerTimeSchema,
});

export const trafficLightSchema = z.enum(['green', 'orange', 'red', 'unknown']);
export type TrafficLight = z.infer<typeof trafficLightSchema>;

export const checklistItemIdSchema = z.enum(['answer_time', 'escalations', 'server_errors', 'agent_balance', 'spend']);
export type ChecklistItemId = z.infer<typeof checklistItemIdSchema>;

export const checklistItemSchema = z.object({
  id: checklistItemIdSchema,
  status: trafficLightSchema,
  /** French label of the check, e.g. "Temps de réponse". */
  label: z.string(),
  /** The measured value, in French, e.g. "p95 3,2 s". */
  value: z.string(),
  /** The agency's threshold, in French, e.g. "moins de 5 s". */
  target: z.string(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const circuitStateSchema = z.enum(['closed', 'half_open', 'open']);

export const ownerStatsSchema = z.object({
  range: statsRangeSchema,
  generated_at: z.string(),
  from: z.string(),
  to: z.string(),
  /** IANA time zone of the days (DASHBOARD_TIME_ZONE), e.g. `Europe/Paris`. */
  time_zone: z.string(),
  /** The days (of `time_zone`) the range touches, oldest first: every per_day array has one entry per day. */
  days: z.array(isoDay),
  checklist: z.array(checklistItemSchema),
  conversations: z.object({
    /** Distinct conversations with a visitor message in the range. */
    total: count,
    per_day: z.array(z.object({ day: isoDay, conversations: count })),
  }),
  messages: z.object({
    visitor: count,
    /** The agents' answers (Audrey, Carole, the escalation reply); the team's replies are in `team`. */
    answered: count,
    per_day: z.array(
      z.object({ day: isoDay, visitor: count, answered: count, audrey: count, carole: count, escalate: count }),
    ),
  }),
  agents: z.object({ audrey: agentFiguresSchema, carole: agentFiguresSchema, escalate: agentFiguresSchema }),
  escalations: z.object({
    /** Cases opened (conversations handed over to a person). */
    cases: count,
    /** Answers given by the team's hand-over reply (agent escalate). */
    escalated_answers: count,
    /** cases / answered; null without answers. */
    rate: ratio.nullable(),
  }),
  /** What people of the team did in the conversations. */
  team: z.object({
    /** Distinct conversations a person took over (joined, after an escalation or from the agents). */
    taken_over_conversations: count,
    /** Replies the operators sent from the inbox. */
    operator_replies: count,
    per_day: z.array(z.object({ day: isoDay, taken_over_conversations: count, operator_replies: count })),
  }),
  answer_time: answerTimeSchema.extend({
    per_day: z.array(z.object({ day: isoDay, samples: count, p50_ms: z.number().nullable(), p95_ms: z.number().nullable() })),
  }),
  failures: z.object({
    /** Chat jobs that failed for good (every attempt used, or not retryable). */
    failed_jobs: count,
    /** failed_jobs / (failed_jobs + answered); null when both are zero. */
    error_rate: ratio.nullable(),
    /** API responses with a 5xx status. */
    http_5xx: count,
    per_day: z.array(z.object({ day: isoDay, failed_jobs: count, http_5xx: count })),
  }),
  cost: z.object({
    currency: z.literal('USD'),
    daily_budget_usd: z.number().nonnegative(),
    total_usd: z.number().nonnegative(),
    by_provider: z.record(z.string(), z.object({ cost_usd: z.number().nonnegative(), calls: count })),
    today: z.object({ day: isoDay, spent_usd: z.number().nonnegative(), budget_share: z.number().nonnegative().nullable() }),
    per_day: z.array(
      z.object({ day: isoDay, total_usd: z.number().nonnegative(), providers: z.record(z.string(), z.number().nonnegative()) }),
    ),
  }),
  live: z.object({
    queue: z.object({ waiting: count, delayed: count, prioritized: count, active: count, failed: count }),
    /** Workers that published their provider status recently. */
    workers_seen: count,
    circuits: z.array(z.object({ name: z.string(), provider: z.string(), state: circuitStateSchema, worker: z.string() })),
  }),
});
export type OwnerStats = z.infer<typeof ownerStatsSchema>;
