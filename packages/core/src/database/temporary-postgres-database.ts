import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger, redactUrl, type Logger } from '../logging/logger.ts';
import { runMigrations } from './migrate.ts';
import { createPgPool } from './pg-pool.ts';
import type { TemporaryDatabase } from './temporary-database.ts';

/** Every database made here is named `lac_tmp_<created, base 36 ms>_<random>`. */
const TEMPORARY_DATABASE_PREFIX = 'lac_tmp_';
/** A temporary database older than this belonged to a run that died before dropping it. */
const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;

export interface TemporaryPostgresOptions {
  /** Run the migrations on the new database (default true). Off, the database is empty: no extension, no table. */
  migrate?: boolean;
  poolMax?: number;
  logger?: Logger;
}

/**
 * A throwaway database on a real PostgreSQL server: `CREATE DATABASE` through `serverUrl` (any
 * database of a role allowed to create databases, e.g. `postgres://postgres@127.0.0.1:5432/postgres`),
 * migrated unless `migrate: false`; `stop()` ends the pool and drops the database. Each test file
 * or benchmark gets a database of its own, so runs in parallel never see each other's rows.
 * Databases left behind by a killed run are dropped by the next one after six hours.
 */
export async function startTemporaryPostgresDatabase(
  serverUrl: string,
  options: TemporaryPostgresOptions = {},
): Promise<TemporaryDatabase> {
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const name = `${TEMPORARY_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
  await withServerClient(serverUrl, async (client) => {
    await dropAbandonedDatabases(client, logger);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const connectionString = databaseUrlWithName(serverUrl, name);
  const pool = createPgPool(connectionString, { max: options.poolMax ?? 8, logger });
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await pool.end();
      await withServerClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    })());
  try {
    if (options.migrate ?? true) await runMigrations(pool, logger);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.debug({ database: redactUrl(connectionString) }, 'temporary database created');
  return { connectionString, pool, stop };
}

/** `serverUrl` with its database name replaced. */
export function databaseUrlWithName(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(databaseName)}`;
  return url.toString();
}

async function withServerClient<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function dropAbandonedDatabases(client: pg.Client, logger: Logger): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${TEMPORARY_DATABASE_PREFIX}%`],
  );
  for (const { datname } of rows) {
    const createdAt = Number.parseInt(datname.slice(TEMPORARY_DATABASE_PREFIX.length).split('_')[0] ?? '', 36);
    if (!Number.isFinite(createdAt) || Date.now() - createdAt < ABANDONED_AFTER_MS) continue;
    if (!/^[a-z0-9_]+$/.test(datname)) continue;
    await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).then(
      () => logger.info({ database: datname }, 'dropped an abandoned temporary database'),
      (error: unknown) => logger.warn({ err: error, database: datname }, 'could not drop an abandoned temporary database'),
    );
  }
}
