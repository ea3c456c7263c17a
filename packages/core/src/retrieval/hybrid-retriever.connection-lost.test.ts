import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../database/pg-pool.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { createLogger } from '../logging/logger.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../testing/resources-around-tests.ts';
import { startTcpTestProxy, type TcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { HybridRetriever } from './hybrid-retriever.ts';

/**
 * The connection drops under the retriever's first session setup (a database restarting, a
 * network reset while a worker answers its first message). That is a fault of the moment, not an
 * answer about the server: the next search must still turn on pgvector's iterative scan. Before,
 * any error of that first `SET hnsw.iterative_scan` was read as "pgvector older than 0.8" for the
 * process's whole life: filtered HNSW scans without it (fewer candidates than asked for) and a
 * warning naming the wrong cause. The proxy resets the connection the first time that SET goes
 * through it.
 */
await describeOnEachDatabaseEngine('HybridRetriever whose first session setup loses its connection', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  let proxy: TcpTestProxy;
  let pool: ReturnType<typeof createPgPool>;
  let resets = 0;

  beforeAll(async () => {
    const target = new URL(database().connectionString);
    proxy = await startTcpTestProxy({ host: target.hostname, port: Number(target.port) }, (connection, direction, chunk, forward) => {
      if (direction === 'to_server' && resets === 0 && chunk.includes('iterative_scan')) {
        resets += 1;
        connection.client.resetAndDestroy();
        connection.upstream.destroy();
        return;
      }
      forward();
    });
    const proxied = new URL(database().connectionString);
    proxied.host = new URL(proxy.url('postgres')).host;
    pool = createPgPool(proxied.toString(), { max: 2, logger: createLogger({ level: 'silent' }) });
  });

  afterAll(async () => {
    await pool?.end();
    await proxy?.close();
  });

  it('fails that search, then turns the iterative scan on at the next one', async () => {
    const retriever = new HybridRetriever(pool);
    const embedding = (await new HashingEmbedder().embed(['emails Kajabi'])).vectors[0]!;
    const query = { agent: 'audrey' as const, text: 'emails Kajabi', embedding, embeddingModel: new HashingEmbedder().model, limit: 5, minSimilarity: 0 };
    await expect(retriever.search(query)).rejects.toThrow();
    expect(resets).toBe(1);
    await retriever.search(query);
    const client = await pool.connect();
    try {
      await retriever.configure(client);
      expect((await client.query('SHOW hnsw.iterative_scan')).rows[0]).toEqual({ 'hnsw.iterative_scan': 'relaxed_order' });
    } finally {
      client.release();
    }
  });
});
