import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { startSlicingTcpTestProxy, startTcpTestProxy, type TcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { createPgPool, requestPathPoolTimeouts } from './pg-pool.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from './temporary-database.ts';
import { saysDatabaseUnreachable } from './unreachable-database-gate.ts';

/**
 * A database far away is not a database down. A new connection's handshake is several round
 * trips (TCP, TLS, SCRAM), one query is one: with the API's 800 ms deadline on the whole
 * handshake, a database 300 ms away (SCRAM without TLS: 3 round trips) could never be connected to,
 * while each of its queries answered in 300 ms (latency-proxy probe, Postgres with
 * scram-sha-256). The deadline is per round trip now: a handshake that keeps getting answers
 * connects, one that gets none fails as fast as before.
 *
 * Here the database's replies come in 64-byte slices 200 ms apart (Toxiproxy's `slicer`): its
 * handshake takes several of those gaps in all (about 1.8 s, over one 800 ms deadline), none of
 * them near the deadline; the query's reply (two slices) keeps half its deadline spare, and the
 * handshake almost half the four deadlines' cap, for a loaded machine's late timers (with 300 ms
 * gaps the query took 690 ms of its 800 and the handshake 2.6 s of its 3.2).
 */
const silent = createLogger({ level: 'silent' });
const DEADLINE_MS = 800;
const SLICE_BYTES = 64;
const SLICE_GAP_MS = 200;

let database: TemporaryDatabase;
let slicingProxy: TcpTestProxy;
let silentProxy: TcpTestProxy;

beforeAll(async () => {
  database = await startTemporaryDatabase({ migrate: false });
  const target = new URL(database.connectionString);
  const address = { host: target.hostname, port: Number(target.port) };
  slicingProxy = await startSlicingTcpTestProxy(address, { sliceBytes: SLICE_BYTES, gapMs: SLICE_GAP_MS });
  // A black hole: connections are accepted, no byte ever comes back.
  silentProxy = await startTcpTestProxy(address, () => undefined);
});

afterAll(async () => {
  await slicingProxy?.close();
  await silentProxy?.close();
  await database?.stop();
});

const urlThrough = (proxy: TcpTestProxy) => {
  const url = new URL(database.connectionString);
  url.port = new URL(proxy.url('postgres')).port;
  return url.toString();
};

describe('the request path pool over a slow network', () => {
  it('connects to a database whose handshake takes several gaps, each within the deadline, and queries it', async () => {
    const pool = createPgPool(urlThrough(slicingProxy), { max: 1, logger: silent, ...requestPathPoolTimeouts(DEADLINE_MS, true) });
    try {
      const result = await pool.query<{ answer: number }>('SELECT 41 + 1 AS answer');
      expect(result.rows).toEqual([{ answer: 42 }]);
    } finally {
      await pool.end();
    }
  });

  it('still fails a handshake that gets no answer at one round trip\'s deadline, as unreachable', async () => {
    // The whole handshake may take 30 s here: only the silence can end it within the test.
    const pool = createPgPool(urlThrough(silentProxy), { max: 1, logger: silent, connectionTimeoutMillis: 30_000, connectionSilenceTimeoutMillis: DEADLINE_MS });
    try {
      const error = await pool.connect().then(
        (client) => {
          client.release();
          return null;
        },
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(Error);
      // Ended by the silence, not by the whole handshake's cap ("Connection terminated due to connection timeout").
      expect((error as Error).message).toMatch(/^Connection terminated: the database sent nothing for 800 ms/);
      expect(saysDatabaseUnreachable(error)).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
