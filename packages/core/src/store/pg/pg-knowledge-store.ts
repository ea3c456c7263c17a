import type pg from 'pg';
import {
  OTHER_AGENT_DOCUMENT_WEIGHT,
  type AgentOwner,
  type DocumentInput,
  type UpsertDocumentOptions,
  type KnowledgeSearchQuery,
  type KnowledgeStore,
  type RetrievedChunk,
} from '../../capabilities/capabilities.ts';
import { ValidationError } from '../../errors/app-error.ts';
import { toVectorLiteral } from '../../database/vector-literal.ts';
import { toRetrievedChunk, type ChunkRow } from '../../retrieval/retrieved-chunk-row.ts';
import { replaceDocumentInBatches } from './pg-document-replacement.ts';
import { infrastructureFaultOf } from '../../errors/infrastructure-fault.ts';

/** `document_chunks.embedding` is vector(1536): the dimensions of text-embedding-3-small (v1's column). */
export const STORED_EMBEDDING_DIMENSIONS = 1536;

/** Chunks written since the last ANALYZE after which statistics are refreshed (PGlite has no autovacuum). */
const ANALYZE_AFTER_CHUNKS = 200;

/**
 * Nearest chunks by cosine similarity, embedded with the query's model, the agent's and shared
 * documents preferred: the other agent's chunks count $6 (OTHER_AGENT_DOCUMENT_WEIGHT) times
 * their similarity (a preference, not a filter: a misrouted question still finds its document).
 * The inner query is the HNSW index scan, over-fetching twice the limit so that the
 * re-weighting has room; the outer query re-sorts exactly, applies the similarity floor to the
 * raw similarity and returns the weighted score. A zero vector has a NaN cosine distance, which
 * Postgres ranks above every number: such rows are dropped. Only the chunks of their document's
 * current generation count (a document being replaced has its next generation written beside).
 */
const searchSql = `
WITH candidates AS MATERIALIZED (
  SELECT chunk.id, chunk.document_id, chunk.section, chunk.content, chunk.agent_owner, chunk.embedding <=> $1::vector AS distance
  FROM document_chunks chunk
  WHERE chunk.embedding_model = $2
    AND chunk.generation = (SELECT owner.chunk_generation FROM documents owner WHERE owner.id = chunk.document_id)
  ORDER BY chunk.embedding <=> $1::vector
  LIMIT $4 * 2
)
SELECT candidate.id AS chunk_id, candidate.document_id, coalesce(document.title, document.filename) AS title,
       candidate.section, candidate.content, candidate.agent_owner,
       (1 - candidate.distance) * CASE WHEN candidate.agent_owner IN ($3, 'shared') THEN 1 ELSE $6::float8 END AS score
FROM candidates candidate
JOIN documents document ON document.id = candidate.document_id
WHERE candidate.distance <> 'NaN'::float8 AND 1 - candidate.distance >= $5
ORDER BY score DESC, candidate.distance, candidate.id
LIMIT $4`;

export class PgKnowledgeStore implements KnowledgeStore {
  private chunksSinceAnalyze = 0;
  /** Whether this server accepts pgvector's iterative index scan (unknown until first tried). */
  private iterativeScanSupported: boolean | undefined;

  constructor(private readonly pool: pg.Pool) {}

  async search(query: KnowledgeSearchQuery, signal?: AbortSignal): Promise<RetrievedChunk[]> {
    signal?.throwIfAborted();
    assertDimensions(query.embedding, 'query embedding');
    if (query.limit <= 0) return [];
    const parameters = [
      toVectorLiteral(query.embedding),
      query.embeddingModel,
      query.agent,
      Math.floor(query.limit),
      query.minSimilarity,
      OTHER_AGENT_DOCUMENT_WEIGHT,
    ];
    if (this.iterativeScanSupported === false) {
      return (await this.pool.query<ChunkRow>(searchSql, parameters)).rows.map(toRetrievedChunk);
    }
    // One connection: the session setting must apply to the search that follows it.
    const client = await this.pool.connect();
    try {
      if (this.iterativeScanSupported === undefined) {
        try {
          await client.query(hnswSessionSettingsSql);
          this.iterativeScanSupported = true;
        } catch (error) {
          // A lost connection says nothing about pgvector's version (hybrid-retriever.ts does the same).
          if (infrastructureFaultOf(error)) throw error;
          this.iterativeScanSupported = false;
        }
      } else if (!configuredClients.has(client)) {
        await client.query(hnswSessionSettingsSql);
      }
      configuredClients.add(client);
      signal?.throwIfAborted();
      return (await client.query<ChunkRow>(searchSql, parameters)).rows.map(toRetrievedChunk);
    } finally {
      client.release();
    }
  }

  async findDocumentHash(sourceKey: string): Promise<string | null> {
    const result = await this.pool.query<{ content_hash: string | null }>(
      'SELECT content_hash FROM documents WHERE source_key = $1',
      [sourceKey],
    );
    return result.rows[0]?.content_hash ?? null;
  }

  async countDocuments(): Promise<number> {
    const result = await this.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM documents');
    return result.rows[0]?.count ?? 0;
  }

  /**
   * Writes the document and replaces its chunks: the new chunks in short batches beside the old
   * ones, then switched to in one short transaction (see replaceDocumentInBatches): readers see the
   * old chunks or the new ones, and the database is never held for the whole write. Same content
   * hash and chunks already embedded with the same model: 'unchanged', nothing written (unless `force`).
   */
  async upsertDocument(document: DocumentInput, options: UpsertDocumentOptions = {}): Promise<{ documentId: string; status: 'created' | 'updated' | 'unchanged' }> {
    for (const chunk of document.chunks) assertDimensions(chunk.embedding, `embedding of chunk ${chunk.index} of ${document.sourceKey}`);
    const outcome = await replaceDocumentInBatches(this.pool, document, options.signal);
    if (outcome.status !== 'unchanged') {
      this.chunksSinceAnalyze += document.chunks.length;
      if (this.chunksSinceAnalyze >= ANALYZE_AFTER_CHUNKS) await this.refreshStatistics();
    }
    return outcome;
  }

  /**
   * Refreshes planner statistics of the knowledge tables. Without them the planner skips the
   * HNSW index for filtered queries; PGlite has no autovacuum. Call after a bulk load.
   */
  async refreshStatistics(): Promise<void> {
    this.chunksSinceAnalyze = 0;
    await this.pool.query('ANALYZE documents');
    await this.pool.query('ANALYZE document_chunks');
  }

  async deleteDocument(sourceKey: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM documents WHERE source_key = $1', [sourceKey]);
    return (result.rowCount ?? 0) > 0;
  }
}

const configuredClients = new WeakSet<pg.PoolClient>();

/**
 * Per connection, once: iterative HNSW scans (pgvector >= 0.8) so filtered searches still fill
 * `limit`, and a wider candidate list than the default 40 for better recall (it must exceed
 * `limit` anyway).
 */
const hnswSessionSettingsSql =
  "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', false), set_config('hnsw.ef_search', '100', false)";

function assertDimensions(vector: readonly number[], what: string): void {
  if (vector.length !== STORED_EMBEDDING_DIMENSIONS) {
    throw new ValidationError(
      `${what} has ${vector.length} dimensions; the database stores ${STORED_EMBEDDING_DIMENSIONS} (vector(${STORED_EMBEDDING_DIMENSIONS}))`,
      { dimensions: vector.length, expected: STORED_EMBEDDING_DIMENSIONS },
    );
  }
}
