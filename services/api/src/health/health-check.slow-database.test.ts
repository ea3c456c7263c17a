import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatQueue, createLogger, createPgPool, requestPathPoolTimeouts } from '@lac/core';
import { createRedisTestContext, startSlicingTcpTestProxy, startTemporaryDatabase, type TcpTestProxy, type TemporaryDatabase } from '@lac/core/testing';
import { createHealthCheck, databaseProbeTimeoutMsOf } from './health-check.ts';

/**
 * GET /health when the database is far away and the API's pool holds no open connection (its idle
 * connections close after 30 s: a quiet API probed every 30 s or more). The ping must first open a
 * connection, several round trips (SCRAM alone is three), each within the request deadline, then
 * query. Every request works; /health must say so. With the query's deadline alone it said the
 * database was down, and a load balancer would have pulled a working API.
 *
 * The database's replies come in 64-byte slices 200 ms apart (Toxiproxy's `slicer`): a handshake of
 * about 1.8 s, none of its gaps near the 800 ms deadline.
 */
const DEADLINE_MS = 800;
const context = createRedisTestContext('health-slow-database');
const queue = createChatQueue({ connection: context.redis, config: context.config() });
let database: TemporaryDatabase;
let proxy: TcpTestProxy;

beforeAll(async () => {
  database = await startTemporaryDatabase({ migrate: false });
  const target = new URL(database.connectionString);
  proxy = await startSlicingTcpTestProxy({ host: target.hostname, port: Number(target.port) }, { sliceBytes: 64, gapMs: 200 });
});

afterAll(async () => {
  await proxy?.close();
  await database?.stop();
  await queue.close();
  await context.cleanup();
});

describe('GET /health probe of a database far away, through a pool with no open connection', () => {
  it('says the database is up, as the requests that work through it', async () => {
    const url = new URL(database.connectionString);
    url.port = new URL(proxy.url('postgres')).port;
    const poolTimeouts = requestPathPoolTimeouts(DEADLINE_MS, true);
    const pool = createPgPool(url.toString(), { max: 2, logger: createLogger({ level: 'silent' }), ...poolTimeouts });
    try {
      const health = await createHealthCheck({
        redis: context.redis,
        pingDatabase: async () => {
          await pool.query('SELECT 1');
        },
        queue,
        config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
        timeoutMs: DEADLINE_MS,
        databaseProbeTimeoutMs: databaseProbeTimeoutMsOf(poolTimeouts, DEADLINE_MS),
      })();
      expect(health.services.database).toMatchObject({ status: 'up' });
    } finally {
      await pool.end();
    }
  });

  it('gives a ping that must connect the handshake and the query, never less than the probes\' deadline', () => {
    expect(databaseProbeTimeoutMsOf(requestPathPoolTimeouts(DEADLINE_MS, true), DEADLINE_MS)).toBe(5 * DEADLINE_MS);
    expect(databaseProbeTimeoutMsOf({}, 600)).toBe(600);
  });
});
