import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { DatabaseSchemaBehindError } from './database-errors.ts';
import { runMigrations } from './migrate.ts';
import { readMigrationFiles } from './migration-files.ts';
import { assertSchemaCurrent, schemaStatusOf } from './schema-check.ts';
import type { TemporaryDatabase } from './temporary-database.ts';

/**
 * The API and the worker started alone do not migrate: on a database without this version's
 * migrations they must say so (and exit) rather than answer 500 on every message.
 */
await describeOnEachDatabaseEngine('schema check', (engine) => {
  const logger = createLogger({ level: 'silent' });
  let database: TemporaryDatabase;
  beforeAll(async () => {
    database = await engine.start({ migrate: false, logger });
  }, 120_000);
  afterAll(async () => database?.stop());

  it('says which migrations a fresh database lacks, none once migrated, and a database ahead of this version is current', async () => {
    const migrations = await readMigrationFiles();
    expect(await schemaStatusOf(database.pool)).toEqual({ kind: 'behind', missing: migrations.map((migration) => migration.name) });
    const error = await assertSchemaCurrent(database.pool, 'base de test').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseSchemaBehindError);
    expect((error as Error).message).toContain('pnpm db:migrate');

    await runMigrations(database.pool, logger);
    expect(await schemaStatusOf(database.pool)).toEqual({ kind: 'current' });
    // A newer version migrated first (a rolling deploy): this one still runs on it.
    await database.pool.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES ('9999', '9999_from_a_newer_version', 'x')`);
    await expect(assertSchemaCurrent(database.pool, 'base de test')).resolves.toBeUndefined();

    // One migration missing (the code was deployed before `pnpm db:migrate`).
    const last = migrations.at(-1)!;
    await database.pool.query('DELETE FROM schema_migrations WHERE version = $1', [last.version]);
    expect(await schemaStatusOf(database.pool)).toEqual({ kind: 'behind', missing: [last.name] });
  }, 120_000);
});
