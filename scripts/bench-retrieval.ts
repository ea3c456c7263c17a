/**
 * `pnpm bench:retrieval [--chunks N] [--queries Q] [--distribution clustered|uniform] [--ef-search E]
 *   [--engines pglite,postgres] [--postgres-url URL] [--database-url URL] [--json]`
 *
 * Builds N synthetic chunks (default 10,000; 1536-dimension vectors, French-like texts), bulk-loaded
 * before the HNSW index is built, then ANALYZE; reports the index build time, p50/p95 of the
 * hybrid search filtered to one agent, recall@10 of the filtered HNSW search against an exact
 * scan, and the plan of the hybrid statement (it must use the vector index).
 *
 * By default on each engine, same seed and queries, then side by side: a temporary embedded
 * database (PGlite) and a temporary database on the real PostgreSQL at --postgres-url
 * (default TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres; created and
 * dropped; needs pgvector). When that server is missing the report says so and runs PGlite only.
 * --database-url (or DATABASE_URL) runs once on that EMPTY database instead.
 * Targets (issue 3): recall@10 >= 0.95, p95 < 50 ms at 10,000 chunks. Exit code 1 when one is missed.
 */
import { parseArgs } from 'node:util';
import type pg from 'pg';
import {
  createLogger,
  createPgPool,
  DEFAULT_LOCAL_POSTGRES_URL,
  HybridRetriever,
  loadConfig,
  pgliteEngine,
  postgresEngine,
  probePostgresServer,
  runMigrations,
  type DatabaseEngine,
} from '@lac/core';
import { runRetrievalBenchmark, type RetrievalBenchmarkReport } from './bench-retrieval/run-retrieval-benchmark.ts';
import { formatSideBySide } from './bench-retrieval/side-by-side.ts';

const { values } = parseArgs({
  options: {
    chunks: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    'recall-queries': { type: 'string', default: '50' },
    distribution: { type: 'string', default: 'clustered' },
    'ef-search': { type: 'string', default: '100' },
    'database-url': { type: 'string' },
    engines: { type: 'string', default: 'pglite,postgres' },
    'postgres-url': { type: 'string' },
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
const distribution = values.distribution;
const engineNames = values.engines.split(',').map((name) => name.trim()).filter(Boolean);
if (engineNames.length === 0 || engineNames.some((name) => name !== 'pglite' && name !== 'postgres')) {
  process.stderr.write('bench:retrieval: --engines is a comma-separated list of pglite and postgres\n');
  process.exit(2);
}

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const logger = createLogger({ level: config.LOG_LEVEL, name: 'bench-retrieval' });
const databaseUrl = values['database-url'] ?? config.DATABASE_URL;
const progress = process.stderr.isTTY && !values.json ? (line: string) => process.stderr.write(line) : undefined;

async function benchmark(pool: pg.Pool, engine: string, database: string): Promise<RetrievalBenchmarkReport> {
  return runRetrievalBenchmark({
    pool,
    retriever: new HybridRetriever(pool, { logger, efSearch }),
    chunks: chunkCount,
    queries,
    recallQueries,
    limit: config.RAG_INITIAL_RESULTS,
    distribution,
    engine,
    database,
    onProgress: progress,
  });
}

/** The engines asked for, the real PostgreSQL only when it can host a temporary database. */
async function enginesToRun(): Promise<{ engines: DatabaseEngine[]; notes: string[] }> {
  const engines: DatabaseEngine[] = [];
  const notes: string[] = [];
  if (engineNames.includes('pglite')) engines.push(pgliteEngine);
  if (engineNames.includes('postgres')) {
    const server = await probePostgresServer(values['postgres-url'] ?? process.env.TEST_POSTGRES_URL ?? DEFAULT_LOCAL_POSTGRES_URL);
    if (server.usable) engines.push(postgresEngine(server));
    else notes.push(`real PostgreSQL skipped: ${server.reason} (--postgres-url, or --engines pglite)`);
  }
  return { engines, notes };
}

const reports: RetrievalBenchmarkReport[] = [];
try {
  if (databaseUrl) {
    const pool = createPgPool(databaseUrl, { max: 4, logger });
    try {
      await runMigrations(pool, logger);
      reports.push(await benchmark(pool, 'DATABASE_URL', 'the given database'));
    } finally {
      await pool.end();
    }
  } else {
    const { engines, notes } = await enginesToRun();
    for (const note of notes) process.stderr.write(`bench:retrieval: ${note}\n`);
    if (engines.length === 0) throw new Error('no engine to run on');
    for (const engine of engines) {
      progress?.(`--- ${engine.name}\n`);
      const database = await engine.start({ logger, poolMax: 4 });
      try {
        reports.push(await benchmark(database.pool, engine.name, 'temporary database'));
      } finally {
        await database.stop();
      }
    }
  }
  const sideBySide = formatSideBySide(reports);
  process.stdout.write(
    values.json ? `${JSON.stringify({ reports }, null, 2)}\n` : [...reports.map((report) => report.text), sideBySide].filter(Boolean).join('\n'),
  );
  process.exitCode = reports.every((report) => report.targetsMet) ? 0 : 1;
} catch (error) {
  process.stderr.write(`bench:retrieval failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
