import type pg from 'pg';
import { toVectorLiteral } from '@lac/core';
import { SYNTHETIC_EMBEDDING_MODEL, type SyntheticKnowledge } from './synthetic-knowledge.ts';

/**
 * Loads synthetic documents and chunks the way a large import should: without the HNSW index
 * (one bulk insert per batch, no index maintenance), then builds the index once, then ANALYZE
 * (without statistics the planner ignores the index for the agent-filtered query).
 * Owners rotate audrey / carole / shared, so one agent sees about two thirds of the chunks.
 */

export const HNSW_INDEX_NAME = 'document_chunks_embedding_hnsw_idx';
const HNSW_INDEX_DEFINITION = `CREATE INDEX IF NOT EXISTS ${HNSW_INDEX_NAME} ON document_chunks USING hnsw (embedding vector_cosine_ops)`;
const CHUNKS_PER_DOCUMENT = 10;
const CHUNKS_PER_BATCH = 200;
const OWNERS = ['audrey', 'carole', 'shared'] as const;

export interface BulkLoadReport {
  documents: number;
  chunks: number;
  loadMs: number;
  indexBuildMs: number;
  analyzeMs: number;
}

export async function bulkLoadSyntheticChunks(
  pool: pg.Pool,
  knowledge: SyntheticKnowledge,
  chunkCount: number,
  onProgress?: (loaded: number, total: number) => void,
): Promise<BulkLoadReport> {
  const client = await pool.connect();
  try {
    const loadStarted = performance.now();
    await client.query(`DROP INDEX IF EXISTS ${HNSW_INDEX_NAME}`);
    const documentCount = Math.ceil(chunkCount / CHUNKS_PER_DOCUMENT);
    const documents = await client.query<{ id: string }>(
      `INSERT INTO documents (filename, title, source_key, file_type, agent_owner, content_hash)
       SELECT 'synthetic-' || n || '.md', 'Fiche synthétique ' || n, 'bench-retrieval/' || n || '.md', 'markdown',
              ($1::text[])[1 + (n % 3)], md5(n::text)
       FROM generate_series(0, $2::int - 1) AS n
       ORDER BY n
       RETURNING id`,
      [OWNERS, documentCount],
    );
    const documentIds = documents.rows.map((row) => row.id);
    for (let start = 0; start < chunkCount; start += CHUNKS_PER_BATCH) {
      const size = Math.min(CHUNKS_PER_BATCH, chunkCount - start);
      const ids: string[] = [];
      const indexes: number[] = [];
      const contents: string[] = [];
      const embeddings: string[] = [];
      for (let offset = 0; offset < size; offset += 1) {
        const position = start + offset;
        const topic = knowledge.randomTopic();
        ids.push(documentIds[Math.floor(position / CHUNKS_PER_DOCUMENT)]!);
        indexes.push(position % CHUNKS_PER_DOCUMENT);
        contents.push(knowledge.chunkText(topic));
        embeddings.push(toVectorLiteral(knowledge.vector(topic)));
      }
      await client.query(
        `INSERT INTO document_chunks (document_id, chunk_index, content, embedding, embedding_model)
         SELECT chunk.document_id, chunk.chunk_index, chunk.content, chunk.embedding::vector, $5
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS chunk(document_id, chunk_index, content, embedding)`,
        [ids, indexes, contents, embeddings, SYNTHETIC_EMBEDDING_MODEL],
      );
      onProgress?.(start + size, chunkCount);
    }
    const loadMs = performance.now() - loadStarted;

    const indexStarted = performance.now();
    await client.query(`SET maintenance_work_mem = '512MB'`).catch(() => undefined);
    await client.query(HNSW_INDEX_DEFINITION);
    const indexBuildMs = performance.now() - indexStarted;

    const analyzeStarted = performance.now();
    await client.query('ANALYZE documents');
    await client.query('ANALYZE document_chunks');
    const analyzeMs = performance.now() - analyzeStarted;
    return { documents: documentCount, chunks: chunkCount, loadMs, indexBuildMs, analyzeMs };
  } finally {
    client.release();
  }
}
