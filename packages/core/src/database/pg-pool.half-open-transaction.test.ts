import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { probeTestPostgres } from '../testing/database-engines.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createPgPool, idleInTransactionDeadlineOf } from './pg-pool.ts';
import type { TemporaryDatabase } from './temporary-database.ts';
import { startTemporaryPostgresDatabase } from './temporary-postgres-database.ts';

/**
 * A client vanishes in the middle of a transaction and its close never reaches the server (a
 * half-open path: a NAT or a proxy that forgot the connection). The client gives up at its query
 * deadline; the server must not keep the transaction, and its locks, for as long as its TCP
 * keep-alive takes to notice (two hours by default): every retry of the same work (a worker
 * re-running the job) would wait on those locks until its own deadline, again and again. Our pools
 * with a query deadline set `idle_in_transaction_session_timeout` on each new connection
 * (idleInTransactionDeadlineOf: 10 s for a 1 s deadline), so the server ends such a session.
 *
 * The path is a proxy that, once told the network vanished, passes no byte either way and keeps
 * its server side open when the client closes. The bound on the wait is 60 s (the setting is 10 s).
 */
const postgres = await probeTestPostgres();

/** A TCP path to the server that can vanish: no byte passes any more, and no close reaches the server. */
async function startVanishingPath(target: URL) {
  let vanished = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.on('data', (chunk: Buffer) => vanished || upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => vanished || client.destroyed || client.write(chunk));
    client.on('error', () => undefined).on('close', () => vanished || upstream.destroy());
    upstream.on('error', () => undefined).on('close', () => client.destroy());
    sockets.push(upstream, client);
  });
  const sockets: net.Socket[] = [];
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    vanish: () => {
      vanished = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (!postgres.available) {
  describe.skip(`a transaction left by a vanished client — skipped: ${postgres.reason}`, () => {
    it('is ended by the server', () => undefined);
  });
} else {
  describe(`a transaction left by a vanished client on PostgreSQL ${postgres.version}`, () => {
    let database: TemporaryDatabase;
    let path: Awaited<ReturnType<typeof startVanishingPath>>;
    beforeAll(async () => {
      database = await startTemporaryPostgresDatabase(postgres.serverUrl, { migrate: false, poolMax: 2 });
      await database.pool.query('CREATE TABLE conversations_under_lock (id integer PRIMARY KEY, body text NOT NULL)');
      await database.pool.query("INSERT INTO conversations_under_lock VALUES (1, 'before')");
      path = await startVanishingPath(new URL(database.connectionString));
    });
    afterAll(async () => {
      await path?.close();
      await database?.stop();
    });

    it('is ended by the server: its row lock is free again, its write never committed', async () => {
      expect(idleInTransactionDeadlineOf(1_000)).toBe(10_000);
      const applicationName = `lac-half-open-${randomBytes(4).toString('hex')}`;
      const url = new URL(database.connectionString);
      url.hostname = '127.0.0.1';
      url.port = String(path.port);
      const pool = createPgPool(url.toString(), { max: 1, queryTimeoutMillis: 1_000, applicationName, logger: createLogger({ level: 'silent' }) });
      pool.on('error', () => undefined);
      try {
        const client = await pool.connect();
        await client.query('BEGIN');
        await client.query("UPDATE conversations_under_lock SET body = 'orphaned' WHERE id = 1");
        path.vanish();
        // The client's deadline fails the next statement; the pool drops the connection (its close is lost).
        await expect(client.query('SELECT 1')).rejects.toThrow();
        client.release(true);

        const backends = () => database.pool.query<{ state: string }>('SELECT state FROM pg_stat_activity WHERE application_name = $1', [applicationName]).then((result) => result.rows);
        expect(await backends()).toEqual([{ state: 'idle in transaction' }]);
        // Gone once the server's idle-in-transaction deadline passed (10 s), not hours later.
        await waitUntil(backends, (rows) => rows.length === 0, 60_000);
        // The row is free: a retry's write goes through at once (NOWAIT), and the orphan's never committed.
        await database.pool.query("UPDATE conversations_under_lock SET body = 'retried' WHERE id = (SELECT id FROM conversations_under_lock WHERE id = 1 FOR UPDATE NOWAIT)");
        expect((await database.pool.query('SELECT body FROM conversations_under_lock WHERE id = 1')).rows).toEqual([{ body: 'retried' }]);
      } finally {
        await pool.end().catch(() => undefined);
      }
    }, 90_000);
  });
}
