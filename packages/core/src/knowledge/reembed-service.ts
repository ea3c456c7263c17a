import type pg from 'pg';
import type { Embedder } from '../capabilities/capabilities.ts';
import { toVectorLiteral } from '../database/vector-literal.ts';
import { inTransaction } from '../database/pg-pool.ts';
import { ValidationError } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { STORED_EMBEDDING_DIMENSIONS } from '../store/pg/pg-knowledge-store.ts';
import { embeddingTextOf } from './chunker.ts';
import { EMBEDDING_BATCH_SIZE } from './ingest-service.ts';

/**
 * `pnpm reembed`: re-embeds every chunk whose embedding_model is not the current embedder's, so
 * that queries (which only compare vectors of their own model) find the whole knowledge base
 * again after a model change. Document by document: the stale chunks are read, embedded in
 * batches with the same "title — section" prefix as ingestion, then written in one transaction
 * per document (the document row locked, so a concurrent re-ingestion of the same file waits).
 * Chunks replaced meanwhile are simply not found by their id. Idempotent: a second run finds
 * nothing to do; an interrupted run resumes where it stopped. The first failure stops the run
 * (an unreachable provider would fail every document alike); what was committed stays.
 */

export interface StaleDocument {
  documentId: string;
  title: string;
  staleChunks: number;
}

export interface ReembedProgress {
  documentsDone: number;
  documentsTotal: number;
  chunksDone: number;
  chunksTotal: number;
  /** The document being re-embedded. */
  document: string;
}

export interface ReembedOptions {
  pool: pg.Pool;
  embedder: Embedder;
  logger: Logger;
  /** Texts per embed() call (default EMBEDDING_BATCH_SIZE). */
  batchSize?: number;
  onProgress?(progress: ReembedProgress): void;
  signal?: AbortSignal;
  /** Only chunks whose model starts with this (an older version of the same embedder); every other model otherwise. */
  onlyFromModelsStartingWith?: string;
}

export interface ReembedSummary {
  model: string;
  documents: number;
  chunks: number;
}

/** Chunk rows per UPDATE statement (each carries a ~20 KB vector literal). */
const CHUNKS_PER_UPDATE = 100;

/** A chunk of another model than $1, and, when $2 is not null, of a model whose name starts with $2. */
/** Only chunks of their document's current generation: a replacement's staged chunks (migration 0020) are not read yet and go at the switch. */
const STALE_CHUNK_CONDITION = `chunk.embedding_model IS DISTINCT FROM $1 AND ($2::text IS NULL OR left(chunk.embedding_model, length($2::text)) = $2::text)
  AND chunk.generation = (SELECT current.chunk_generation FROM documents current WHERE current.id = chunk.document_id)`;

/** Documents with chunks of another embedding model than `model` (only models starting with `onlyFromModelsStartingWith` when given), with how many. */
export async function findStaleDocuments(pool: pg.Pool, model: string, options: { onlyFromModelsStartingWith?: string } = {}): Promise<StaleDocument[]> {
  const result = await pool.query<{ document_id: string; title: string; stale_chunks: number }>(
    `SELECT document.id AS document_id, coalesce(document.title, document.filename, document.source_key, document.id::text) AS title,
            count(*)::int AS stale_chunks
     FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
     WHERE ${STALE_CHUNK_CONDITION}
     GROUP BY document.id
     ORDER BY title, document.id`,
    [model, options.onlyFromModelsStartingWith ?? null],
  );
  return result.rows.map((row) => ({ documentId: row.document_id, title: row.title, staleChunks: row.stale_chunks }));
}

