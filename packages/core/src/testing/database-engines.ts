import pg from 'pg';
import { describe, it } from 'vitest';
import type { Logger } from '../logging/logger.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { startTemporaryPostgresDatabase } from '../database/temporary-postgres-database.ts';

/**
 * The database engines a test file runs on: the embedded PGlite always, and a real PostgreSQL
 * server with pgvector when one answers at TEST_POSTGRES_URL (default: the local server,
 * `postgres://postgres@127.0.0.1:5432/postgres`; `off` disables it). Each `start()` makes a
 * database of its own (PGlite in memory, or CREATE DATABASE on the server), dropped by `stop()`.
 *
 * Without that server the real-Postgres suites are reported as skipped, with the reason in
 * their name. With TEST_POSTGRES_REQUIRED=1 (CI sets it) a missing server fails the run instead.
 */

export interface DatabaseEngine {
  /** `PGlite` or `PostgreSQL 15.x`. */
  name: string;
  kind: 'pglite' | 'postgres';
  start(options?: { migrate?: boolean; poolMax?: number; logger?: Logger }): Promise<TemporaryDatabase>;
}

export type TestPostgres =
  | { available: true; serverUrl: string; version: string; pgvector: string }
  | { available: false; serverUrl: string | null; reason: string };

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const pgliteEngine: DatabaseEngine = {
  name: 'PGlite',
  kind: 'pglite',
  start: (options) => startTemporaryDatabase(options),
};

let probed: Promise<TestPostgres> | undefined;

/** Whether the real PostgreSQL of TEST_POSTGRES_URL can host test databases (probed once per process). */
export function probeTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  probed ??= probe(env);
  return probed;
}

async function probe(env: NodeJS.ProcessEnv): Promise<TestPostgres> {
  const setting = env.TEST_POSTGRES_URL?.trim();
  const required = env.TEST_POSTGRES_REQUIRED === '1' || env.TEST_POSTGRES_REQUIRED === 'true';
  const unavailable = (serverUrl: string | null, reason: string): TestPostgres => {
    if (required) throw new Error(`TEST_POSTGRES_REQUIRED is set but the real PostgreSQL cannot be used: ${reason}`);
    return { available: false, serverUrl, reason };
  };
  if (setting === 'off') return unavailable(null, 'TEST_POSTGRES_URL=off');
  const serverUrl = setting || DEFAULT_TEST_POSTGRES_URL;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch (error) {
    return unavailable(serverUrl, `no PostgreSQL answers at ${safeAddress(serverUrl)} (${(error as Error).message})`);
  }
  try {
    const { rows } = await client.query<{ version: string; pgvector: string | null; unaccent: string | null; can_create: boolean }>(
      `SELECT current_setting('server_version') AS version,
              (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS pgvector,
              (SELECT default_version FROM pg_available_extensions WHERE name = 'unaccent') AS unaccent,
              (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can_create`,
    );
    const facts = rows[0]!;
    if (!facts.pgvector) {
      return unavailable(serverUrl, `PostgreSQL ${facts.version} at ${safeAddress(serverUrl)} has no pgvector (install it: see .ci/run)`);
    }
    if (!facts.unaccent) return unavailable(serverUrl, `PostgreSQL ${facts.version} has no unaccent extension (contrib)`);
    if (!facts.can_create) return unavailable(serverUrl, `the role of TEST_POSTGRES_URL may not create databases`);
    return { available: true, serverUrl, version: facts.version.split(' ')[0]!, pgvector: facts.pgvector };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function safeAddress(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    return `${url.hostname}:${url.port || 5432}`;
  } catch {
    return 'TEST_POSTGRES_URL (not a URL)';
  }
}

export function postgresEngine(postgres: Extract<TestPostgres, { available: true }>): DatabaseEngine {
  return {
    name: `PostgreSQL ${postgres.version}`,
    kind: 'postgres',
    start: (options) => startTemporaryPostgresDatabase(postgres.serverUrl, options),
  };
}

/**
 * `describe(title on <engine>)` once per engine: PGlite, then the real PostgreSQL, or a skipped
 * block (every test listed as skipped, the reason in its name) when that server is missing.
 */
export async function describeOnEachDatabaseEngine(title: string, body: (engine: DatabaseEngine) => void): Promise<void> {
  describe(`${title} on PGlite`, () => body(pgliteEngine));
  const postgres = await probeTestPostgres();
  if (postgres.available) {
    describe(`${title} on PostgreSQL ${postgres.version} (pgvector ${postgres.pgvector})`, () => body(postgresEngine(postgres)));
  } else {
    describe.skip(skippedTitle(title, postgres.reason), () => body(pgliteEngine));
    warnSkipped(title, postgres.reason);
  }
}

/** The engines available here, PGlite first (for test files that loop over engines themselves). */
export async function databaseEnginesUnderTest(): Promise<DatabaseEngine[]> {
  const postgres = await probeTestPostgres();
  return postgres.available ? [pgliteEngine, postgresEngine(postgres)] : [pgliteEngine];
}

/** For files that loop over `databaseEnginesUnderTest()`: a skipped test saying why the real PostgreSQL is missing. */
export async function describeSkippedRealPostgres(title: string): Promise<void> {
  const postgres = await probeTestPostgres();
  if (postgres.available) return;
  describe.skip(skippedTitle(title, postgres.reason), () => {
    it('runs the same tests as on PGlite', () => undefined);
  });
  warnSkipped(title, postgres.reason);
}

function skippedTitle(title: string, reason: string): string {
  return `${title} on a real PostgreSQL — skipped: ${reason}`;
}

function warnSkipped(title: string, reason: string): void {
  // A test helper, not library code: this line is for the person reading the test run.
  console.warn(`[tests] ${title} on a real PostgreSQL skipped: ${reason} (set TEST_POSTGRES_URL)`);
}
