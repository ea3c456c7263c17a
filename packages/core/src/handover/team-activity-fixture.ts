import { randomUUID } from 'node:crypto';
import { conversationTransitions } from './conversation-state.ts';
import type { HandoverStore } from './handover-store.ts';
import type { StoredStats } from '../stats/stats-store.ts';

/**
 * The team's side of the hand-over, as the inbox drives it (for the stats tests of both stores):
 * what `playTeamActivity` does and what the owner's dashboard must count from it.
 *
 * - conversation A: escalated, taken over by Léa, 2 replies, handed back, taken over again, 1 reply
 *   sent twice with one Idempotency-Key (stored once), a second operator's join refused;
 * - conversation B: escalated, taken over by Marc, no reply yet;
 * - conversation C: escalated, nobody joined; a hand-over notice stored (not a reply).
 */
export const teamActivityCounts = { takenOverConversations: 2, operatorReplies: 3 } as const;

/** Plays the activity above on fresh conversations; returns their ids (A, B, C). */
export async function playTeamActivity(handover: HandoverStore): Promise<{ conversationIds: string[] }> {
  const [a, b, c] = [`team-a-${randomUUID()}`, `team-b-${randomUUID()}`, `team-c-${randomUUID()}`];
  const escalate = (conversationId: string) => handover.transition({ conversationId, ...conversationTransitions.escalate, createForUserId: `visitor-${conversationId}` });
  const act = (conversationId: string, action: 'join' | 'handback', operatorName: string) =>
    handover.transition({ conversationId, ...conversationTransitions[action], operatorName });

  await escalate(a);
  await act(a, 'join', 'Léa');
  await handover.addOperatorMessage({ conversationId: a, operatorName: 'Léa', text: 'Bonjour, ici Léa' });
  await handover.addOperatorMessage({ conversationId: a, operatorName: 'Léa', text: 'Je regarde ta commande' });
  await act(a, 'handback', 'Léa');
  await act(a, 'join', 'Léa');
  const clientKey = randomUUID();
  await handover.addOperatorMessage({ conversationId: a, operatorName: 'Léa', text: 'C’est réglé', clientKey });
  await handover.addOperatorMessage({ conversationId: a, operatorName: 'Léa', text: 'C’est réglé', clientKey });
  await act(a, 'join', 'Marc'); // refused: Léa holds it

  await escalate(b);
  await act(b, 'join', 'Marc');

  const waiting = await escalate(c);
  await handover.addSystemNotice({ conversationId: c, state: 'waiting_human', version: waiting!.version, key: `notice-${c}`, text: 'L’équipe revient lundi.' });
  return { conversationIds: [a, b, c] };
}

/** The team figures of a stored document: totals, and the sums of the per-day rows. */
export function teamFiguresOf(stats: StoredStats) {
  const total = <Row extends { per_day: boolean }>(rows: Row[], pick: (row: Row) => number) => ({
    all: pick(rows.find((row) => !row.per_day)!),
    summedDays: rows.filter((row) => row.per_day).reduce((sum, row) => sum + pick(row), 0),
  });
  return { takeovers: total(stats.takeovers, (row) => row.conversations), replies: total(stats.operator_replies, (row) => row.replies) };
}
