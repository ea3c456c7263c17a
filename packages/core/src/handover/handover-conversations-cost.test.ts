/**
 * The operators' list (handover_conversations) looks up the escalation, the last message and the
 * visitor's last message of the rows it returns only (0024). It looked them up for every
 * conversation of the asked states, then kept `p_limit` of them: the inbox's read of the
 * conversations with the agents, on every event, grew with every conversation ever held.
 * Measured on the plan: how many times the messages are looked up, not on a clock.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';

type PlanNode = { 'Relation Name'?: string; 'Actual Loops'?: number; Plans?: PlanNode[] };

/** The loops of every node of `plan` that reads the messages table. */
function messageLookups(plan: PlanNode): number {
  const own = plan['Relation Name'] === 'messages' ? (plan['Actual Loops'] ?? 0) : 0;
  return own + (plan.Plans ?? []).reduce((sum, child) => sum + messageLookups(child), 0);
}

await describeOnEachDatabaseEngine('handover_conversations reads the messages of the rows it returns', (engine) => {
  let database: Awaited<ReturnType<typeof engine.start>>;
  const prefix = `cost-${Date.now()}-`;

  beforeAll(async () => {
    database = await engine.start({ logger: createLogger({ level: 'silent' }) });
    await database.pool.query(
      `INSERT INTO conversations (id, handover_state) SELECT $1 || g, 'ai' FROM generate_series(1, 300) g`,
      [prefix],
    );
    await database.pool.query(
      `INSERT INTO messages (conversation_id, role, content)
       SELECT $1 || g, role, 'bonjour' FROM generate_series(1, 300) g, unnest(ARRAY['user', 'assistant']) role`,
      [prefix],
    );
  }, 120_000);

  afterAll(async () => {
    await database?.stop();
  }, 60_000);

  it('five rows asked among 300 conversations with the agents: the messages are looked up for those five', async () => {
    const result = await database.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM handover_conversations(ARRAY['ai'], 5)`,
    );
    const lookups = messageLookups(result.rows[0]!['QUERY PLAN'][0].Plan);
    // Two lookups per row returned (the last message, the visitor's last one); 600 when looked up before the limit.
    expect(lookups).toBeGreaterThan(0);
    expect(lookups).toBeLessThanOrEqual(10);
  });
});
