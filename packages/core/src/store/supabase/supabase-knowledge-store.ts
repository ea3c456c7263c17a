import type { SupabaseClient } from '@supabase/supabase-js';
import type {
  DocumentInput,
  KnowledgeSearchQuery,
  KnowledgeStore,
  RetrievedChunk,
} from '../../capabilities/capabilities.ts';
import { toVectorLiteral } from '../../database/vector-literal.ts';
import { ValidationError } from '../../errors/app-error.ts';
import { STORED_EMBEDDING_DIMENSIONS } from '../pg/pg-knowledge-store.ts';
import {
  hybridSearchArguments,
  hybridSearchSettings,
  type HybridRetrieverOptions,
  type HybridSearchSettings,
} from '../../retrieval/hybrid-search-parameters.ts';
import { dataOf } from '../../database/supabase-client.ts';
import { toRetrievedChunk, type ChunkRow } from '../../retrieval/retrieved-chunk-row.ts';

/**
 * The knowledge store over Supabase REST (PostgREST), for hosts without a direct Postgres
 * connection. Same interface and behaviour as the direct Postgres path, through two SQL
 * functions of migration 0012 (PostgREST runs each RPC in one transaction):
 *
 * - search: RPC `hybrid_search_chunks`, the very statement of the hybrid retriever (vector +
 *   French full text, reciprocal rank fusion, the other agent's documents weighted down rather
 *   than excluded), with the same settings and arguments (hybrid-search-parameters.ts).
 *   `match_documents_audrey/_carole` stay in the database for whatever else calls them.
 * - upsertDocument: an unchanged document (same content hash, chunks of the same embedding
 *   model) is left alone; otherwise RPC `replace_document_chunks` upserts the document and
 *   replaces its chunks in one transaction, so a failure leaves the previous version whole.
 */

function assertDimensions(vector: readonly number[], what: string): void {
  if (vector.length !== STORED_EMBEDDING_DIMENSIONS) {
    throw new ValidationError(
      `${what} has ${vector.length} dimensions; the database stores ${STORED_EMBEDDING_DIMENSIONS} (vector(${STORED_EMBEDDING_DIMENSIONS}))`,
      { dimensions: vector.length, expected: STORED_EMBEDDING_DIMENSIONS },
    );
  }
}

export interface SupabaseKnowledgeStoreOptions {
  /** The hybrid search settings (the same defaults as the direct Postgres retriever). */
  search?: Omit<HybridRetrieverOptions, 'logger'>;
}

export class SupabaseKnowledgeStore implements KnowledgeStore {
  private readonly searchSettings: HybridSearchSettings;

  constructor(
    private readonly client: SupabaseClient,
    options: SupabaseKnowledgeStoreOptions = {},
  ) {
    this.searchSettings = hybridSearchSettings(options.search);
  }

  async search(query: KnowledgeSearchQuery, signal?: AbortSignal): Promise<RetrievedChunk[]> {
    signal?.throwIfAborted();
    assertDimensions(query.embedding, 'query embedding');
    if (Math.floor(query.limit) <= 0) return [];
    let rpc = this.client.rpc('hybrid_search_chunks', hybridSearchArguments(query, this.searchSettings));
    if (signal) rpc = rpc.abortSignal(signal);
    const rows = dataOf<ChunkRow[]>('hybrid_search_chunks', await rpc) ?? [];
    return rows.map(toRetrievedChunk);
  }

  async findDocumentHash(sourceKey: string): Promise<string | null> {
    const rows = dataOf<Array<{ content_hash: string | null }>>(
      'select documents',
      await this.client.from('documents').select('content_hash').eq('source_key', sourceKey).limit(1),
    );
    return rows[0]?.content_hash ?? null;
  }

  async countDocuments(): Promise<number> {
    const response = await this.client.from('documents').select('*', { count: 'exact', head: true });
    dataOf('count documents', response);
    return response.count ?? 0;
  }

  async upsertDocument(document: DocumentInput): Promise<{ documentId: string; status: 'created' | 'updated' | 'unchanged' }> {
    for (const chunk of document.chunks) assertDimensions(chunk.embedding, `embedding of chunk ${chunk.index} of ${document.sourceKey}`);
    const existing = dataOf<Array<{ id: string; content_hash: string | null }>>(
      'select documents',
      await this.client.from('documents').select('id,content_hash').eq('source_key', document.sourceKey).limit(1),
    )[0];
    const oldChunks = existing
      ? dataOf<Array<{ embedding_model: string | null }>>(
          'select document_chunks',
          await this.client.from('document_chunks').select('embedding_model').eq('document_id', existing.id),
        )
      : [];
    const sameModel = oldChunks.every((chunk) => chunk.embedding_model === document.embeddingModel);
    if (existing && existing.content_hash === document.contentHash && sameModel && document.force !== true) {
      return { documentId: existing.id, status: 'unchanged' };
    }

    const written = dataOf<Array<{ document_id: string; created: boolean }>>(
      'replace_document_chunks',
      await this.client.rpc('replace_document_chunks', {
        document: {
          source_key: document.sourceKey,
          title: document.title,
          file_type: document.fileType,
          agent_owner: document.agentOwner,
          tags: document.tags,
          category: document.category,
          priority: document.priority,
          content_hash: document.contentHash,
          chunks: document.chunks.map((chunk) => ({
            chunk_index: chunk.index,
            section: chunk.section,
            content: chunk.content,
            embedding: toVectorLiteral(chunk.embedding),
            embedding_model: document.embeddingModel,
          })),
        },
      }),
    );
    const documentId = written[0]?.document_id;
    if (!documentId) throw new Error(`upsertDocument: no row for ${document.sourceKey}`);
    return { documentId, status: existing ? 'updated' : 'created' };
  }
}
