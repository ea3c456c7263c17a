import { randomInt } from 'node:crypto';
import { AppError } from '../../errors/app-error.ts';
import type pg from 'pg';
import type { DocumentInput } from '../../capabilities/capabilities.ts';
import { inTransaction } from '../../database/pg-pool.ts';
import { toVectorLiteral } from '../../database/vector-literal.ts';

/**
 * How long one INSERT of staged chunks should hold the database. On the embedded database (PGlite:
 * one session for every process) a statement holds the whole database while it runs, and a chunk
 * (its vector parsed, stored and inserted in the HNSW graph) costs from a few to ~40 ms there
 * depending on the machine's load: the number of chunks per statement follows the measured cost,
 * so /health and visitors' requests queued behind wait about this long, not the length of the
 * whole document. A real Postgres takes the batches at the maximum size.
 */
export const STAGED_INSERT_TARGET_MS = 100;
export const FIRST_STAGED_INSERT_CHUNKS = 4;
/** Each chunk carries a ~20 KB vector literal. */
export const MAX_STAGED_INSERT_CHUNKS = 100;

/** The next batch's size from the last one's duration: towards STAGED_INSERT_TARGET_MS, at most doubling. */
export function nextStagedBatchSize(lastSize: number, lastMs: number): number {
  const perChunkMs = Math.max(lastMs, 1) / lastSize;
  const wanted = Math.floor(STAGED_INSERT_TARGET_MS / perChunkMs);
  return Math.max(1, Math.min(MAX_STAGED_INSERT_CHUNKS, lastSize * 2, wanted));
}

export type ReplacementStatus = 'created' | 'updated' | 'unchanged';

/**
 * A stored document's id, content hash and the distinct embedding models of its current
 * generation's chunks, by `source_key` ($1): what decides whether a file is unchanged. Read here
 * before a replacement and by ingestion before embedding (PgIngestStore.findDocumentState).
 */
export const CURRENT_DOCUMENT_STATE_SQL = `SELECT document.id, document.content_hash,
       (SELECT array_agg(DISTINCT chunk.embedding_model) FROM document_chunks chunk
        WHERE chunk.document_id = document.id AND chunk.generation = document.chunk_generation) AS models
FROM documents document WHERE document.source_key = $1`;

/**
 * Another writer replaced the document while this one was writing its chunks (its staged chunks
 * were deleted), or deleted it (`--prune`, a concurrent first ingestion that failed). Nothing of
 * this write is kept; what is stored is what the other writer left. The message (French: the
 * ingestion command's language) names the document; retryable: ingesting the file again is the fix.
 */
export class ConcurrentDocumentReplacementError extends AppError {
  readonly sourceKey: string;

  constructor(sourceKey: string, what: 'replaced' | 'deleted', cause?: unknown) {
    super({
      message:
        what === 'replaced'
          ? `${sourceKey}: remplacé par une autre ingestion du même document pendant l'écriture ; la version enregistrée est celle de l'autre ingestion, relance celle de ce fichier pour enregistrer la tienne`
          : `${sourceKey}: document supprimé (--prune ou une autre ingestion) pendant l'écriture ; rien n'a été enregistré, relance l'ingestion de ce fichier`,
      code: 'concurrent_document_replacement',
      status: 409,
      retryable: true,
      details: { sourceKey, what },
      cause,
    });
    this.sourceKey = sourceKey;
  }
}

/** A staged chunk whose document row is gone (deleted meanwhile): foreign key violation. */
const isMissingDocumentRow = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '23503';

/**
 * Replaces a document's chunks without holding the database for the length of the write:
 *  1. one short transaction: skip when unchanged; otherwise make sure the document row exists (a
 *     new one with no content hash and no chunk of its generation 0: searches find nothing of it yet);
 *  2. the new chunks inserted under a new random `generation`, in statements of about
 *     STAGED_INSERT_TARGET_MS each (nextStagedBatchSize), each statement alone: readers see only the chunks of `documents.chunk_generation`,
 *     so these stay invisible;
 *  3. one short transaction: the document row locked, its metadata written, `chunk_generation` set
 *     to the new generation and every other generation deleted (after a count check: a concurrent
 *     ingestion of the same file may have deleted part of them); the previous generation deleted.
 * A reader sees the old chunks or the new ones, never a mix and never none. On failure (or `signal`
 * aborted between two statements, before the switch) the staged
 * chunks (and the row of a document created by this call) are deleted, best effort; what is left
 * behind (a crash) is invisible and deleted by the next replacement of the document.
 */
