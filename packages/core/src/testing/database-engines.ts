import { DEFAULT_LOCAL_POSTGRES_URL, probePostgresServer, type PostgresServerProbe } from '../database/postgres-server-probe.ts';
import { pgliteEngine, postgresEngine, type DatabaseEngine } from '../database/temporary-database-engines.ts';

export type { DatabaseEngine };

// vitest is imported where it is used, so benchmarks can import this module outside the test runner.

/**
 * The database engines a test file runs on: the embedded PGlite always, and a real PostgreSQL
 * server with pgvector when one answers at TEST_POSTGRES_URL (default: the local server,
 * `postgres://postgres@127.0.0.1:5432/postgres`; `off` disables it). Each `start()` makes a
 * database of its own (PGlite in memory, or CREATE DATABASE on the server), dropped by `stop()`.
 *
 * Without that server the real-Postgres suites are reported as skipped, with the reason in
 * their name. With TEST_POSTGRES_REQUIRED=1 (CI sets it) a missing server fails the run instead.
 */

export type TestPostgres =
  | (Extract<PostgresServerProbe, { usable: true }> & { available: true })
  | { available: false; serverUrl: string | null; reason: string };

let probed: Promise<TestPostgres> | undefined;

/** Whether the real PostgreSQL of TEST_POSTGRES_URL can host test databases (probed once per process). */
export function probeTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  probed ??= probe(env);
  return probed;
}

async function probe(env: NodeJS.ProcessEnv): Promise<TestPostgres> {
  const setting = env.TEST_POSTGRES_URL?.trim();
  const required = env.TEST_POSTGRES_REQUIRED === '1' || env.TEST_POSTGRES_REQUIRED === 'true';
  if (setting === 'off') return { available: false, serverUrl: null, reason: 'TEST_POSTGRES_URL=off' };
  const server = await probePostgresServer(setting || DEFAULT_LOCAL_POSTGRES_URL);
  if (server.usable) return { ...server, available: true };
  if (required) throw new Error(`TEST_POSTGRES_REQUIRED is set but the real PostgreSQL cannot be used: ${server.reason}`);
  return { available: false, serverUrl: server.serverUrl, reason: server.reason };
}

/**
 * `describe(title on <engine>)` once per engine: PGlite, then the real PostgreSQL, or a skipped
 * block (every test listed as skipped, the reason in its name) when that server is missing.
 */
export async function describeOnEachDatabaseEngine(title: string, body: (engine: DatabaseEngine) => void): Promise<void> {
  const { describe } = await import('vitest');
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
  const { describe, it } = await import('vitest');
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
