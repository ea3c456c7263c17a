import type pg from 'pg';
import type { KnowledgeStore } from '../capabilities/capabilities.ts';
import { CURRENT_DOCUMENT_STATE_SQL } from '../store/pg/pg-document-replacement.ts';
import { PgKnowledgeStore } from '../store/pg/pg-knowledge-store.ts';

/**
 * What ingestion needs to know about a stored document before re-embedding it: its content hash
 * and the embedding models of its chunks. An unchanged file whose chunks were embedded by another
 * model (after switching from the local embedder to OpenAI, say) must be re-embedded: the hash
 * alone cannot see that. Stores without `findDocumentState` fall back to the hash alone.
 */
export interface StoredDocumentState {
  contentHash: string | null;
  /** Distinct embedding models of the document's chunks (empty when it has none). */
  embeddingModels: string[];
}

export interface DocumentStateReader {
  findDocumentState(sourceKey: string): Promise<StoredDocumentState | null>;
}

export type IngestStore = KnowledgeStore & Partial<DocumentStateReader> & { refreshStatistics?(): Promise<void> };

export function readsDocumentState(store: KnowledgeStore): store is KnowledgeStore & DocumentStateReader {
  return typeof (store as Partial<DocumentStateReader>).findDocumentState === 'function';
}

/** The Postgres knowledge store plus `findDocumentState` (one query), for ingestion. */
export class PgIngestStore extends PgKnowledgeStore implements DocumentStateReader {
  constructor(private readonly ingestPool: pg.Pool) {
    super(ingestPool);
  }

  async findDocumentState(sourceKey: string): Promise<StoredDocumentState | null> {
    const result = await this.ingestPool.query<{ content_hash: string | null; models: string[] | null }>(CURRENT_DOCUMENT_STATE_SQL, [sourceKey]);
    const row = result.rows[0];
    if (!row) return null;
    return { contentHash: row.content_hash, embeddingModels: (row.models ?? []).filter((model): model is string => model !== null) };
  }
}
