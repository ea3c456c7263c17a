import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { MigrationFailedError } from './database-errors.ts';
import { createPgPool } from './embedded-database.ts';
import { runMigrations } from './migrate.ts';
import type { TemporaryDatabase } from './temporary-database.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { allMigrations, expectIdempotent, messagesPerAgentLast24Hours, verifyTargetSchema } from './test-support/migration-checks.ts';

/** The migrations from an empty database, on PGlite and on the machine's Postgres. From v1: migrate-from-v1.test.ts. */

const logger = createLogger({ level: 'silent' });

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
});
