/**
 * `pnpm bench:retrieval [--chunks N] [--queries Q] [--distribution clustered|uniform] [--ef-search E] [--database-url URL] [--json]`
 *
 * Builds N synthetic chunks (default 10,000; 1536-dimension vectors, French-like texts) in a fresh
 * embedded database (or in an EMPTY database given by --database-url / DATABASE_URL), bulk-loaded
 * before the HNSW index is built, then ANALYZE; reports the index build time, p50/p95 of the
 * hybrid search filtered to one agent, recall@10 of the filtered HNSW search against an exact
 * scan, and the plan of the hybrid statement (it must use the vector index).
 * Targets (issue 3): recall@10 >= 0.95, p95 < 50 ms at 10,000 chunks on the embedded database.
 * Exit code 1 when a target is missed.
 */
import { parseArgs } from 'node:util';
import { loadConfig, createPgPool, runMigrations, startTemporaryDatabase, createLogger, HybridRetriever } from '@lac/core';
import { runRetrievalBenchmark } from './bench-retrieval/run-retrieval-benchmark.ts';

const { values } = parseArgs({
  options: {
    chunks: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    'recall-queries': { type: 'string', default: '50' },
    distribution: { type: 'string', default: 'clustered' },
    'ef-search': { type: 'string', default: '100' },
    'database-url': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const chunkCount = Number(values.chunks);
const queries = Number(values.queries);
const recallQueries = Number(values['recall-queries']);
if (!Number.isInteger(chunkCount) || chunkCount < 10 || !Number.isInteger(queries) || queries < 1 || !Number.isInteger(recallQueries) || recallQueries < 1) {
  process.stderr.write('bench:retrieval: --chunks (>= 10), --queries and --recall-queries (>= 1) must be integers\n');
  process.exit(2);
}
const efSearch = Number(values['ef-search']);
if (!Number.isInteger(efSearch) || efSearch < 1 || efSearch > 1000) {
  process.stderr.write('bench:retrieval: --ef-search is an integer from 1 to 1000\n');
  process.exit(2);
}
if (values.distribution !== 'clustered' && values.distribution !== 'uniform') {
  process.stderr.write('bench:retrieval: --distribution is clustered or uniform\n');
  process.exit(2);
}

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const logger = createLogger({ level: config.LOG_LEVEL, name: 'bench-retrieval' });
const databaseUrl = values['database-url'] ?? config.DATABASE_URL;
const temporary = databaseUrl ? null : await startTemporaryDatabase({ logger, poolMax: 4 });
const pool = temporary?.pool ?? createPgPool(databaseUrl!, { max: 4, logger });
try {
  if (!temporary) await runMigrations(pool, logger);
  const report = await runRetrievalBenchmark({
    pool,
    retriever: new HybridRetriever(pool, { logger, efSearch }),
    chunks: chunkCount,
    queries,
    recallQueries,
    limit: config.RAG_INITIAL_RESULTS,
    distribution: values.distribution,
    database: temporary ? 'embedded (PGlite, temporary)' : 'DATABASE_URL',
    onProgress: process.stderr.isTTY && !values.json ? (line) => process.stderr.write(line) : undefined,
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : report.text);
  process.exitCode = report.targetsMet ? 0 : 1;
} catch (error) {
  process.stderr.write(`bench:retrieval failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (temporary) await temporary.stop();
  else await pool.end();
}
