import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { servePgliteOverSocket, type ServedPglite } from './pglite-socket-server.ts';

/**
 * The embedded database's wire server: many clients on ONE PGlite session. Each test talks to it
 * with `pg`, as the API, the workers and the CLIs do.
 */

const logger = createLogger({ level: 'silent', name: 'pglite-socket-server-test' });
let db: PGlite;
let served: ServedPglite;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 400;
const url = () => `postgres://postgres@127.0.0.1:${served.port}/postgres`;

async function client(): Promise<pg.Client> {
  const connected = new pg.Client(url());
  connected.on('error', () => undefined);
  await connected.connect();
  return connected;
}

beforeAll(async () => {
  db = await PGlite.create();
  served = await servePgliteOverSocket(db, { port: 0, host: '127.0.0.1', logger, maxConnections: 12, idleInTransactionTimeoutMs: IDLE_IN_TRANSACTION_TIMEOUT_MS });
  await db.exec('CREATE TABLE docs (id serial PRIMARY KEY, k text UNIQUE, body text); CREATE TABLE chunks (doc int, n int, body text); CREATE TABLE marks (v text)');
});

afterAll(async () => {
  await served.stop();
  await db.close();
});

/** Raw frontend messages, for what `pg` does not send on its own. */
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');
function startupMessage(version = 196608): Buffer {
  const body = Buffer.concat([cstring('user'), cstring('postgres'), cstring('database'), cstring('postgres'), Buffer.from([0])]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(body.length + 8, 0);
  head.writeInt32BE(version, 4);
  return Buffer.concat([head, body]);
}

/** Opens a raw connection, sends `chunks` one after the other, resolves with all it received until it closes or `untilMs`. */
function rawExchange(chunks: Buffer[], options: { untilMs?: number; destroyAfterMs?: number } = {}): Promise<Buffer> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = net.connect(served.port, '127.0.0.1', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (options.destroyAfterMs !== undefined) setTimeout(() => socket.destroy(), options.destroyAfterMs);
    });
    const done = () => resolve(Buffer.concat(received));
    socket.on('data', (data) => received.push(data));
    socket.on('close', done);
    socket.on('error', () => undefined);
    setTimeout(() => {
      socket.destroy();
      done();
    }, options.untilMs ?? 1500);
  });
}

