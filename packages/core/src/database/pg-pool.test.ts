import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { infrastructureFaultOf } from '../errors/infrastructure-fault.ts';
import { createLogger } from '../logging/logger.ts';
import { probeTestPostgres } from '../testing/database-engines.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createPgPool, serverDeadlineOf } from './pg-pool.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from './temporary-database.ts';
import { startTemporaryPostgresDatabase } from './temporary-postgres-database.ts';

const silent = createLogger({ level: 'silent' });
const DEADLINE_MS = 300;

function captureLogs() {
  const lines: Array<{ level: number; msg: string; statementTimeoutMs?: number }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination, secrets: [] }) };
}

const uniqueApplicationName = () => `lac-pool-test-${randomBytes(4).toString('hex')}`;

it('the server stops a statement a little before the client gives up on it', () => {
  expect(serverDeadlineOf(800)).toBe(640);
  expect(serverDeadlineOf(30_000)).toBe(29_800);
  expect(serverDeadlineOf(300)).toBe(240);
  expect(serverDeadlineOf(5)).toBe(4);
  expect(serverDeadlineOf(1)).toBe(1);
});

describe('createPgPool on PGlite', () => {
  let database: TemporaryDatabase;
  beforeAll(async () => {
    database = await startTemporaryDatabase({ migrate: false });
  });
  afterAll(() => database.stop());
  afterEach(() => vi.restoreAllMocks());

  it("sets the server's statement deadline before a new connection's first query", async () => {
    const pool = createPgPool(database.connectionString, { max: 1, queryTimeoutMillis: DEADLINE_MS, logger: silent });
    try {
      const { rows } = await pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
      expect(rows[0]?.statement_timeout).toBe(`${serverDeadlineOf(DEADLINE_MS)}ms`);
    } finally {
      await pool.end();
    }
  });

  it('a refused SET is logged once, not thrown, and the connection still serves its callers', async () => {
    const query = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      if (typeof args[0] === 'string' && args[0].startsWith('SET statement_timeout')) {
        return Promise.reject(Object.assign(new Error('unsupported parameter: statement_timeout'), { code: '42501', severity: 'ERROR' }));
      }
      return (query as (...rest: unknown[]) => unknown).apply(this, args);
    } as typeof query);
    const { lines, logger } = captureLogs();
    const pool = createPgPool(database.connectionString, { max: 2, queryTimeoutMillis: DEADLINE_MS, logger });
    try {
      const clients = await Promise.all([pool.connect(), pool.connect()]);
      for (const client of clients) expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
      for (const client of clients) client.release();
      const refusals = lines.filter((line) => line.msg.startsWith('server-side statement deadline not set'));
      expect(refusals.map((line) => line.level)).toEqual([40, 20]); // warn once, then debug
      expect(refusals[0]?.statementTimeoutMs).toBe(serverDeadlineOf(DEADLINE_MS));
    } finally {
      await pool.end();
    }
  });

  it('a pool without a query deadline sends no SET', async () => {
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    const pool = createPgPool(database.connectionString, { max: 1, logger: silent });
    try {
      await pool.query('SELECT 1');
      expect(spy.mock.calls.map((call) => String(call[0]))).not.toContainEqual(expect.stringContaining('statement_timeout'));
    } finally {
      await pool.end();
    }
  });
});

const postgres = await probeTestPostgres();

