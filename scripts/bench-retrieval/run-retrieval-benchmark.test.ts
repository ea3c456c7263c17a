import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, HybridRetriever, type TemporaryDatabase } from '@lac/core';
import { describeOnEachDatabaseEngine } from '@lac/core/testing';
import { runRetrievalBenchmark, type RetrievalBenchmarkReport } from './run-retrieval-benchmark.ts';
import { formatSideBySide } from './side-by-side.ts';
import { SyntheticKnowledge } from './synthetic-knowledge.ts';

describe('SyntheticKnowledge', () => {
  it('is deterministic and draws unit vectors of 1536 dimensions', () => {
    const first = new SyntheticKnowledge({ seed: 3 });
    const second = new SyntheticKnowledge({ seed: 3 });
    const vector = first.vector(5);
    expect(vector).toEqual(second.vector(5));
    expect(vector).toHaveLength(1536);
    expect(Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0))).toBeCloseTo(1, 4);
    expect(first.chunkText(2)).toEqual(second.chunkText(2));
    expect(first.topicWords(1)).not.toEqual(first.topicWords(2));
  });
});

const reports: RetrievalBenchmarkReport[] = [];

await describeOnEachDatabaseEngine('runRetrievalBenchmark', (engine) => {
  let database: TemporaryDatabase;
  beforeAll(async () => {
    database = await engine.start({ logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => database?.stop());

  it('bulk-loads, rebuilds the index, measures the hybrid search and explains its plan', async () => {
    const report = await runRetrievalBenchmark({
      pool: database.pool,
      retriever: new HybridRetriever(database.pool),
      chunks: 300,
      queries: 10,
      recallQueries: 5,
      limit: 20,
      distribution: 'clustered',
      engine: engine.name,
        database: 'test',
    });
    expect(report.load).toMatchObject({ chunks: 300, documents: 30 });
    const counts = await database.pool.query<{ chunks: number; indexed: number }>(
      `SELECT (SELECT count(*)::int FROM document_chunks) AS chunks,
              (SELECT count(*)::int FROM pg_indexes WHERE indexname = 'document_chunks_embedding_hnsw_idx') AS indexed`,
    );
    expect(counts.rows[0]).toEqual({ chunks: 300, indexed: 1 });
    expect(report.search.hybridLatencyMs.samples).toBe(10);
    expect(report.search.recallAt10).toBeGreaterThan(0.5);
    expect(report.search.recallAt10).toBeLessThanOrEqual(1);
    expect(report.search.plan.lines.join('\n')).toContain('CTE vector_candidates');
    expect(report.search.plan.lines.join('\n')).not.toMatch(/'\[[-0-9.,e]{100,}/);
    expect(report.text).toMatch(/recall@10 HNSW vs exact\s+\d\.\d{3}/);
    expect(report.text).toContain(`on ${engine.name}`);
    reports.push(report);
  });

  it('refuses a database that already holds documents', async () => {
    await expect(
      runRetrievalBenchmark({
        pool: database.pool,
        retriever: new HybridRetriever(database.pool),
        chunks: 10,
        queries: 1,
        recallQueries: 1,
        limit: 5,
        distribution: 'uniform',
        engine: engine.name,
        database: 'test',
      }),
    ).rejects.toThrow(/already holds 30 documents/);
  });
});

describe('formatSideBySide', () => {
  it('puts one column per engine under its name, and nothing for a single report', () => {
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(formatSideBySide(reports.slice(0, 1))).toBe('');
    const twin = { ...reports[0]!, engine: 'Other engine', targetsMet: false };
    const table = formatSideBySide([reports[0]!, twin]);
    const header = table.split('\n')[1]!;
    expect(header.indexOf(reports[0]!.engine)).toBeLessThan(header.indexOf('Other engine'));
    expect(table).toMatch(/HNSW index build\s+\d+\.\d ms\s+\d+\.\d ms/);
    expect(table).toMatch(/recall@10 \(HNSW vs exact\)\s+\d\.\d{3}\s+\d\.\d{3}/);
    expect(table).toMatch(/targets\s+(met|MISSED)\s+MISSED/);
  });
});
