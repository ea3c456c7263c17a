import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { expect } from 'vitest';
import { createLogger } from '../../logging/logger.ts';
import { runMigrations } from '../migrate.ts';
import { readMigrationFiles } from '../migration-files.ts';

/**
 * What the migration tests check on a database (migrate.test.ts, migrate-from-v1.test.ts): the
 * target schema with its functions, the v1 rows kept, the analytics queries, and that running the
 * migrations again changes nothing.
 */

const logger = createLogger({ level: 'silent' });
const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../database/fixtures');
export const fixture = (name: string) => readFile(path.join(fixturesDirectory, name), 'utf8');

export const allMigrations = (await readMigrationFiles()).map((migration) => migration.name);

/** v1 columns of every v1 table, as text, to prove that every row and value survives. */
const v1Columns: Record<string, string[]> = {
  users: ['id', 'email', 'name', 'created_at'],
  conversations: ['id', 'user_id', 'created_at', 'last_message_at', 'status'],
  messages: ['id', 'conversation_id', 'role', 'content', 'created_at', '"timestamp"'],
  documents: ['id', 'filename', 'file_type', 'upload_date', 'uploaded_by'],
  document_chunks: ['id', 'document_id', 'content', 'embedding', 'chunk_index'],
};

export async function v1Rows(pool: pg.Pool): Promise<Record<string, unknown[]>> {
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
export async function verifyTargetSchema(pool: pg.Pool): Promise<void> {
  const users = await columnTypes(pool, 'users');
  const conversations = await columnTypes(pool, 'conversations');
  const messages = await columnTypes(pool, 'messages');
  const documents = await columnTypes(pool, 'documents');
  const chunks = await columnTypes(pool, 'document_chunks');
  expect(users.id).toBe('text');
  expect(conversations).toMatchObject({ id: 'text', user_id: 'text', status: 'text', token_issued: 'boolean' });
  expect(await columnTypes(pool, 'retired_conversation_ids')).toEqual({ conversation_id_digest: 'text', retired_at: 'timestamp with time zone' });
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
  // A row another writer inserts after migration 0026 (v1, the Python v2: no token) is unmarked, so its
  // owner's first post may still claim it once; this product's stores mark the rows they write.
  expect((await pool.query(`SELECT token_issued FROM conversations WHERE id = 'test-conv-1'`)).rows).toEqual([{ token_issued: false }]);
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
export const messagesPerAgentLast24Hours = `
  SELECT agent, count(*)::int AS messages
  FROM messages
  WHERE role = 'assistant' AND agent IS NOT NULL AND created_at > now() - interval '24 hours'
  GROUP BY agent ORDER BY agent`;
export const averageResponseTimePerAgent = `
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

export const chunkEmbedding = (chunkId: string) => `(SELECT embedding FROM document_chunks WHERE id = '${chunkId}')`;

export async function expectIdempotent(pool: pg.Pool): Promise<void> {
  const schemaBefore = await schemaOf(pool);
  const rowsBefore = await allRows(pool);
  const again = await runMigrations(pool, logger);
  expect(again).toEqual({ applied: [], alreadyApplied: allMigrations });
  // Every file is also safe to run again by hand (the Supabase file is pasted, not tracked).
  for (const migration of await readMigrationFiles()) await pool.query(migration.sql);
  expect(await schemaOf(pool)).toEqual(schemaBefore);
  expect(await allRows(pool)).toEqual(rowsBefore);
}
