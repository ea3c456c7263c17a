import type pg from 'pg';
import {
  OTHER_AGENT_DOCUMENT_WEIGHT,
  type AgentOwner,
  type DocumentInput,
  type KnowledgeSearchQuery,
  type KnowledgeStore,
  type RetrievedChunk,
} from '../../capabilities/capabilities.ts';
import { ValidationError } from '../../errors/app-error.ts';
import { toVectorLiteral } from '../../database/vector-literal.ts';
import { inTransaction } from '../../database/pg-pool.ts';
import { toRetrievedChunk, type ChunkRow } from '../../retrieval/retrieved-chunk-row.ts';

/** `document_chunks.embedding` is vector(1536): the dimensions of text-embedding-3-small (v1's column). */
export const STORED_EMBEDDING_DIMENSIONS = 1536;

/** Chunks written since the last ANALYZE after which statistics are refreshed (PGlite has no autovacuum). */
const ANALYZE_AFTER_CHUNKS = 200;
/** Chunks per INSERT statement (each chunk carries a ~20 KB vector literal). */
const CHUNKS_PER_INSERT = 100;

/**
 * Nearest chunks by cosine similarity, embedded with the query's model, the agent's and shared
 * documents preferred: the other agent's chunks count $6 (OTHER_AGENT_DOCUMENT_WEIGHT) times
 * their similarity (a preference, not a filter: a misrouted question still finds its document).
 * The inner query is the HNSW index scan, over-fetching twice the limit so that the
 * re-weighting has room; the outer query re-sorts exactly, applies the similarity floor to the
 * raw similarity and returns the weighted score. A zero vector has a NaN cosine distance, which
 * Postgres ranks above every number: such rows are dropped.
 */
const searchSql = `
WITH candidates AS MATERIALIZED (
  SELECT chunk.id, chunk.document_id, chunk.section, chunk.content, chunk.agent_owner, chunk.embedding <=> $1::vector AS distance
  FROM document_chunks chunk
  WHERE chunk.embedding_model = $2
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
        } catch {
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
   * Writes the document and replaces its chunks in one transaction. Same content hash and
   * chunks already embedded with the same model: 'unchanged', nothing written (unless `force`).
   */
  async upsertDocument(document: DocumentInput): Promise<{ documentId: string; status: 'created' | 'updated' | 'unchanged' }> {
    for (const chunk of document.chunks) assertDimensions(chunk.embedding, `embedding of chunk ${chunk.index} of ${document.sourceKey}`);
    const outcome = await inTransaction(this.pool, async (client) => {
      const existing = await client.query<{ id: string; content_hash: string | null; models: string[] | null }>(
        `SELECT document.id, document.content_hash,
                (SELECT array_agg(DISTINCT chunk.embedding_model) FROM document_chunks chunk WHERE chunk.document_id = document.id) AS models
         FROM documents document WHERE document.source_key = $1 FOR UPDATE`,
        [document.sourceKey],
      );
      const current = existing.rows[0];
      const sameModel = (current?.models ?? []).every((model) => model === document.embeddingModel);
      if (current && current.content_hash === document.contentHash && sameModel && document.force !== true) return { documentId: current.id, status: 'unchanged' as const };
      const written = await client.query<{ id: string; inserted: boolean }>(
        `INSERT INTO documents (source_key, filename, title, file_type, agent_owner, tags, category, priority, content_hash, uploaded_by, updated_at)
         VALUES ($1, $1, $2, $3, $4, $5::text[], $6, $7, $8, 'ingest', now())
         ON CONFLICT (source_key) DO UPDATE
           SET filename = EXCLUDED.filename, title = EXCLUDED.title, file_type = EXCLUDED.file_type,
               agent_owner = EXCLUDED.agent_owner, tags = EXCLUDED.tags, category = EXCLUDED.category,
               priority = EXCLUDED.priority, content_hash = EXCLUDED.content_hash, updated_at = now()
         RETURNING id, (xmax = 0) AS inserted`,
        [
          document.sourceKey,
          document.title,
          document.fileType,
          document.agentOwner,
          document.tags,
          document.category,
          document.priority,
          document.contentHash,
        ],
      );
      const row = written.rows[0];
      if (!row) throw new Error(`upsertDocument: no row for ${document.sourceKey}`);
      await client.query('DELETE FROM document_chunks WHERE document_id = $1', [row.id]);
      for (let start = 0; start < document.chunks.length; start += CHUNKS_PER_INSERT) {
        const batch = document.chunks.slice(start, start + CHUNKS_PER_INSERT);
        await client.query(
          `INSERT INTO document_chunks (document_id, chunk_index, section, content, embedding, embedding_model, agent_owner)
           SELECT $1, chunk.chunk_index, chunk.section, chunk.content, chunk.embedding::vector, $6, $7
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS chunk(chunk_index, section, content, embedding)`,
          [
            row.id,
            batch.map((chunk) => chunk.index),
            batch.map((chunk) => chunk.section),
            batch.map((chunk) => chunk.content),
            batch.map((chunk) => toVectorLiteral(chunk.embedding)),
            document.embeddingModel,
            document.agentOwner,
          ],
        );
      }
      return { documentId: row.id, status: row.inserted && !current ? ('created' as const) : ('updated' as const) };
    });
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
