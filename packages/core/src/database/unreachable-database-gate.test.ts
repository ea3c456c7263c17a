import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infrastructureFaultOf } from '../errors/infrastructure-fault.ts';
import { createLogger } from '../logging/logger.ts';
import { probeTestPostgres } from '../testing/database-engines.ts';
import { startTcpTestProxy, type TcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createPgPool } from './pg-pool.ts';
import { startTemporaryPostgresDatabase } from './temporary-postgres-database.ts';
import { DatabaseKnownUnreachableError, saysDatabaseUnreachable } from './unreachable-database-gate.ts';

const silent = createLogger({ level: 'silent' });
const DEADLINE_MS = 400;

it('tells an unreachable database from a busy one', () => {
  expect(saysDatabaseUnreachable(new Error('Query read timeout'))).toBe(true);
  expect(saysDatabaseUnreachable(new Error('Connection terminated due to connection timeout'))).toBe(true);
  expect(saysDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(saysDatabaseUnreachable(Object.assign(new Error('the database system is shutting down'), { code: '57P03', severity: 'FATAL' }))).toBe(true);
  // Busy, locked, full pool or read only: the database answers.
  expect(saysDatabaseUnreachable(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' }))).toBe(false);
  expect(saysDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(false);
  expect(saysDatabaseUnreachable(Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006', severity: 'ERROR' }))).toBe(false);
  expect(saysDatabaseUnreachable(Object.assign(new Error('syntax error'), { code: '42601', severity: 'ERROR' }))).toBe(false);
  expect(infrastructureFaultOf(new DatabaseKnownUnreachableError())?.dependency).toBe('database');
});

const postgres = await probeTestPostgres();

if (!postgres.available) {
  describe.skip(`failFastWhileUnreachable on a real PostgreSQL — skipped: ${postgres.reason}`, () => {
    it('answers at once while the database is black-holed', () => undefined);
  });
} else {
  describe(`failFastWhileUnreachable on PostgreSQL ${postgres.version}, through a TCP proxy`, () => {
    let stopDatabase: () => Promise<void>;
    let proxy: TcpTestProxy;
    let connectionString: string;
    // Black-holed: connections stay open, no byte passes (a NAT that forgot them); healed: they are reset.
    let holed = false;
    beforeAll(async () => {
      const database = await startTemporaryPostgresDatabase(postgres.serverUrl, { migrate: false, poolMax: 1 });
      stopDatabase = database.stop;
      const target = new URL(database.connectionString);
      proxy = await startTcpTestProxy({ host: target.hostname, port: Number(target.port || 5432) }, (_connection, _direction, _chunk, forward) => {
        if (!holed) forward();
      });
      const proxied = new URL(database.connectionString);
      proxied.host = new URL(proxy.url('postgres')).host;
      connectionString = proxied.toString();
    });
    afterAll(async () => {
      await proxy?.close();
      await stopDatabase?.();
    });

    function heal(): void {
      holed = false;
      for (const { client, upstream } of proxy.connections()) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
    }

    /** One database call of a request; its time to the answer or the error. */
    async function call(pool: pg.Pool): Promise<{ ms: number; error: unknown }> {
      const started = performance.now();
      try {
        await pool.query('SELECT 1');
        return { ms: performance.now() - started, error: undefined };
      } catch (error) {
        return { ms: performance.now() - started, error };
      }
    }

    for (const failFast of [false, true]) {
      it(`${failFast ? 'with' : 'without'} the gate: a burst of calls on a full pool while the database is black-holed`, async () => {
        // The API's shape under a burst: more callers than connections, so some wait for a client.
        const pool = createPgPool(connectionString, { max: 2, logger: silent, connectionTimeoutMillis: DEADLINE_MS, queryTimeoutMillis: DEADLINE_MS, failFastWhileUnreachable: failFast });
        try {
          await Promise.all([call(pool), call(pool)]);
          holed = true;
          const burst = await Promise.all(Array.from({ length: 8 }, () => call(pool)));
          for (const request of burst) expect(infrastructureFaultOf(request.error)?.dependency).toMatch(/database|network/);
          // The burst pays one deadline at most: the calls that find the database gone, those waiting for a client.
          expect(Math.max(...burst.map((request) => request.ms))).toBeLessThan(DEADLINE_MS * 1.5);
          // The calls after it, while the database is still away.
          const later = await Promise.all(Array.from({ length: 6 }, () => call(pool)));
          for (const request of later) expect(infrastructureFaultOf(request.error)?.dependency).toMatch(/database|network/);
          const refusedAtOnce = later.filter((request) => request.ms < 100);
          if (failFast) {
            // Refused at once while one probe at a time tries the database with the usual deadline.
            expect(refusedAtOnce.length).toBeGreaterThanOrEqual(5);
            expect(refusedAtOnce.every((request) => request.error instanceof DatabaseKnownUnreachableError)).toBe(true);
          } else {
            // Before: each waited for its own deadline (800 ms in the API, a loaded machine's delays on top).
            expect(refusedAtOnce).toEqual([]);
          }
          heal();
          // Recovery without restart: the next probe finds the database and the gate opens.
          await waitUntil(() => call(pool), (request) => request.error === undefined, 5_000);
          const after = await Promise.all(Array.from({ length: 6 }, () => call(pool)));
          expect(after.map((request) => request.error)).toEqual(Array(6).fill(undefined));
        } finally {
          heal();
          await pool.end();
        }
      });
    }

    it('a busy database (a statement cancelled by its deadline) does not close the gate', async () => {
      // A longer deadline than the others here: the server cancels 200 ms before the client gives up, room for a loaded machine.
      const busyDeadlineMs = 1_000;
      const pool = createPgPool(connectionString, { max: 2, logger: silent, connectionTimeoutMillis: busyDeadlineMs, queryTimeoutMillis: busyDeadlineMs, failFastWhileUnreachable: true });
      try {
        const cancelled = await pool.query('SELECT pg_sleep(2)').catch((error: unknown) => error);
        expect((cancelled as { code?: string }).code).toBe('57014');
        const answers = await Promise.all(Array.from({ length: 4 }, () => pool.query<{ one: number }>('SELECT 1 AS one')));
        expect(answers.map((answer) => answer.rows[0]?.one)).toEqual([1, 1, 1, 1]);
      } finally {
        await pool.end();
      }
    });
  });
}