if (!postgres.available) {
  describe.skip(`createPgPool on a real PostgreSQL — skipped: ${postgres.reason}`, () => {
    it('stops a timed-out statement on the server too', () => undefined);
  });
} else {
  describe(`createPgPool on PostgreSQL ${postgres.version}`, () => {
    let database: TemporaryDatabase;
    beforeAll(async () => {
      database = await startTemporaryPostgresDatabase(postgres.serverUrl, { migrate: false, poolMax: 2 });
      await database.pool.query('CREATE TABLE replies (id integer PRIMARY KEY, body text NOT NULL)');
    });
    afterAll(() => database.stop());

    /** Holds ACCESS EXCLUSIVE on `replies` from another connection until the returned function is called. */
    async function lockReplies(): Promise<() => Promise<void>> {
      const locker = new pg.Client({ connectionString: database.connectionString });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE replies IN ACCESS EXCLUSIVE MODE');
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await locker.query('COMMIT');
        await locker.end();
      };
    }

    const backendsOf = async (applicationName: string) =>
      (
        await database.pool.query<{ pid: number; state: string; wait_event_type: string | null }>(
          'SELECT pid, state, wait_event_type FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        )
      ).rows;

    it('a statement waiting on a lock is stopped by the server at the deadline, and its write is never committed', async () => {
      const applicationName = uniqueApplicationName();
      const pool = createPgPool(database.connectionString, { max: 4, queryTimeoutMillis: DEADLINE_MS, applicationName, logger: silent });
      try {
        const release = await lockReplies();
        try {
          const started = Date.now();
          const outcomes = await Promise.allSettled([
            pool.query('INSERT INTO replies (id, body) VALUES (1, $1)', ['Bonjour, je reprends la conversation.']),
            pool.query('INSERT INTO replies (id, body) VALUES (2, $1)', ['Une seconde réponse.']),
            pool.query('SELECT count(*) FROM replies'),
          ]);
          expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 2_500);
          for (const outcome of outcomes) {
            expect(outcome.status).toBe('rejected');
            // What the API's error handler and the workers' put-back read: a database fault (503, no attempt used).
            expect(infrastructureFaultOf((outcome as PromiseRejectedResult).reason)?.dependency).toBe('database');
          }
          // Within about a second, none of the pool's backends is left waiting on the lock.
          await waitUntil(() => backendsOf(applicationName), (rows) => rows.every((row) => row.wait_event_type !== 'Lock'), 1_500);
        } finally {
          await release();
        }
        // The lock is gone: a stranded INSERT would commit now. Nothing may appear.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect((await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM replies')).rows[0]?.n).toBe(0);
        // And the pool serves again.
        await pool.query('INSERT INTO replies (id, body) VALUES (3, $1)', ['après le verrou']);
        expect((await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM replies')).rows[0]?.n).toBe(1);
      } finally {
        await database.pool.query('DELETE FROM replies');
        await pool.end();
      }
    });

    it('a checked-out client gets the server-side deadline too, and its canceled statement is an infrastructure fault', async () => {
      const pool = createPgPool(database.connectionString, { max: 1, queryTimeoutMillis: 2 * DEADLINE_MS, applicationName: uniqueApplicationName(), logger: silent });
      const client = await pool.connect();
      try {
        expect((await client.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]?.statement_timeout).toBe(`${serverDeadlineOf(2 * DEADLINE_MS)}ms`);
        // Lower it for this session only, so the server's cancel (57014) arrives before the client's own deadline.
        await client.query(`SET statement_timeout = ${DEADLINE_MS / 3}`);
        const error = await client.query('SELECT pg_sleep(5)').then(() => null, (caught: unknown) => caught);
        expect((error as { code?: string }).code).toBe('57014');
        expect(infrastructureFaultOf(error)?.dependency).toBe('database');
      } finally {
        client.release(true);
        await pool.end();
      }
    });

    it('a lock_timeout refusal (55P03) is an infrastructure fault', async () => {
      const release = await lockReplies();
      const client = new pg.Client({ connectionString: database.connectionString });
      await client.connect();
      try {
        await client.query('SET lock_timeout = 100');
        const error = await client.query('INSERT INTO replies (id, body) VALUES (9, $1)', ['x']).then(() => null, (caught: unknown) => caught);
        expect((error as { code?: string }).code).toBe('55P03');
        expect(infrastructureFaultOf(error)?.dependency).toBe('database');
      } finally {
        await client.end();
        await release();
      }
    });

    it('a pool without a query deadline leaves the server default (migrations, CLIs)', async () => {
      const pool = createPgPool(database.connectionString, { max: 1, logger: silent });
      try {
        expect((await pool.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]?.statement_timeout).toBe('0');
      } finally {
        await pool.end();
      }
    });
  });
}
