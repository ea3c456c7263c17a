import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { runMigrations } from './migrate.ts';
import { readMigrationFiles } from './migration-files.ts';
import { renderSupabaseSql, writeSupabaseSql } from './supabase-sql.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from './temporary-database.ts';

const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../database/fixtures');

/** The file `pnpm db:generate` writes (database/supabase.sql is git-ignored: it is generated here, in a temporary folder). */
let outputDirectory: string;
let supabaseSqlFile: string;
beforeAll(async () => {
  outputDirectory = await mkdtemp(path.join(tmpdir(), 'lac-supabase-sql-'));
  supabaseSqlFile = path.join(outputDirectory, 'nested', 'supabase.sql');
});
afterAll(async () => rm(outputDirectory, { recursive: true, force: true }));

describe('the generated Supabase SQL file', () => {
  it('holds every migration, each recorded in schema_migrations, in one transaction', async () => {
    const migrations = await readMigrationFiles();
    const written = await writeSupabaseSql(supabaseSqlFile);
    const sql = await readFile(supabaseSqlFile, 'utf8');
    expect(written).toEqual({ outputPath: supabaseSqlFile, migrationCount: migrations.length });
    expect(sql).toBe(renderSupabaseSql(migrations));
    expect(sql.match(/^BEGIN;$/gm)).toHaveLength(1);
    expect(sql.trimEnd().endsWith('COMMIT;')).toBe(true);
    for (const migration of migrations) {
      expect(sql).toContain(migration.sql.trimEnd());
      expect(sql).toContain(`VALUES ('${migration.version}', '${migration.name}', '${migration.checksum}')`);
    }
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
      await writeSupabaseSql(supabaseSqlFile);
      const supabaseSql = await readFile(supabaseSqlFile, 'utf8');
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