export async function replaceDocumentInBatches(
  pool: pg.Pool,
  document: DocumentInput,
  signal?: AbortSignal,
): Promise<{ documentId: string; status: ReplacementStatus }> {
  const prepared = await inTransaction(pool, async (client) => {
    const existing = await client.query<{ id: string; content_hash: string | null; models: string[] | null }>(CURRENT_DOCUMENT_STATE_SQL, [document.sourceKey]);
    const current = existing.rows[0];
    const sameModel = (current?.models ?? []).every((model) => model === document.embeddingModel);
    if (current && current.content_hash === document.contentHash && sameModel && document.force !== true) {
      return { documentId: current.id, unchanged: true as const, created: false };
    }
    if (current) return { documentId: current.id, unchanged: false as const, created: current.content_hash === null && (current.models ?? []).length === 0 };
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO documents (source_key, filename, title, file_type, agent_owner, tags, category, priority, content_hash, uploaded_by, updated_at)
       VALUES ($1, $1, $2, $3, $4, $5::text[], $6, $7, NULL, 'ingest', now())
       ON CONFLICT (source_key) DO UPDATE SET source_key = EXCLUDED.source_key
       RETURNING id`,
      [document.sourceKey, document.title, document.fileType, document.agentOwner, document.tags, document.category, document.priority],
    );
    return { documentId: inserted.rows[0]!.id, unchanged: false as const, created: true };
  });
  if (prepared.unchanged) return { documentId: prepared.documentId, status: 'unchanged' };

  const { documentId } = prepared;
  const generation = randomInt(1, 2 ** 31 - 1);
  try {
    let batchSize = FIRST_STAGED_INSERT_CHUNKS;
    for (let start = 0; start < document.chunks.length; ) {
      // Interrupted (Ctrl-C, a worker's shutdown): the staged chunks go, the stored version stays.
      signal?.throwIfAborted();
      const batch = document.chunks.slice(start, start + batchSize);
      const startedAt = performance.now();
      await pool.query(
        `INSERT INTO document_chunks (document_id, chunk_index, section, content, embedding, embedding_model, agent_owner, generation)
         SELECT $1, chunk.chunk_index, chunk.section, chunk.content, chunk.embedding::vector, $6, $7, $8
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS chunk(chunk_index, section, content, embedding)`,
        [
          documentId,
          batch.map((chunk) => chunk.index),
          batch.map((chunk) => chunk.section),
          batch.map((chunk) => chunk.content),
          batch.map((chunk) => toVectorLiteral(chunk.embedding)),
          document.embeddingModel,
          document.agentOwner ?? 'shared',
          generation,
        ],
      );
      start += batch.length;
      batchSize = nextStagedBatchSize(batch.length, performance.now() - startedAt);
    }
    signal?.throwIfAborted();
    const switched = await inTransaction(pool, async (client) => {
      const locked = await client.query<{ content_hash: string | null; chunk_generation: number }>(
        'SELECT content_hash, chunk_generation FROM documents WHERE id = $1 FOR UPDATE',
        [documentId],
      );
      const previous = locked.rows[0];
      const staged = await client.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM document_chunks WHERE document_id = $1 AND generation = $2',
        [documentId, generation],
      );
      if (previous === undefined) throw new ConcurrentDocumentReplacementError(document.sourceKey, 'deleted');
      if (staged.rows[0]?.count !== document.chunks.length) throw new ConcurrentDocumentReplacementError(document.sourceKey, 'replaced');
      // The old chunks go first: a change of owner then rewrites no chunk (0020's trigger skips chunks already right).
      // Generations another ingestion of this file is writing right now stay; those a crash left behind an hour ago go.
      await client.query(
        `DELETE FROM document_chunks
         WHERE document_id = $1 AND generation <> $2 AND (generation = $3 OR created_at < now() - interval '1 hour')`,
        [documentId, generation, previous.chunk_generation],
      );
      await client.query(
        `UPDATE documents
         SET filename = $2, title = $3, file_type = $4, agent_owner = $5, tags = $6::text[], category = $7,
             priority = $8, content_hash = $9, chunk_generation = $10, updated_at = now()
         WHERE id = $1`,
        [documentId, document.sourceKey, document.title, document.fileType, document.agentOwner, document.tags, document.category, document.priority, document.contentHash, generation],
      );
      // Created: nothing was readable of it before this switch (the row of step 1 has no content hash).
      return previous.content_hash === null ? ('created' as const) : ('updated' as const);
    });
    return { documentId, status: switched };
  } catch (error) {
    await discardStagedGeneration(pool, documentId, generation, prepared.created);
    throw isMissingDocumentRow(error) ? new ConcurrentDocumentReplacementError(document.sourceKey, 'deleted', error) : error;
  }
}

async function discardStagedGeneration(pool: pg.Pool, documentId: string, generation: number, created: boolean): Promise<void> {
  await pool.query('DELETE FROM document_chunks WHERE document_id = $1 AND generation = $2', [documentId, generation]).catch(() => undefined);
  if (created) {
    await pool
      .query(
        `DELETE FROM documents document WHERE document.id = $1 AND document.content_hash IS NULL
           AND NOT EXISTS (SELECT 1 FROM document_chunks chunk WHERE chunk.document_id = document.id)`,
        [documentId],
      )
      .catch(() => undefined);
  }
}