describe('the embedded database wire server', () => {
  it('runs concurrent transactions with large parameters to the end, none mixed with another (the server used to hang)', async () => {
    const pool = new pg.Pool({ connectionString: url(), max: 6 });
    pool.on('error', () => undefined);
    const body = 'x'.repeat(40_000);
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, writer) => {
        for (let round = 0; round < 12; round += 1) {
          const connection = await pool.connect();
          try {
            await connection.query('BEGIN');
            const { rows } = await connection.query<{ id: number }>(
              'INSERT INTO docs (k, body) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET body = EXCLUDED.body RETURNING id',
              [`k${writer}-${round % 3}`, body],
            );
            await connection.query('DELETE FROM chunks WHERE doc = $1', [rows[0]!.id]);
            for (let n = 0; n < 3; n += 1) await connection.query('INSERT INTO chunks VALUES ($1, $2, $3)', [rows[0]!.id, n, `${writer}:${round}:${body}`]);
            await connection.query('COMMIT');
          } catch (error) {
            errors.push((error as Error).message);
            await connection.query('ROLLBACK').catch(() => undefined);
          } finally {
            connection.release();
          }
          await pool.query('SELECT count(*) FROM chunks WHERE n = $1', [round % 3]).catch((error: Error) => errors.push(`reader: ${error.message}`));
        }
      }),
    );
    await pool.end();
    expect(errors).toEqual([]);
    // Every document's chunks come from one transaction: three chunks, all written by the same round.
    const { rows } = await db.query<{ doc: number; chunks: number; rounds: number }>(
      `SELECT doc, count(*)::int AS chunks, count(DISTINCT split_part(body, ':', 2))::int AS rounds FROM chunks GROUP BY doc`,
    );
    expect(rows).toHaveLength(18);
    for (const row of rows) expect(row).toMatchObject({ chunks: 3, rounds: 1 });
  }, 60_000);

  it('answers each client its own statement when parameterised queries of different shapes interleave', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => client()));
    const wrong: string[] = [];
    await Promise.all(
      clients.map(async (connection, index) => {
        for (let i = 0; i < 120; i += 1) {
          if (index % 2 === 0) {
            const { rows } = await connection.query<{ v: number }>('SELECT $1::int + 1 AS v', [i]);
            if (rows[0]!.v !== i + 1) wrong.push(`int ${i}`);
          } else {
            const { rows } = await connection.query<{ v: string; w: number }>("SELECT $1::text || '-t' AS v, $2::int AS w", [`s${i}`, index]);
            if (rows[0]!.v !== `s${i}-t` || rows[0]!.w !== index) wrong.push(`text ${i}`);
          }
        }
      }),
    );
    await Promise.all(clients.map((connection) => connection.end()));
    expect(wrong).toEqual([]);
  });

  it('rolls back the transaction of a client that goes away, and the others go on', async () => {
    const dying = await client();
    await dying.query('BEGIN');
    await dying.query("INSERT INTO marks VALUES ('from a client that died')");
    const other = await client();
    // The other client waits while the first one holds the session inside its transaction…
    const waiting = other.query("INSERT INTO marks VALUES ('after') RETURNING v");
    await new Promise((resolve) => setTimeout(resolve, 100));
    (dying as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    // …and goes on once it is gone, without its write.
    expect((await waiting).rows).toEqual([{ v: 'after' }]);
    const { rows } = await other.query<{ v: string }>('SELECT v FROM marks ORDER BY v');
    expect(rows.map((row) => row.v)).toEqual(['after']);
    await other.end();
    await db.query('DELETE FROM marks');
  });

  it('closes a client idle in a transaction past the timeout, rolls it back, and serves the others', async () => {
    const idle = await client();
    const closedWith = new Promise<string>((resolve) => idle.on('error', (error) => resolve(error.message)));
    await idle.query('BEGIN');
    await idle.query("INSERT INTO marks VALUES ('left open')");
    const started = Date.now();
    const other = await client();
    const { rows } = await other.query<{ n: number }>('SELECT count(*)::int AS n FROM marks');
    expect(rows).toEqual([{ n: 0 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_IN_TRANSACTION_TIMEOUT_MS - 50);
    expect(await closedWith).toMatch(/idle-in-transaction timeout|terminated/);
    await other.end();
  });

  it('answers an SSL request with N and refuses connections past the cap with a Postgres error', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(served.port, '127.0.0.1', () => {
        const request = Buffer.alloc(8);
        request.writeInt32BE(8, 0);
        request.writeInt32BE(80877103, 4);
        socket.write(request);
      });
      socket.once('data', (data) => {
        resolve(data.toString('latin1'));
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(answer).toBe('N');

    const held = await Promise.all(Array.from({ length: 12 }, () => client()));
    await expect(client()).rejects.toThrow(/too many clients/);
    await Promise.all(held.map((connection) => connection.end()));
  });

  it('refuses what would break PGlite (COPY FROM STDIN, an unknown message type, another protocol version) and goes on serving', async () => {
    const copying = await client();
    await expect(copying.query('COPY marks FROM STDIN')).rejects.toThrow(/COPY FROM STDIN is not supported/);
    const unknownType = await rawExchange([startupMessage(), message('Y', Buffer.alloc(0)), message('S', Buffer.alloc(0))]);
    expect(unknownType.toString('latin1')).toContain('invalid frontend message type');
    const oldProtocol = await rawExchange([startupMessage(131072)]);
    expect(oldProtocol.toString('latin1')).toContain('unsupported frontend protocol 2.0');
    const other = await client();
    expect((await other.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await other.end();
  });

  it('rolls back the implicit transaction of a client that sent an Execute without Sync and went away (a Sync first would commit it)', async () => {
    const insert = Buffer.concat([
      message('P', Buffer.concat([cstring(''), cstring("INSERT INTO marks VALUES ('flushed, never synced')"), Buffer.from([0, 0])])),
      message('B', Buffer.concat([cstring(''), cstring(''), Buffer.from([0, 0, 0, 0, 0, 0])])),
      message('E', Buffer.concat([cstring(''), Buffer.from([0, 0, 0, 0])])),
      message('H', Buffer.alloc(0)),
    ]);
    await rawExchange([startupMessage(), insert], { destroyAfterMs: 300 });
    const reader = await client();
    expect((await reader.query<{ n: number }>("SELECT count(*)::int AS n FROM marks WHERE v = 'flushed, never synced'")).rows).toEqual([{ n: 0 }]);
    await reader.end();
  });
});
