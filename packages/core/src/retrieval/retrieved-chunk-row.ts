import type { AgentOwner, RetrievedChunk } from '../capabilities/capabilities.ts';

/** A retrieved chunk as the search statements return it (pg store, hybrid retriever, Supabase RPC); the score may come as text. */
export interface ChunkRow {
  chunk_id: string;
  document_id: string;
  title: string;
  section: string | null;
  content: string;
  agent_owner: AgentOwner;
  score: number | string;
  /** The chunk's place in its document (hybrid_search_chunks since migration 0014). */
  chunk_index?: number | null;
}

export function toRetrievedChunk(row: ChunkRow): RetrievedChunk {
  return {
    chunkId: row.chunk_id,
    documentId: row.document_id,
    title: row.title,
    section: row.section,
    content: row.content,
    agentOwner: row.agent_owner,
    score: Number(row.score),
    ...(typeof row.chunk_index === 'number' ? { chunkIndex: row.chunk_index } : {}),
  };
}
