import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { runMigrations } from './migrate.ts';
import type { TemporaryDatabase } from './temporary-database.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import {
  allMigrations,
  averageResponseTimePerAgent,
  chunkEmbedding,
  expectIdempotent,
  fixture,
  messagesPerAgentLast24Hours,
  v1Rows,
  verifyTargetSchema,
} from './test-support/migration-checks.ts';

/** The migrations from the v1 database, and from v1 with the v2 migration run, on PGlite and on the machine's Postgres. */

const logger = createLogger({ level: 'silent' });

await describeOnEachDatabaseEngine('migrations', (engine) => {
  describe.each([
    { startingPoint: 'the v1 database', fixtures: ['v1-database.sql'] },
    { startingPoint: 'the v1 database with the v2 migration run', fixtures: ['v1-database.sql', 'v2-migration.sql', 'v2-era-rows.sql'] },
  ])('from $startingPoint', ({ fixtures }) => {
    const withV2 = fixtures.length > 1;
    let database: TemporaryDatabase;
    let rowsBefore: Record<string, unknown[]>;
    beforeAll(async () => {
      database = await engine.start({ migrate: false });
      for (const name of fixtures) await database.pool.query(await fixture(name));
      rowsBefore = await v1Rows(database.pool);
      const report = await runMigrations(database.pool, logger);
      expect(report.applied).toEqual(allMigrations);
    });
    afterAll(async () => database?.stop());

    it('keep every row and every v1 value', async () => {
      expect(await v1Rows(database.pool)).toEqual(rowsBefore);
      const counts = await database.pool.query(
        `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM conversations)::int AS conversations,
                (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM documents)::int AS documents,
                (SELECT count(*) FROM document_chunks)::int AS chunks`,
      );
      expect(counts.rows[0]).toEqual(
        withV2
          ? { users: 4, conversations: 4, messages: 12, documents: 3, chunks: 5 }
          : { users: 3, conversations: 3, messages: 8, documents: 3, chunks: 5 },
      );
      const apostrophes = await database.pool.query(`SELECT name FROM users WHERE id = '11111111-1111-4111-8111-111111111111'`);
      expect(apostrophes.rows).toEqual([{ name: "Amélie D'Argent" }]);
    });

    it('reach the target schema, with working functions', async () => {
      await verifyTargetSchema(database.pool);
      const status = await database.pool.query(`SELECT status FROM conversations WHERE id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2'`);
      expect(status.rows).toEqual([{ status: 'upsell_opportunity' }]);
    });

    it('fill agent from v1 agent_type and the reverse, and describe v1 chunks', async () => {
      const agents = await database.pool.query(
        `SELECT id::text, agent, agent_type FROM messages WHERE role = 'assistant' ORDER BY id`,
      );
      expect(agents.rows).toEqual([
        { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb10', agent: withV2 ? 'carole' : undefined, agent_type: 'creation' },
        { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb12', agent: 'escalate', agent_type: null },
        { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb2', agent: 'audrey', agent_type: 'automation' },
        { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb4', agent: 'carole', agent_type: 'creation' },
        { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb6', agent: 'carole', agent_type: 'creation' },
        { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb8', agent: 'audrey', agent_type: 'automation' },
      ].filter((row) => withV2 || !row.id.endsWith('10') && !row.id.endsWith('12')));
      const userRows = await database.pool.query(`SELECT count(*)::int AS n FROM messages WHERE role = 'user' AND agent IS NOT NULL`);
      expect(userRows.rows).toEqual([{ n: 0 }]);
      const models = await database.pool.query(`SELECT DISTINCT embedding_model FROM document_chunks`);
      expect(models.rows).toEqual([{ embedding_model: 'text-embedding-3-small' }]);
      const owners = await database.pool.query(`SELECT filename, agent_owner, tags FROM documents ORDER BY filename`);
      expect(owners.rows).toEqual([
        { filename: 'astuces_instagram_reels.md', agent_owner: withV2 ? 'carole' : 'shared', tags: withV2 ? ['instagram'] : [] },
        { filename: 'faq_generale.txt', agent_owner: 'shared', tags: [] },
        { filename: 'guide_tunnel_de_vente.pdf', agent_owner: 'shared', tags: [] },
      ]);
    });

    it('match documents per agent with v2 signatures', async () => {
      const reelsChunk = 'cccccccc-cccc-4ccc-8ccc-ccccccccccc3';
      const forCarole = await database.pool.query(
        `SELECT id::text, filename, agent_owner, round(similarity::numeric, 4)::float8 AS similarity
         FROM match_documents_carole(${chunkEmbedding(reelsChunk)}, 0.99)`,
      );
      expect(forCarole.rows).toEqual([
        { id: reelsChunk, filename: 'astuces_instagram_reels.md', agent_owner: withV2 ? 'carole' : 'shared', similarity: 1 },
      ]);
      const forAudrey = await database.pool.query(`SELECT id::text FROM match_documents_audrey(${chunkEmbedding(reelsChunk)}, 0.99)`);
      expect(forAudrey.rows).toEqual(withV2 ? [] : [{ id: reelsChunk }]);
      const defaults = await database.pool.query(
        `SELECT count(*)::int AS n FROM match_documents_audrey(${chunkEmbedding('cccccccc-cccc-4ccc-8ccc-ccccccccccc1')})`,
      );
      expect(defaults.rows[0].n).toBeGreaterThanOrEqual(1);
    });

    it('rate-limit over messages with text conversation ids', async () => {
      const recent = await database.pool.query(`SELECT * FROM check_rate_limit('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3', 10, 7200)`);
      expect(recent.rows).toEqual([{ allowed: true, remaining: 9 }]);
      const tight = await database.pool.query(`SELECT * FROM check_rate_limit('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3', 1, 7200)`);
      expect(tight.rows).toEqual([{ allowed: false, remaining: 0 }]);
      const defaults = await database.pool.query(`SELECT * FROM check_rate_limit('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3')`);
      expect(defaults.rows).toEqual([{ allowed: true, remaining: 10 }]);
    });

    it('mark every conversation found as of before the access marks (its owner may claim it once), and retire no id', async () => {
      const marks = await database.pool.query(`SELECT token_issued, count(*)::int AS n FROM conversations GROUP BY token_issued`);
      expect(marks.rows).toEqual([{ token_issued: false, n: withV2 ? 4 : 3 }]);
      expect((await database.pool.query(`SELECT count(*)::int AS n FROM retired_conversation_ids`)).rows).toEqual([{ n: 0 }]);
    });

    it('search French text without accents', async () => {
      const found = await database.pool.query(
        `SELECT id::text FROM document_chunks WHERE content_tsv @@ plainto_tsquery('french_unaccent', 'equipe visuels') ORDER BY id`,
      );
      expect(found.rows).toEqual([{ id: 'cccccccc-cccc-4ccc-8ccc-ccccccccccc4' }]);
    });

    it('answer the analytics questions in plain SQL', async () => {
      const perAgent = await database.pool.query(messagesPerAgentLast24Hours);
      expect(perAgent.rows).toEqual(
        withV2
          ? [{ agent: 'audrey', messages: 1 }, { agent: 'carole', messages: 3 }, { agent: 'escalate', messages: 1 }]
          : [{ agent: 'audrey', messages: 1 }, { agent: 'carole', messages: 2 }],
      );
      const responseTimes = await database.pool.query<{ agent: string; avg_response_ms: number }>(averageResponseTimePerAgent);
      const audrey = responseTimes.rows.find((row) => row.agent === 'audrey');
      // (4 s + 600 s) / 2 for Audrey's two v1 answers.
      expect(audrey?.avg_response_ms).toBeCloseTo(302_000, -2);
      const view = await database.pool.query(`SELECT agent, sum(message_count)::int AS n FROM agent_analytics GROUP BY agent ORDER BY agent`);
      expect(view.rows.map((row) => row.agent)).toEqual(withV2 ? ['audrey', 'carole', 'escalate'] : ['audrey', 'carole']);
    });

    it('tag untagged documents by keyword and count them', async () => {
      const first = await database.pool.query(`SELECT tag_documents_by_keywords('audrey', ARRAY['tunnel', 'kajabi', 'reels']) AS tagged`);
      // v1: the funnel guide and the still-shared Reels guide; with v2 the Reels guide already belongs to Carole.
      expect(first.rows).toEqual([{ tagged: withV2 ? 1 : 2 }]);
      const tagged = await database.pool.query(`SELECT tags FROM documents WHERE filename = 'guide_tunnel_de_vente.pdf'`);
      expect(tagged.rows).toEqual([{ tags: ['kajabi', 'tunnel'] }]);
      const chunkOwners = await database.pool.query(
        `SELECT DISTINCT chunk.agent_owner FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
         WHERE document.filename = 'guide_tunnel_de_vente.pdf'`,
      );
      expect(chunkOwners.rows).toEqual([{ agent_owner: 'audrey' }]);
      const second = await database.pool.query(`SELECT tag_documents_by_keywords('audrey', ARRAY['%tunnel%']) AS tagged`);
      expect(second.rows).toEqual([{ tagged: 0 }]);
      await expect(database.pool.query(`SELECT tag_documents_by_keywords('bob', ARRAY['x'])`)).rejects.toThrow(/audrey, carole or shared/);
    });

    it('change nothing when run again', async () => {
      await expectIdempotent(database.pool);
    });
  });
});
