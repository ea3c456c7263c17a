import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { PgConversationStore } from '../store/pg/pg-conversation-store.ts';
import { chatExchangeFixture } from '../store/chat-exchange-fixture.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../testing/resources-around-tests.ts';
import { pgFunctionCaller, SqlFunctionHandoverStore } from '../handover/sql-function-handover-store.ts';
import { PgPrivacyStore } from '../privacy/pg-privacy-store.ts';
import { PgStatsStore } from './pg-stats-store.ts';
import { storedStatsSchema } from './stats-store.ts';
import { playTeamActivity, teamActivityCounts, teamFiguresOf } from '../handover/team-activity-fixture.ts';
import { allOn, daysOf, lateUtcEvenings, writeActivityAt } from './local-days-fixture.ts';

const lastHourToNextHour = (): [Date, Date] => [new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000)];
/** The 40 minutes around an instant: one day in Paris, one day in UTC (the day before). */
const around = (at: string): [Date, Date] => [new Date(Date.parse(at) - 20 * 60_000), new Date(Date.parse(at) + 20 * 60_000)];

await describeOnEachDatabaseEngine('owner stats over pg', (engine) => {
  const database = databaseOnEngineAroundTests(engine);

  it('counts the agents’ answers only: an operator’s replies and the hand-over notices are not answers', async () => {
    const conversations = new PgConversationStore(database().pool);
    const conversationId = `stats-${randomUUID()}`;
    const now = new Date().toISOString();
    await conversations.persistExchange(chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId, agent: 'audrey', userSentAt: now, answeredAt: now }));
    await conversations.persistExchange(
      chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId, agent: 'escalate', escalated: true, userSentAt: now, answeredAt: now }),
    );
    // What the hand-over functions of migration 0009 write: an operator's reply and a notice.
    await database().pool.query(
      `INSERT INTO messages (conversation_id, role, content, agent, escalated, author, operator_name, created_at)
       VALUES ($1, 'assistant', 'Bonjour, ici Léa', 'escalate', true, 'human', 'Léa', now()),
              ($1, 'assistant', 'Personne n’est disponible pour le moment', 'escalate', true, 'system', NULL, now())`,
      [conversationId],
    );

    const stats = await new PgStatsStore(database().pool).readStats(...lastHourToNextHour(), 'Europe/Paris');
    const overall = stats.answers.find((row) => !row.per_day && !row.per_agent);
    const perAgent = (agent: string) => stats.answers.find((row) => !row.per_day && row.per_agent && row.agent === agent)?.answers;
    expect(overall?.answers).toBe(2);
    expect(perAgent('audrey')).toBe(1);
    expect(perAgent('escalate')).toBe(1);
  });

  for (const evening of lateUtcEvenings) {
    it(`counts 23:30 UTC on the next day in Paris (${evening.season}), every figure and the day counters of the range`, async () => {
      const store = new PgStatsStore(database().pool);
      await writeActivityAt(database().pool, store, evening);
      expect(daysOf(await store.readStats(...around(evening.at), 'Europe/Paris'))).toEqual(allOn(evening.parisDay));
      expect(daysOf(await store.readStats(...around(evening.at), 'UTC'))).toEqual(allOn(evening.utcDay));
      // An API of before 0019 (a rolling deploy) calls admin_stats without a zone: it gets the UTC days it expects.
      const legacy = await database().pool.query<{ stats: unknown }>('SELECT admin_stats($1::timestamptz, $2::timestamptz) AS stats', around(evening.at));
      expect(daysOf(storedStatsSchema.parse(legacy.rows[0]?.stats))).toEqual(allOn(evening.utcDay));
    });
  }

  it('counts the conversations a person took over and the operators’ replies, per day', async () => {
    const store = new PgStatsStore(database().pool);
    const before = teamFiguresOf(await store.readStats(...lastHourToNextHour(), 'Europe/Paris'));
    const { conversationIds } = await playTeamActivity(new SqlFunctionHandoverStore(pgFunctionCaller(database().pool)));

    const after = teamFiguresOf(await store.readStats(...lastHourToNextHour(), 'Europe/Paris'));
    expect(after.takeovers.all - before.takeovers.all).toBe(teamActivityCounts.takenOverConversations);
    expect(after.replies.all - before.replies.all).toBe(teamActivityCounts.operatorReplies);
    // Distinct per day: a conversation taken over on both sides of midnight (Paris) counts on each day.
    expect(after.takeovers.summedDays).toBeGreaterThanOrEqual(after.takeovers.all);
    expect(after.replies.summedDays).toBe(after.replies.all);
    // Outside the range, none.
    const lastWeek = teamFiguresOf(await store.readStats(new Date(Date.now() - 8 * 86_400_000), new Date(Date.now() - 7 * 86_400_000), 'Europe/Paris'));
    expect([lastWeek.takeovers.all, lastWeek.replies.all]).toEqual([0, 0]);

    // Erased conversations (article 17) take their take-over records and replies with them.
    await new PgPrivacyStore(database().pool).erase({ conversationIds, userIds: [] });
    const erased = teamFiguresOf(await store.readStats(...lastHourToNextHour(), 'Europe/Paris'));
    expect([erased.takeovers.all, erased.replies.all]).toEqual([before.takeovers.all, before.replies.all]);
  });
});
