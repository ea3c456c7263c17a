import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { MigrationFailedError } from './database-errors.ts';
import { createPgPool } from './embedded-database.ts';
import { runMigrations } from './migrate.ts';
import { readMigrationFiles } from './migration-files.ts';
import type { TemporaryDatabase } from './temporary-database.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';

const logger = createLogger({ level: 'silent' });
const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../database/fixtures');
const fixture = (name: string) => readFile(path.join(fixturesDirectory, name), 'utf8');

const allMigrations = (await readMigrationFiles()).map((migration) => migration.name);

/** v1 columns of every v1 table, as text, to prove that every row and value survives. */
const v1Columns: Record<string, string[]> = {
  users: ['id', 'email', 'name', 'created_at'],
  conversations: ['id', 'user_id', 'created_at', 'last_message_at', 'status'],
  messages: ['id', 'conversation_id', 'role', 'content', 'created_at', '"timestamp"'],
  documents: ['id', 'filename', 'file_type', 'upload_date', 'uploaded_by'],
  document_chunks: ['id', 'document_id', 'content', 'embedding', 'chunk_index'],
};

async function v1Rows(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, columns] of Object.entries(v1Columns)) {
    const selected = columns.map((column) => `${column}::text`).join(', ');
    snapshot[table] = (await pool.query({ text: `SELECT ${selected} FROM ${table} ORDER BY id::text`, rowMode: 'array' })).rows;
  }
  return snapshot;
}

async function allRows(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of ['users', 'conversations', 'messages', 'documents', 'document_chunks', 'schema_migrations']) {
    const columns = (
      await pool.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
        [table],
      )
    ).rows.map((row) => `${JSON.stringify(row.column_name)}::text`);
    snapshot[table] = (await pool.query({ text: `SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1`, rowMode: 'array' })).rows;
  }
  return snapshot;
}

async function schemaOf(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const queries: Record<string, string> = {
    columns: `SELECT table_name, column_name, data_type, column_default, is_nullable, generation_expression
              FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    indexes: `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
    constraints: `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                  WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    functions: `SELECT proname, pg_get_function_identity_arguments(oid), pg_get_function_result(oid), prosrc FROM pg_proc
                WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`,
    views: `SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1`,
    triggers: `SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
    textSearch: `SELECT cfgname FROM pg_ts_config WHERE cfgnamespace = 'public'::regnamespace ORDER BY 1`,
  };
  const schema: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(queries)) schema[name] = (await pool.query({ text: sql, rowMode: 'array' })).rows;
  return schema;
}

async function columnTypes(pool: pg.Pool, table: string): Promise<Record<string, string>> {
  const result = await pool.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return Object.fromEntries(result.rows.map((row) => [row.column_name, row.data_type]));
}

