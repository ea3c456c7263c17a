import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { runMigrations } from './migrate.ts';
import { readMigrationFiles } from './migration-files.ts';
import { renderSupabaseSql, supabaseSqlPath } from './supabase-sql.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from './temporary-database.ts';

const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../database/fixtures');

describe('database/supabase.sql', () => {
  it('is up to date with the migrations (run `pnpm db:generate` when this fails)', async () => {
    const expected = renderSupabaseSql(await readMigrationFiles());
    const actual = await readFile(supabaseSqlPath, 'utf8').catch(() => '(missing)');
    expect(actual === expected, 'database/supabase.sql is stale: run `pnpm db:generate`').toBe(true);
  });

  describe('pasted on the v1 database with the v2 migration run', () => {
    let database: TemporaryDatabase;
    beforeAll(async () => {
      database = await startTemporaryDatabase({ migrate: false });
      for (const name of ['v1-database.sql', 'v2-migration.sql', 'v2-era-rows.sql']) {
        await database.pool.query(await readFile(path.join(fixturesDirectory, name), 'utf8'));
      }
    });
    afterAll(async () => database?.stop());

    it('migrates it, twice without harm, and db:migrate then has nothing left to do', async () => {
      const supabaseSql = await readFile(supabaseSqlPath, 'utf8');
      await database.pool.query(supabaseSql);
      await database.pool.query(supabaseSql);
      const counts = await database.pool.query(
        `SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM document_chunks)::int AS chunks,
                (SELECT data_type FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'conversation_id') AS conversation_id_type`,
      );
      expect(counts.rows).toEqual([{ messages: 12, chunks: 5, conversation_id_type: 'text' }]);
      const report = await runMigrations(database.pool, createLogger({ level: 'silent' }));
      expect(report.applied).toEqual([]);
    });
  });
});
