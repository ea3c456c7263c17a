import type pg from 'pg';
import type { HybridRetriever } from '@lac/core';
import { bulkLoadSyntheticChunks, type BulkLoadReport } from './bulk-load.ts';
import { measureSearch, type SearchMeasurements } from './measure-search.ts';
import { SyntheticKnowledge, type VectorDistribution } from './synthetic-knowledge.ts';

export const RECALL_TARGET = 0.95;
export const P95_TARGET_MS = 50;

export interface RetrievalBenchmarkReport {
  /** `PGlite`, `PostgreSQL 15.20` or `DATABASE_URL`. */
  engine: string;
  /** Where the rows went (a temporary database, or the one given). */
  database: string;
  distribution: VectorDistribution;
  load: BulkLoadReport;
  search: SearchMeasurements;
  targets: { recallAt10: boolean; p95: boolean; vectorIndexUsed: boolean };
  targetsMet: boolean;
  text: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Loads the synthetic chunks into an empty, migrated database and measures the hybrid search. */
export async function runRetrievalBenchmark(options: {
  pool: pg.Pool;
  retriever: HybridRetriever;
  chunks: number;
  queries: number;
  recallQueries: number;
  limit: number;
  distribution: VectorDistribution;
  engine: string;
  database: string;
  seed?: number;
  onProgress?(line: string): void;
}): Promise<RetrievalBenchmarkReport> {
  const existing = await options.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM documents');
  if ((existing.rows[0]?.count ?? 0) > 0) {
    throw new Error(
      `the database already holds ${existing.rows[0]!.count} documents: the benchmark rebuilds the vector index and adds ` +
        'synthetic rows, so it only runs on an empty database (the default temporary embedded one needs nothing)',
    );
  }
  const knowledge = new SyntheticKnowledge({ seed: options.seed ?? 42, distribution: options.distribution });
  const load = await bulkLoadSyntheticChunks(options.pool, knowledge, options.chunks, (loaded, total) =>
    options.onProgress?.(`\rloading ${loaded}/${total} chunks${loaded === total ? ', building the HNSW index...\n' : ''}`),
  );
  options.onProgress?.(`searching (${options.queries} hybrid queries, ${options.recallQueries} recall queries)...\n`);
  const search = await measureSearch({
    pool: options.pool,
    retriever: options.retriever,
    knowledge,
    queries: options.queries,
    recallQueries: options.recallQueries,
    limit: options.limit,
  });
  const targets = {
    recallAt10: search.recallAt10 >= RECALL_TARGET,
    p95: search.hybridLatencyMs.p95 < P95_TARGET_MS,
    vectorIndexUsed: search.plan.usesVectorIndex,
  };
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const text = [
    `Retrieval benchmark on ${options.engine} (${options.database}): ${load.chunks} chunks in ${load.documents} documents, ${options.distribution} 1536-d vectors`,
    `  bulk load (no index)            ${ms(load.loadMs)}`,
    `  HNSW index build                ${ms(load.indexBuildMs)}`,
    `  ANALYZE                         ${ms(load.analyzeMs)}`,
    `  hybrid search, one agent        p50 ${ms(search.hybridLatencyMs.p50)}  p95 ${ms(search.hybridLatencyMs.p95)}  (${search.hybridLatencyMs.samples} queries, limit ${options.limit})  [p95 < ${P95_TARGET_MS} ms: ${mark(targets.p95)}]`,
    `  filtered HNSW top-10            p50 ${ms(search.hnswLatencyMs.p50)}  p95 ${ms(search.hnswLatencyMs.p95)}`,
    `  filtered exact scan top-10      p50 ${ms(search.exactScanLatencyMs.p50)}  p95 ${ms(search.exactScanLatencyMs.p95)}`,
    `  recall@10 HNSW vs exact         ${search.recallAt10.toFixed(3)}  [>= ${RECALL_TARGET}: ${mark(targets.recallAt10)}]`,
    `  hybrid statement uses the HNSW index: ${search.plan.usesVectorIndex ? 'yes' : 'NO'}  [${mark(targets.vectorIndexUsed)}]`,
    '  plan (EXPLAIN of the hybrid statement):',
    ...search.plan.lines.map((line) => `    ${line}`),
    '',
  ].join('\n');
  return {
    engine: options.engine,
    database: options.database,
    distribution: options.distribution,
    load,
    search,
    targets,
    targetsMet: targets.recallAt10 && targets.p95 && targets.vectorIndexUsed,
    text,
  };
}