/** What must hold after migrating, whatever the starting point (docs/properties.md, compatibility). */
async function verifyTargetSchema(pool: pg.Pool): Promise<void> {
  const users = await columnTypes(pool, 'users');
  const conversations = await columnTypes(pool, 'conversations');
  const messages = await columnTypes(pool, 'messages');
  const documents = await columnTypes(pool, 'documents');
  const chunks = await columnTypes(pool, 'document_chunks');
  expect(users.id).toBe('text');
  expect(conversations).toMatchObject({ id: 'text', user_id: 'text', status: 'text' });
  expect(Object.keys(conversations)).toEqual(expect.arrayContaining(['created_at', 'last_message_at', 'updated_at']));
  expect(messages).toMatchObject({ id: 'uuid', conversation_id: 'text', role: 'text', content: 'text', agent: 'text', job_id: 'text' });
  expect(Object.keys(messages)).toEqual(
    expect.arrayContaining([
      'created_at', 'agent_type', 'latency_ms', 'prompt_tokens', 'completion_tokens', 'cost_usd', 'model',
      'confidence', 'routing_method', 'escalated', 'sources', 'timings',
    ]),
  );
  expect(documents).toMatchObject({ agent_owner: 'text', tags: 'ARRAY', category: 'text', priority: 'integer', title: 'text', source_key: 'text' });
  expect(Object.keys(documents)).toEqual(expect.arrayContaining(['content_hash', 'updated_at']));
  expect(chunks).toMatchObject({ section: 'text', embedding_model: 'text', content_tsv: 'tsvector', embedding: 'USER-DEFINED' });

  const functions = await pool.query<{ present: string | null }>(
    `SELECT to_regprocedure(signature)::text AS present FROM unnest($1::text[]) AS signature`,
    [[
      'match_documents_audrey(vector, double precision, integer, text)',
      'match_documents_carole(vector, double precision, integer, text)',
      'check_rate_limit(text, integer, integer)',
      'tag_documents_by_keywords(text, text[])',
    ]],
  );
  expect(functions.rows.every((row) => row.present !== null)).toBe(true);
  const result = await pool.query<{ result: string }>(
    `SELECT pg_get_function_result('match_documents_audrey(vector, double precision, integer, text)'::regprocedure) AS result`,
  );
  expect(result.rows[0]?.result).toBe('TABLE(id uuid, content text, similarity double precision, filename text, agent_owner text)');

  const indexes = (await pool.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'document_chunks'`)).rows;
  expect(indexes.some((index) => /USING hnsw \(embedding vector_cosine_ops\)/.test(index.indexdef))).toBe(true);
  expect(indexes.some((index) => /ivfflat/.test(index.indexdef))).toBe(false);
  expect(indexes.some((index) => /USING gin \(content_tsv\)/.test(index.indexdef))).toBe(true);

  // A chat with free-string ids (the seed's own tests use test-conv-1) now fits.
  await pool.query(`INSERT INTO users (id) VALUES ('test-user') ON CONFLICT DO NOTHING`);
  await pool.query(`INSERT INTO conversations (id, user_id) VALUES ('test-conv-1', 'test-user') ON CONFLICT DO NOTHING`);
  await pool.query(
    `INSERT INTO messages (conversation_id, role, content, job_id) VALUES ('test-conv-1', 'user', 'Salut l''équipe 👋', 'migrate-test-job')
     ON CONFLICT (job_id, role) WHERE job_id IS NOT NULL DO NOTHING`,
  );
  const duplicate = pool.query(
    `INSERT INTO messages (conversation_id, role, content, job_id) VALUES ('test-conv-1', 'user', 'again', 'migrate-test-job')`,
  );
  await expect(duplicate).rejects.toThrow(/duplicate key/);
  const rateLimit = await pool.query(`SELECT * FROM check_rate_limit('test-conv-1', 10, 60)`);
  expect(rateLimit.rows).toEqual([{ allowed: true, remaining: 9 }]);
  await pool.query(`DELETE FROM conversations WHERE id = 'test-conv-1'`);
  await pool.query(`DELETE FROM users WHERE id = 'test-user'`);
}

/** Plain SQL analytics over `messages` (messages per agent, response time per agent). */
const messagesPerAgentLast24Hours = `
  SELECT agent, count(*)::int AS messages
  FROM messages
  WHERE role = 'assistant' AND agent IS NOT NULL AND created_at > now() - interval '24 hours'
  GROUP BY agent ORDER BY agent`;
const averageResponseTimePerAgent = `
  SELECT assistant.agent,
         avg(coalesce(assistant.latency_ms, extract(epoch FROM assistant.created_at - visitor.created_at) * 1000))::float8 AS avg_response_ms
  FROM messages assistant
  JOIN LATERAL (
    SELECT created_at FROM messages visitor
    WHERE visitor.conversation_id = assistant.conversation_id AND visitor.role = 'user' AND visitor.created_at <= assistant.created_at
    ORDER BY visitor.created_at DESC LIMIT 1
  ) visitor ON true
  WHERE assistant.role = 'assistant' AND assistant.agent IS NOT NULL
  GROUP BY assistant.agent ORDER BY assistant.agent`;

const chunkEmbedding = (chunkId: string) => `(SELECT embedding FROM document_chunks WHERE id = '${chunkId}')`;

async function expectIdempotent(pool: pg.Pool): Promise<void> {
  const schemaBefore = await schemaOf(pool);
  const rowsBefore = await allRows(pool);
  const again = await runMigrations(pool, logger);
  expect(again).toEqual({ applied: [], alreadyApplied: allMigrations });
  // Every file is also safe to run again by hand (the Supabase file is pasted, not tracked).
  for (const migration of await readMigrationFiles()) await pool.query(migration.sql);
  expect(await schemaOf(pool)).toEqual(schemaBefore);
  expect(await allRows(pool)).toEqual(rowsBefore);
}

await describeOnEachDatabaseEngine('migrations', (engine) => {
  describe('from an empty database', () => {
    let database: TemporaryDatabase;
    beforeAll(async () => {
      database = await engine.start({ migrate: false });
    });
    afterAll(async () => database?.stop());

    it('apply once even when two processes migrate at the same time', async () => {
      const otherPool = createPgPool(database.connectionString, { max: 2, logger });
      try {
        const [first, second] = await Promise.all([runMigrations(database.pool, logger), runMigrations(otherPool, logger)]);
        expect([...first.applied, ...second.applied].sort()).toEqual(allMigrations);
        expect(first.applied.filter((name) => second.applied.includes(name))).toEqual([]);
      } finally {
        await otherPool.end();
      }
      const recorded = await database.pool.query('SELECT name FROM schema_migrations ORDER BY version');
      expect(recorded.rows.map((row) => row.name)).toEqual(allMigrations);
    });

    it('reach the target schema, with working functions and analytics', async () => {
      await verifyTargetSchema(database.pool);
      expect((await database.pool.query(messagesPerAgentLast24Hours)).rows).toEqual([]);
      expect((await database.pool.query('SELECT * FROM agent_analytics')).rows).toEqual([]);
      expect((await database.pool.query(`SELECT tag_documents_by_keywords('audrey', ARRAY['kajabi'])::int AS tagged`)).rows).toEqual([{ tagged: 0 }]);
    });

    it('change nothing when run again', async () => {
      await expectIdempotent(database.pool);
    });

    it('roll a failing migration back entirely and report it', async () => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'lac-bad-migrations-'));
      try {
        await writeFile(path.join(directory, '9001_good.sql'), 'CREATE TABLE IF NOT EXISTS migration_probe (id int);');
        await writeFile(path.join(directory, '9002_bad.sql'), 'CREATE TABLE migration_probe_two (id int); SELECT no_such_function();');
        const failure = runMigrations(database.pool, logger, { directory });
        await expect(failure).rejects.toBeInstanceOf(MigrationFailedError);
        await expect(failure).rejects.toThrow(/9002_bad/);
        const tables = await database.pool.query(`SELECT to_regclass('migration_probe')::text AS good, to_regclass('migration_probe_two')::text AS bad`);
        expect(tables.rows).toEqual([{ good: 'migration_probe', bad: null }]);
        const recorded = await database.pool.query(`SELECT name FROM schema_migrations WHERE version LIKE '9%'`);
        expect(recorded.rows).toEqual([{ name: '9001_good' }]);
      } finally {
        await database.pool.query(`DROP TABLE IF EXISTS migration_probe; DELETE FROM schema_migrations WHERE version LIKE '9%'`);
        await rm(directory, { recursive: true, force: true });
      }
    });
  });

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
