import type pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import { MigrationFailedError } from './database-errors.ts';
import { readMigrationFiles, type MigrationFile } from './migration-files.ts';

/** Advisory lock key held (per transaction) while migrating: two processes never migrate at once. */
export const MIGRATION_ADVISORY_LOCK_KEY = 7_305_162_951;

export const schemaMigrationsTableSql = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

export interface MigrationReport {
  /** Names of the migrations applied by this call, in order (empty when up to date). */
  applied: string[];
  /** Names of the migrations that were already applied. */
  alreadyApplied: string[];
}

/**
 * Applies the pending migrations in version order, each in its own transaction that holds
 * the migration advisory lock and re-checks `schema_migrations` once it holds it, so
 * concurrent runners (API, worker, CLI starting together) apply each migration exactly once.
 */
export async function runMigrations(
  pool: pg.Pool,
  logger: Logger,
  options: { directory?: string } = {},
): Promise<MigrationReport> {
  const migrations = await readMigrationFiles(options.directory);
  const recorded = await inLockedTransaction(pool, async (client) => readRecordedMigrations(client));
  const report: MigrationReport = { applied: [], alreadyApplied: [] };

  for (const migration of migrations) {
    const known = recorded.get(migration.version);
    if (known) {
      report.alreadyApplied.push(migration.name);
      if (known !== migration.checksum) {
        logger.warn({ migration: migration.name }, 'migration file changed after it was applied; not re-applied');
      }
      continue;
    }
    const appliedNow = await inLockedTransaction(pool, async (client) => {
      const again = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (again.rowCount) return null;
      return applyMigration(client, migration);
    });
    if (appliedNow !== null) {
      report.applied.push(migration.name);
      logger.info({ migration: migration.name, durationMs: appliedNow }, 'migration applied');
    } else {
      report.alreadyApplied.push(migration.name);
    }
  }
  if (report.applied.length === 0) logger.debug({ migrations: migrations.length }, 'database schema up to date');
  return report;
}

async function applyMigration(client: pg.PoolClient, migration: MigrationFile): Promise<number> {
  const startedAt = Date.now();
  try {
    // No parameters: simple query protocol, so the file may hold many statements.
    await client.query(migration.sql);
  } catch (error) {
    throw new MigrationFailedError(migration.name, error);
  }
  await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
    migration.version,
    migration.name,
    migration.checksum,
  ]);
  return Date.now() - startedAt;
}

async function readRecordedMigrations(client: pg.PoolClient): Promise<Map<string, string>> {
  const result = await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
  return new Map(result.rows.map((row) => [row.version, row.checksum]));
}

async function inLockedTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_ADVISORY_LOCK_KEY]);
    await client.query(schemaMigrationsTableSql);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
