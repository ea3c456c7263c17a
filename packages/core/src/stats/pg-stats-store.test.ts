import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { PgConversationStore } from '../store/pg/pg-conversation-store.ts';
import { chatExchangeFixture } from '../store/chat-exchange-fixture.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../testing/resources-around-tests.ts';
import { PgStatsStore } from './pg-stats-store.ts';

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

    const stats = await new PgStatsStore(database().pool).readStats(new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000));
    const overall = stats.answers.find((row) => !row.per_day && !row.per_agent);
    const perAgent = (agent: string) => stats.answers.find((row) => !row.per_day && row.per_agent && row.agent === agent)?.answers;
    expect(overall?.answers).toBe(2);
    expect(perAgent('audrey')).toBe(1);
    expect(perAgent('escalate')).toBe(1);
  });
});
