import type pg from 'pg';
import type { RetrievedChunk } from '../../capabilities/capabilities.ts';
import type { AgentName } from '../../contract/chat-schemas.ts';
import { toRetrievedChunk } from '../../retrieval/retrieved-chunk-row.ts';

export interface FullTextSearchQuery {
  agent: AgentName;
  text: string;
  limit: number;
}

/**
 * French full-text search over chunks (documents owned by the agent or shared; only the chunks of
 * their document's current generation, see migration 0020), accent- and
 * stem-insensitive through the `french_unaccent` configuration. Any word may match (OR):
 * the visitor's question is not a boolean query. `score` is ts_rank_cd normalised to 0..1
 * (rank / (rank + 1)), best first. For hybrid retrieval alongside the vector search.
 */
export async function searchChunksFullText(pool: pg.Pool, query: FullTextSearchQuery): Promise<RetrievedChunk[]> {
  if (query.limit <= 0 || query.text.trim() === '') return [];
  const result = await pool.query(
    `WITH search AS (
       SELECT nullif(replace(plainto_tsquery('french_unaccent', $1)::text, ' & ', ' | '), '')::tsquery AS terms
     )
     SELECT chunk.id AS chunk_id, chunk.document_id, coalesce(document.title, document.filename) AS title,
            chunk.section, chunk.content, chunk.agent_owner,
            ts_rank_cd(chunk.content_tsv, search.terms, 32) AS score
     FROM search
     JOIN document_chunks chunk ON chunk.content_tsv @@ search.terms
     JOIN documents document ON document.id = chunk.document_id AND chunk.generation = document.chunk_generation
     WHERE chunk.agent_owner IN ($2, 'shared')
     ORDER BY score DESC, chunk.id
     LIMIT $3`,
    [query.text, query.agent, Math.floor(query.limit)],
  );
  return result.rows.map(toRetrievedChunk);
}
