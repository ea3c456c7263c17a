import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { assertDatabaseSchemaOrExit, databaseUnreachableHintOf } from './schema-check.ts';

/**
 * The API or a worker started alone with no DATABASE_URL uses the embedded database, which only
 * `pnpm db:serve` (or `pnpm start`) serves. A newcomer who skipped it got "connect ECONNREFUSED"
 * and nothing more: the start's warning now says what to start or set.
 */
describe('a database that does not answer at start', () => {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMillis: 5_000 });
  afterAll(async () => pool.end());

  it('is logged with a hint naming `pnpm db:serve` and DATABASE_URL in embedded mode, and goes on', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ level: 'warn', destination, secrets: [] });
    const hint = databaseUnreachableHintOf(loadConfig({ EMBEDDED_DB_PORT: '5476' }));
    await assertDatabaseSchemaOrExit(pool, 'postgres://postgres@127.0.0.1:1/postgres', logger, hint);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toBe('could not check the database schema at start: going on without it');
    expect(String(lines[0]!.err)).toContain('ECONNREFUSED');
    expect(String(lines[0]!.hint)).toContain('pnpm db:serve');
    expect(String(lines[0]!.hint)).toContain('port 5476');
    expect(String(lines[0]!.hint)).toContain('DATABASE_URL');
  });

  it('has no embedded-database hint when DATABASE_URL or Supabase names the database', () => {
    expect(databaseUnreachableHintOf(loadConfig({ DATABASE_URL: 'postgres://postgres@db.example:5432/postgres' }))).toBeUndefined();
    expect(databaseUnreachableHintOf(loadConfig({ SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_KEY: 'service-key' }))).toBeUndefined();
  });
});
