import type { SupabaseClient } from '@supabase/supabase-js';
import type {
  AgentOwner,
  DocumentInput,
  KnowledgeSearchQuery,
  KnowledgeStore,
  RetrievedChunk,
} from '../../capabilities/capabilities.ts';
import { toVectorLiteral } from '../../database/vector-literal.ts';
import { ValidationError } from '../../errors/app-error.ts';
import { STORED_EMBEDDING_DIMENSIONS } from '../pg/pg-knowledge-store.ts';
import { dataOf } from '../../database/supabase-client.ts';

/**
 * The knowledge store over Supabase REST (PostgREST), for hosts without a direct Postgres
 * connection. Same interface and behaviour as PgKnowledgeStore, with what REST allows:
 *
 * - search: the seed's RPC `match_documents_<agent>` (cosine similarity ≥ threshold, owned or
 *   shared), over-fetching because those functions know nothing of embedding models; the
 *   chunks' section, document and model are then read with two selects, and chunks of another
 *   model are dropped. Vector search only: the hybrid retriever needs SQL.
 * - upsertDocument: PostgREST runs one transaction per request, so the replacement is ordered
 *   to never leave a document without chunks: upsert the document (on source_key), insert the
 *   new chunks, then delete the old ones. A failure in between leaves both sets (searchable,
 *   duplicated) until the next ingestion of the file, which repairs it. A true single
 *   transaction needs a SQL function (see the report of issue 3).
 */

const CHUNKS_PER_REQUEST = 100;
/** match_documents_* know nothing of models: fetch more, keep the query's model. */
const SEARCH_OVERFETCH = 3;
const MAX_SEARCH_CANDIDATES = 200;
/** Ids per `in.(...)` filter: keeps URLs short (36-character UUIDs). */
const IDS_PER_FILTER = 100;

interface MatchRow {
  id: string;
  content: string;
  similarity: number;
  filename: string;
  agent_owner: AgentOwner | null;
}

function assertDimensions(vector: readonly number[], what: string): void {
  if (vector.length !== STORED_EMBEDDING_DIMENSIONS) {
    throw new ValidationError(
      `${what} has ${vector.length} dimensions; the database stores ${STORED_EMBEDDING_DIMENSIONS} (vector(${STORED_EMBEDDING_DIMENSIONS}))`,
      { dimensions: vector.length, expected: STORED_EMBEDDING_DIMENSIONS },
    );
  }
}

function inGroups<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}

export class SupabaseKnowledgeStore implements KnowledgeStore {
  constructor(private readonly client: SupabaseClient) {}

  async search(query: KnowledgeSearchQuery, signal?: AbortSignal): Promise<RetrievedChunk[]> {
    signal?.throwIfAborted();
    assertDimensions(query.embedding, 'query embedding');
    const limit = Math.floor(query.limit);
    if (limit <= 0) return [];
    let rpc = this.client.rpc(`match_documents_${query.agent}`, {
      query_embedding: toVectorLiteral(query.embedding),
      match_threshold: query.minSimilarity,
      match_count: Math.min(MAX_SEARCH_CANDIDATES, limit * SEARCH_OVERFETCH),
      agent_filter: query.agent,
    });
    if (signal) rpc = rpc.abortSignal(signal);
    const matches = dataOf<MatchRow[]>('match_documents', await rpc) ?? [];
    if (matches.length === 0) return [];

    const chunks = new Map<string, { document_id: string; section: string | null; embedding_model: string | null }>();
    for (const ids of inGroups(matches.map((match) => match.id), IDS_PER_FILTER)) {
      const rows = dataOf<Array<{ id: string; document_id: string; section: string | null; embedding_model: string | null }>>(
        'select document_chunks',
        await this.client.from('document_chunks').select('id,document_id,section,embedding_model').in('id', ids),
      );
      for (const row of rows) chunks.set(row.id, row);
    }
    const documentIds = [...new Set([...chunks.values()].map((chunk) => chunk.document_id))];
    const documents = new Map<string, { title: string | null; filename: string; agent_owner: AgentOwner | null }>();
    for (const ids of inGroups(documentIds, IDS_PER_FILTER)) {
      const rows = dataOf<Array<{ id: string; title: string | null; filename: string; agent_owner: AgentOwner | null }>>(
        'select documents',
        await this.client.from('documents').select('id,title,filename,agent_owner').in('id', ids),
      );
      for (const row of rows) documents.set(row.id, row);
    }

    const results: RetrievedChunk[] = [];
    for (const match of matches) {
      const chunk = chunks.get(match.id);
      if (!chunk || (chunk.embedding_model ?? 'text-embedding-3-small') !== query.embeddingModel) continue;
      const document = documents.get(chunk.document_id);
      results.push({
        chunkId: match.id,
        documentId: chunk.document_id,
        title: document?.title ?? document?.filename ?? match.filename,
        section: chunk.section,
        content: match.content,
        agentOwner: document?.agent_owner ?? match.agent_owner ?? 'shared',
        score: Number(match.similarity),
      });
    }
    return results.sort((left, right) => right.score - left.score || (left.chunkId < right.chunkId ? -1 : 1)).slice(0, limit);
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
      ? dataOf<Array<{ id: string; embedding_model: string | null }>>(
          'select document_chunks',
          await this.client.from('document_chunks').select('id,embedding_model').eq('document_id', existing.id),
        )
      : [];
    const sameModel = oldChunks.every((chunk) => chunk.embedding_model === document.embeddingModel);
    if (existing && existing.content_hash === document.contentHash && sameModel) {
      return { documentId: existing.id, status: 'unchanged' };
    }

    const written = dataOf<Array<{ id: string }>>(
      'upsert documents',
      await this.client
        .from('documents')
        .upsert(
          {
            source_key: document.sourceKey,
            filename: document.sourceKey,
            title: document.title,
            file_type: document.fileType,
            agent_owner: document.agentOwner,
            tags: document.tags,
            category: document.category,
            priority: document.priority,
            content_hash: document.contentHash,
            uploaded_by: 'ingest',
            updated_at: new Date().toISOString(),
          },
          { onConflict: 'source_key' },
        )
        .select('id'),
    );
    const documentId = written[0]?.id;
    if (!documentId) throw new Error(`upsertDocument: no row for ${document.sourceKey}`);

    for (const batch of inGroups(document.chunks, CHUNKS_PER_REQUEST)) {
      dataOf(
        'insert document_chunks',
        await this.client.from('document_chunks').insert(
          batch.map((chunk) => ({
            document_id: documentId,
            chunk_index: chunk.index,
            section: chunk.section,
            content: chunk.content,
            embedding: toVectorLiteral(chunk.embedding),
            embedding_model: document.embeddingModel,
          })),
        ),
      );
    }
    for (const ids of inGroups(oldChunks.map((chunk) => chunk.id), IDS_PER_FILTER)) {
      dataOf('delete document_chunks', await this.client.from('document_chunks').delete().in('id', ids));
    }
    return { documentId, status: existing ? 'updated' : 'created' };
  }
}
