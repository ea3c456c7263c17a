import type pg from 'pg';
import { toVectorLiteral, type HybridRetriever } from '@lac/core';
import { summarizeLatencies, type LatencySummary } from '@lac/core/evaluation';
import { HNSW_INDEX_NAME } from './bulk-load.ts';
import { SYNTHETIC_EMBEDDING_MODEL, type SyntheticKnowledge } from './synthetic-knowledge.ts';

/**
 * What the benchmark measures on the loaded chunks:
 * - latency of the hybrid search (HybridRetriever.search, limit = RAG_INITIAL_RESULTS) for one
 *   agent, over the wire protocol like the worker;
 * - recall@10 of the HNSW search (the vector side of the hybrid statement) against
 *   an exact scan of the same rows (index scans disabled for that query), and the exact scan's latency;
 * - the plan of the hybrid statement (EXPLAIN): it must scan the HNSW index.
 */

const AGENTS = ['audrey', 'carole'] as const;

/** The vector side of the hybrid statement: nearest chunks of the query's model (the agent is a weight applied after fusion). */
const filteredVectorSql = `
SELECT chunk.id
FROM document_chunks chunk
WHERE chunk.embedding_model = $2
ORDER BY chunk.embedding <=> $1::vector
LIMIT $3`;

export interface SearchMeasurements {
  hybridLatencyMs: LatencySummary;
  exactScanLatencyMs: LatencySummary;
  hnswLatencyMs: LatencySummary;
  recallAt10: number;
  plan: { usesVectorIndex: boolean; lines: string[] };
}

export async function measureSearch(options: {
  pool: pg.Pool;
  retriever: HybridRetriever;
  knowledge: SyntheticKnowledge;
  queries: number;
  recallQueries: number;
  limit: number;
}): Promise<SearchMeasurements> {
  const { pool, retriever, knowledge } = options;
  const queryOf = (index: number) => {
    const topic = knowledge.randomTopic();
    return {
      agent: AGENTS[index % AGENTS.length]!,
      text: knowledge.queryText(topic),
      embedding: knowledge.vector(topic),
      embeddingModel: SYNTHETIC_EMBEDDING_MODEL,
      limit: options.limit,
      minSimilarity: 0,
    };
  };

  // Warm-up: connections, session settings, index pages in memory.
  for (let index = 0; index < 5; index += 1) await retriever.search(queryOf(index));
  const hybrid: number[] = [];
  for (let index = 0; index < options.queries; index += 1) {
    const query = queryOf(index);
    const started = performance.now();
    await retriever.search(query);
    hybrid.push(performance.now() - started);
  }

  const client = await pool.connect();
  try {
    await retriever.configure(client);
    const exact: number[] = [];
    const approximate: number[] = [];
    let found = 0;
    let expected = 0;
    for (let index = 0; index < options.recallQueries; index += 1) {
      const query = queryOf(index);
      const values = [toVectorLiteral(query.embedding), SYNTHETIC_EMBEDDING_MODEL, 10];
      let started = performance.now();
      const viaIndex = await client.query<{ id: string }>(filteredVectorSql, values);
      approximate.push(performance.now() - started);
      await client.query('BEGIN');
      try {
        await client.query('SET LOCAL enable_indexscan = off');
        started = performance.now();
        const viaScan = await client.query<{ id: string }>(filteredVectorSql, values);
        exact.push(performance.now() - started);
        const truth = new Set(viaScan.rows.map((row) => row.id));
        expected += truth.size;
        found += viaIndex.rows.filter((row) => truth.has(row.id)).length;
      } finally {
        await client.query('ROLLBACK');
      }
    }
    const statement = retriever.statementFor(queryOf(0));
    const explained = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.values);
    // The query vector is inlined in the plan: 1,536 numbers nobody reads.
    const lines = explained.rows.map((row) => row['QUERY PLAN'].replace(/'\[[-0-9.,e]+\]'::vector/g, "'[1536 numbers]'::vector"));
    return {
      hybridLatencyMs: summarizeLatencies(hybrid),
      exactScanLatencyMs: summarizeLatencies(exact),
      hnswLatencyMs: summarizeLatencies(approximate),
      recallAt10: expected === 0 ? 0 : found / expected,
      plan: { usesVectorIndex: lines.some((line) => line.includes(`Index Scan using ${HNSW_INDEX_NAME}`)), lines },
    };
  } finally {
    client.release();
  }
}