export async function reembedStaleChunks(options: ReembedOptions): Promise<ReembedSummary> {
  const { pool, embedder, logger } = options;
  if (embedder.dimensions !== STORED_EMBEDDING_DIMENSIONS) {
    throw new ValidationError(
      `the embedder ${embedder.model} makes ${embedder.dimensions}-dimension vectors; the database stores ${STORED_EMBEDDING_DIMENSIONS}`,
      { dimensions: embedder.dimensions, expected: STORED_EMBEDDING_DIMENSIONS },
    );
  }
  const batchSize = options.batchSize ?? EMBEDDING_BATCH_SIZE;
  const onlyFromModelsStartingWith = options.onlyFromModelsStartingWith ?? null;
  const documents = await findStaleDocuments(pool, embedder.model, { onlyFromModelsStartingWith: options.onlyFromModelsStartingWith });
  const chunksTotal = documents.reduce((sum, document) => sum + document.staleChunks, 0);
  let chunksDone = 0;
  let documentsDone = 0;
  let chunksWritten = 0;
  const report = (document: string) =>
    options.onProgress?.({ documentsDone, documentsTotal: documents.length, chunksDone, chunksTotal, document });

  for (const document of documents) {
    options.signal?.throwIfAborted();
    report(document.title);
    const chunks = await pool.query<{ id: string; section: string | null; content: string; title: string }>(
      `SELECT chunk.id, chunk.section, chunk.content, coalesce(document.title, document.filename, '') AS title
       FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
       WHERE chunk.document_id = $3 AND ${STALE_CHUNK_CONDITION}
       ORDER BY chunk.chunk_index, chunk.id`,
      [embedder.model, onlyFromModelsStartingWith, document.documentId],
    );
    const vectors: number[][] = [];
    for (let start = 0; start < chunks.rows.length; start += batchSize) {
      options.signal?.throwIfAborted();
      const batch = chunks.rows.slice(start, start + batchSize);
      const { vectors: batchVectors } = await embedder.embed(
        batch.map((chunk) => embeddingTextOf(chunk.title, chunk.section, chunk.content)),
        options.signal,
      );
      if (batchVectors.length !== batch.length || batchVectors.some((vector) => vector.length !== STORED_EMBEDDING_DIMENSIONS)) {
        throw new ValidationError(`the embedder ${embedder.model} returned unexpected vectors for ${document.title}`);
      }
      vectors.push(...batchVectors);
      chunksDone += batch.length;
      report(document.title);
    }
    chunksWritten += await writeDocumentVectors(pool, document.documentId, embedder.model, onlyFromModelsStartingWith, chunks.rows.map((chunk, index) => ({ id: chunk.id, vector: vectors[index]! })));
    documentsDone += 1;
    report(document.title);
    logger.info({ document: document.title, chunks: chunks.rows.length }, 'document re-embedded');
  }
  if (chunksWritten > 0) await pool.query('ANALYZE document_chunks');
  return { model: embedder.model, documents: documentsDone, chunks: chunksWritten };
}

/**
 * One transaction: locks the document, then updates its chunks still stale by the same test as the
 * read (a chunk another process moved to a live model meanwhile is left alone). Returns the rows updated.
 */
async function writeDocumentVectors(
  pool: pg.Pool,
  documentId: string,
  model: string,
  onlyFromModelsStartingWith: string | null,
  chunks: Array<{ id: string; vector: number[] }>,
): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT id FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
    let updated = 0;
    for (let start = 0; start < chunks.length; start += CHUNKS_PER_UPDATE) {
      const batch = chunks.slice(start, start + CHUNKS_PER_UPDATE);
      const result = await client.query(
        `UPDATE document_chunks chunk
         SET embedding = fresh.embedding::vector, embedding_model = $1
         FROM unnest($3::uuid[], $4::text[]) AS fresh(id, embedding)
         WHERE chunk.id = fresh.id AND chunk.document_id = $5 AND ${STALE_CHUNK_CONDITION}`,
        [model, onlyFromModelsStartingWith, batch.map((chunk) => chunk.id), batch.map((chunk) => toVectorLiteral(chunk.vector)), documentId],
      );
      updated += result.rowCount ?? 0;
    }
    return updated;
  });
}
