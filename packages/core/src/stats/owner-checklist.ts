import type { ChecklistItem, OwnerStats, TrafficLight } from '../contract/owner-stats-schemas.ts';

/**
 * The agency's rollout checklist as traffic lights (green, orange, red; unknown without data):
 *
 * | check | green | orange | red |
 * |---|---|---|---|
 * | answer time | p95 under 5 s | p50 under 5 s | p50 of 5 s or more |
 * | escalations | under 5 % of answers | under 10 % | 10 % or more |
 * | server errors (HTTP 5xx) | none | — | any |
 * | Audrey/Carole balance | Audrey between 40 and 60 % of their two answers | between 30 and 70 % | outside |
 * | spend | today under 80 % of DAILY_BUDGET_USD | under 100 % | budget reached |
 */
export const checklistThresholds = {
  answerTimeMs: 5_000,
  escalationRateGreen: 0.05,
  escalationRateOrange: 0.1,
  balanceToleranceGreen: 0.1,
  balanceToleranceOrange: 0.2,
  spendShareOrange: 0.8,
} as const;

type ChecklistInput = Pick<OwnerStats, 'answer_time' | 'escalations' | 'failures' | 'agents' | 'cost'>;

const decimalFormat = (digits: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (milliseconds: number) => `${decimalFormat(1).format(milliseconds / 1000)} s`;
const percent = (value: number) => `${decimalFormat(1).format(value * 100)} %`;
const dollars = (value: number) => `${decimalFormat(2).format(value)} $`;

function answerTimeItem({ answer_time: time }: ChecklistInput): ChecklistItem {
  const base = { id: 'answer_time', label: 'Temps de réponse', target: 'moins de 5 s' } as const;
  if (time.samples === 0 || time.p50_ms === null || time.p95_ms === null) return { ...base, status: 'unknown', value: 'aucune réponse' };
  const status: TrafficLight =
    time.p95_ms < checklistThresholds.answerTimeMs ? 'green' : time.p50_ms < checklistThresholds.answerTimeMs ? 'orange' : 'red';
  return { ...base, status, value: `médiane ${seconds(time.p50_ms)} · p95 ${seconds(time.p95_ms)}` };
}

function escalationItem({ escalations }: ChecklistInput): ChecklistItem {
  const base = { id: 'escalations', label: 'Escalades vers l’équipe', target: 'moins de 5 %' } as const;
  if (escalations.rate === null) return { ...base, status: 'unknown', value: 'aucune réponse' };
  const status: TrafficLight =
    escalations.rate < checklistThresholds.escalationRateGreen
      ? 'green'
      : escalations.rate < checklistThresholds.escalationRateOrange
        ? 'orange'
        : 'red';
  return { ...base, status, value: `${percent(escalations.rate)} (${escalations.cases} cas)` };
}

function serverErrorItem({ failures }: ChecklistInput): ChecklistItem {
  return {
    id: 'server_errors',
    label: 'Erreurs serveur (5xx)',
    target: 'aucune',
    status: failures.http_5xx === 0 ? 'green' : 'red',
    value: `${failures.http_5xx} erreur${failures.http_5xx > 1 ? 's' : ''} 5xx`,
  };
}

function balanceItem({ agents }: ChecklistInput): ChecklistItem {
  const base = { id: 'agent_balance', label: 'Équilibre Audrey / Carole', target: 'environ 50 / 50' } as const;
  const answered = agents.audrey.answers + agents.carole.answers;
  if (answered === 0) return { ...base, status: 'unknown', value: 'aucune réponse d’agent' };
  const audreyShare = agents.audrey.answers / answered;
  const gap = Math.abs(audreyShare - 0.5);
  const status: TrafficLight =
    gap <= checklistThresholds.balanceToleranceGreen ? 'green' : gap <= checklistThresholds.balanceToleranceOrange ? 'orange' : 'red';
  // The page's tiles give each agent's share of every answer (the escalation message included): say
  // which base this one is, so the owner does not read two different figures for Audrey as a contradiction.
  return { ...base, status, value: `Audrey ${percent(audreyShare)} · Carole ${percent(1 - audreyShare)} des ${answered} réponses d’Audrey et Carole` };
}

/** How the page names a time zone (its app.js says the same beside each chart title): "heure de Paris", else "fuseau <zone>". */
export function timeZoneLabel(timeZone: string): string {
  return timeZone === 'Europe/Paris' ? 'heure de Paris' : `fuseau ${timeZone}`;
}

/** Today is a day of DASHBOARD_TIME_ZONE (the daily budget's day too): the label names that zone. */
function spendItem({ cost }: ChecklistInput, timeZone: string): ChecklistItem {
  const base = { id: 'spend', label: `Dépenses API du jour (${timeZoneLabel(timeZone)})`, target: `sous ${dollars(cost.daily_budget_usd)} par jour` } as const;
  const spent = cost.today.spent_usd;
  const value = `${dollars(spent)} sur ${dollars(cost.daily_budget_usd)}`;
  if (cost.daily_budget_usd === 0) return { ...base, status: spent > 0 ? 'red' : 'green', value };
  const share = spent / cost.daily_budget_usd;
  const status: TrafficLight = share >= 1 ? 'red' : share >= checklistThresholds.spendShareOrange ? 'orange' : 'green';
  return { ...base, status, value };
}

export function buildChecklist(input: ChecklistInput, timeZone: string): ChecklistItem[] {
  return [answerTimeItem(input), escalationItem(input), serverErrorItem(input), balanceItem(input), spendItem(input, timeZone)];
}
