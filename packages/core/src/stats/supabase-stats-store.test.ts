import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlFunctionHandoverStore, supabaseFunctionCaller } from '../handover/sql-function-handover-store.ts';
import { startSupabaseTestBackend, type SupabaseTestBackend } from '../store/supabase/test-support/supabase-test-backend.ts';
import { SupabaseStatsStore } from './supabase-stats-store.ts';
import { playTeamActivity, teamActivityCounts, teamFiguresOf } from '../handover/team-activity-fixture.ts';
import { allOn, daysOf, lateUtcEvenings, writeActivityAt } from './local-days-fixture.ts';

/** The Supabase stats store by RPC, against the PostgREST stand-in over a migrated PGlite database. */
describe('owner stats over Supabase REST (PostgREST stand-in)', () => {
  let backend: SupabaseTestBackend;
  beforeAll(async () => {
    backend = await startSupabaseTestBackend();
  }, 120_000);
  afterAll(async () => backend?.stop());

  it('counts the conversations a person took over and the operators’ replies, per day', async () => {
    const client = backend.client();
    await playTeamActivity(new SqlFunctionHandoverStore(supabaseFunctionCaller(client)));

    const stats = await new SupabaseStatsStore(client).readStats(new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000), 'Europe/Paris');
    const team = teamFiguresOf(stats);
    expect(team.takeovers.all).toBe(teamActivityCounts.takenOverConversations);
    expect(team.replies).toEqual({ all: teamActivityCounts.operatorReplies, summedDays: teamActivityCounts.operatorReplies });
    expect(team.takeovers.summedDays).toBeGreaterThanOrEqual(teamActivityCounts.takenOverConversations);
    // The operators' replies are not the agents' answers.
    expect(stats.answers.find((row) => !row.per_day && !row.per_agent)?.answers ?? 0).toBe(0);
  });

  for (const evening of lateUtcEvenings) {
    it(`counts 23:30 UTC on the next day in Paris (${evening.season}), as the Postgres store does`, async () => {
      const store = new SupabaseStatsStore(backend.client());
      await writeActivityAt(backend.pool, store, evening);
      const around: [Date, Date] = [new Date(Date.parse(evening.at) - 20 * 60_000), new Date(Date.parse(evening.at) + 20 * 60_000)];
      expect(daysOf(await store.readStats(...around, 'Europe/Paris'))).toEqual(allOn(evening.parisDay));
      expect(daysOf(await store.readStats(...around, 'UTC'))).toEqual(allOn(evening.utcDay));
    });
  }
});
