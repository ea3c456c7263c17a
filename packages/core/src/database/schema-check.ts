import type pg from 'pg';
import { DatabaseSchemaBehindError } from './database-errors.ts';
import { readMigrationFiles } from './migration-files.ts';
import type { Logger } from '../logging/logger.ts';
import type { AppConfig } from '../config/config.ts';

/**
 * Whether a database holds every migration of this version (`schema_migrations`), checked by the
 * processes that do not migrate by themselves (the API and the worker started alone, `pnpm ingest`
 * on DATABASE_URL): on a fresh database they answered 500 on every message while /health said
 * healthy. A database ahead of this version (a newer migration applied first, in a rolling deploy)
 * is fine. Only the schema is judged: a database that does not answer is not this check's business
 * (the processes start without it and retry, as for any outage).
 */
export type SchemaStatus = { kind: 'current' } | { kind: 'behind'; missing: string[] };

export async function schemaStatusOf(pool: Pick<pg.Pool, 'query'>, options: { directory?: string } = {}): Promise<SchemaStatus> {
  const migrations = await readMigrationFiles(options.directory);
  const table = await pool.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const applied = table.rows[0]?.present
    ? new Set((await pool.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version))
    : new Set<string>();
  const missing = migrations.filter((migration) => !applied.has(migration.version)).map((migration) => migration.name);
  return missing.length === 0 ? { kind: 'current' } : { kind: 'behind', missing };
}

/** Throws DatabaseSchemaBehindError (naming the database and the migrations) when the schema is behind. */
export async function assertSchemaCurrent(pool: Pick<pg.Pool, 'query'>, database: string, options: { directory?: string } = {}): Promise<void> {
  const status = await schemaStatusOf(pool, options);
  if (status.kind === 'behind') throw new DatabaseSchemaBehindError(database, status.missing);
}

/**
 * What to do when the database does not answer at start, for the API or a worker started alone:
 * without DATABASE_URL (nor Supabase) they use the embedded database, which only `pnpm db:serve`
 * (or `pnpm start`) serves; a newcomer who skipped it read "connect ECONNREFUSED" and nothing more.
 */
export function databaseUnreachableHintOf(config: Pick<AppConfig, 'DATABASE_URL' | 'SUPABASE_URL' | 'SUPABASE_SERVICE_KEY' | 'EMBEDDED_DB_PORT'>): string | undefined {
  if (config.DATABASE_URL || (config.SUPABASE_URL && config.SUPABASE_SERVICE_KEY)) return undefined;
  return `no DATABASE_URL: this process uses the embedded database on port ${config.EMBEDDED_DB_PORT} (EMBEDDED_DB_PORT), served by \`pnpm db:serve\` (or \`pnpm start\`): start it, or set DATABASE_URL`;
}

/**
 * For the processes' start (as waitForRedisOrExit): a schema behind this version prints its
 * message and exits 1 (an orchestrator restarts the process once `migrate` has run); a database that
 * does not answer is logged, with `whenUnreachable` (databaseUnreachableHintOf) as its hint, and
 * left to the process's own retries.
 */
export async function assertDatabaseSchemaOrExit(pool: Pick<pg.Pool, 'query'>, database: string, logger: Logger, whenUnreachable?: string): Promise<void> {
  try {
    await assertSchemaCurrent(pool, database);
  } catch (error) {
    if (error instanceof DatabaseSchemaBehindError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    }
    const err = error instanceof Error ? error.message : String(error);
    logger.warn(whenUnreachable ? { err, hint: whenUnreachable } : { err }, 'could not check the database schema at start: going on without it');
  }
}
