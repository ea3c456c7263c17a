-- 0020_document_chunk_generations: a document's new chunks are written beside its old ones, then
-- switched to in one short transaction.
--
-- On the embedded database (PGlite: one session for every process) the transaction that replaced a
-- large document's chunks held the database for its whole length (a 640 KB document, ~1,000
-- chunks: 7 to 23 s of HNSW insertions), and /health and new visitors got 503 meanwhile. The new
-- chunks are now inserted in small batches, each its own short statement, under a new
-- `generation`; the document's `chunk_generation` says which of its chunks readers see. The switch
-- (documents.chunk_generation = the new generation, the other generations deleted) is one short
-- transaction: a reader sees the old chunks or the new ones, never a mix, never none.
-- Existing rows: generation 0 on both sides, as before. Idempotent.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS chunk_generation integer NOT NULL DEFAULT 0;
ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS generation integer NOT NULL DEFAULT 0;

-- Only the chunks whose owner differs are rewritten (every rewrite of a chunk is an HNSW insertion):
-- the new generation of a document whose owner changed was written with its new owner already.
CREATE OR REPLACE FUNCTION documents_propagate_agent_owner() RETURNS trigger
LANGUAGE plpgsql AS $function$
BEGIN
  UPDATE document_chunks SET agent_owner = coalesce(NEW.agent_owner, 'shared')
  WHERE document_id = NEW.id AND agent_owner IS DISTINCT FROM coalesce(NEW.agent_owner, 'shared');
  RETURN NULL;
END
$function$;

-- hybrid_search_chunks (0014's, same parameters and columns): only the chunks of each document's
-- current generation are ranked, on both sides, and returned. Without it a search during a
-- replacement returned the staged chunks beside the old ones. The vector side filters after the
-- HNSW scan, not in it: a filter there (a subquery per chunk) made the planner give up the index
-- (pnpm bench:retrieval, 3,000 chunks: hybrid p50 18.6 -> 42.1 ms on PGlite); while a document is
-- staged its new chunks may take some of the vector candidates' places, only until the switch. Its body is the text of
-- `hybridSearchSql` (packages/core/src/retrieval/hybrid-search-sql.ts) since this migration.
CREATE OR REPLACE FUNCTION hybrid_search_chunks(
  query_embedding vector(1536),
  embedding_model text,
  agent text,
  vector_candidates integer,
  min_similarity double precision,
  query_words text[],
  text_candidates integer,
  rrf_k double precision,
  vector_weight double precision,
  text_weight double precision,
  result_count integer,
  other_agent_weight double precision
)
RETURNS TABLE (
  chunk_id uuid, document_id uuid, title text, section text, content text, agent_owner text,
  score double precision, similarity double precision, vector_rank bigint, text_score real, text_rank bigint,
  chunk_index integer
)
LANGUAGE sql STABLE
AS $function$
WITH scoped_documents AS MATERIALIZED (
  SELECT document.id, document.chunk_generation, coalesce(document.title, document.filename) AS title,
         CASE WHEN document.agent_owner IN ($3, 'shared') OR document.agent_owner IS NULL THEN 1::float8 ELSE $12::float8 END AS owner_weight
  FROM documents document
),
vector_candidates AS MATERIALIZED (
  SELECT chunk.id, chunk.document_id, chunk.generation, chunk.embedding <=> $1::vector AS distance
  FROM document_chunks chunk
  WHERE chunk.embedding_model = $2
  ORDER BY chunk.embedding <=> $1::vector
  LIMIT $4
),
vector_ranked AS (
  SELECT candidate.id, 1 - candidate.distance AS similarity, row_number() OVER (ORDER BY candidate.distance, candidate.id) AS rank
  FROM vector_candidates candidate
  JOIN scoped_documents scoped ON scoped.id = candidate.document_id AND scoped.chunk_generation = candidate.generation
  WHERE candidate.distance <> 'NaN'::float8 AND 1 - candidate.distance >= $5
),
text_query AS (
  SELECT nullif(string_agg('(' || piece || ')', ' | '), '')::tsquery AS terms
  FROM (SELECT plainto_tsquery('french_unaccent', word)::text AS piece FROM unnest($6::text[]) AS word) pieces
  WHERE piece <> ''
),
scoped_titles AS MATERIALIZED (
  SELECT scoped.id, scoped.chunk_generation, coalesce(ts_rank(setweight(to_tsvector('french_unaccent', scoped.title), 'A'), text_query.terms, 1), 0) AS title_score
  FROM scoped_documents scoped
  CROSS JOIN text_query
),
text_candidates AS MATERIALIZED (
  SELECT chunk.id, ts_rank(chunk.content_tsv, text_query.terms, 1) + titles.title_score AS text_score
  FROM text_query
  JOIN document_chunks chunk
    ON chunk.content_tsv @@ text_query.terms
    OR chunk.document_id = ANY (ARRAY(SELECT matched.id FROM scoped_titles matched WHERE matched.title_score > 0))
  JOIN scoped_titles titles ON titles.id = chunk.document_id AND titles.chunk_generation = chunk.generation
  ORDER BY text_score DESC, chunk.id
  LIMIT $7
),
text_ranked AS (
  SELECT id, text_score, row_number() OVER (ORDER BY text_score DESC, id) AS rank FROM text_candidates
),
fused AS (
  SELECT coalesce(vector_ranked.id, text_ranked.id) AS id,
         vector_ranked.similarity, vector_ranked.rank AS vector_rank,
         text_ranked.text_score, text_ranked.rank AS text_rank,
         (coalesce($9::float8 / ($8::float8 + vector_ranked.rank), 0) + coalesce($10::float8 / ($8::float8 + text_ranked.rank), 0))
           / (($9::float8 + $10::float8) / ($8::float8 + 1)) AS rrf_score
  FROM vector_ranked
  FULL OUTER JOIN text_ranked ON text_ranked.id = vector_ranked.id
)
SELECT chunk.id AS chunk_id, chunk.document_id, scoped.title,
       chunk.section, chunk.content, coalesce(document.agent_owner, 'shared') AS agent_owner,
       fused.rrf_score * scoped.owner_weight AS score, fused.similarity, fused.vector_rank, fused.text_score, fused.text_rank,
       chunk.chunk_index
FROM fused
JOIN document_chunks chunk ON chunk.id = fused.id
JOIN documents document ON document.id = chunk.document_id AND document.chunk_generation = chunk.generation
JOIN scoped_documents scoped ON scoped.id = chunk.document_id
ORDER BY score DESC, least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)), chunk.id
LIMIT $11
$function$;

-- replace_document_chunks (0012's, Supabase mode): it writes generation 0, so it sets the document's
-- chunk_generation to 0 too (after a PgKnowledgeStore write the document's generation is another one,
-- and the chunks written here would otherwise be invisible). It deletes every generation first.
CREATE OR REPLACE FUNCTION replace_document_chunks(document jsonb)
RETURNS TABLE (document_id uuid, created boolean)
LANGUAGE plpgsql
AS $function$
DECLARE
  written_id uuid;
  was_inserted boolean;
BEGIN
  INSERT INTO documents AS stored (source_key, filename, title, file_type, agent_owner, tags, category, priority, content_hash, uploaded_by, updated_at)
  VALUES (
    document->>'source_key', document->>'source_key', document->>'title', document->>'file_type', document->>'agent_owner',
    coalesce(ARRAY(SELECT jsonb_array_elements_text(coalesce(document->'tags', '[]'::jsonb))), '{}'::text[]),
    document->>'category', coalesce((document->>'priority')::integer, 1), document->>'content_hash', 'ingest', now()
  )
  ON CONFLICT (source_key) DO UPDATE
    SET filename = EXCLUDED.filename, title = EXCLUDED.title, file_type = EXCLUDED.file_type,
        agent_owner = EXCLUDED.agent_owner, tags = EXCLUDED.tags, category = EXCLUDED.category,
        priority = EXCLUDED.priority, content_hash = EXCLUDED.content_hash, chunk_generation = 0, updated_at = now()
  RETURNING stored.id, (stored.xmax = 0) INTO written_id, was_inserted;

  DELETE FROM document_chunks chunk WHERE chunk.document_id = written_id;
  INSERT INTO document_chunks (document_id, chunk_index, section, content, embedding, embedding_model, agent_owner, generation)
  SELECT written_id, (chunk->>'chunk_index')::integer, chunk->>'section', chunk->>'content',
         (chunk->>'embedding')::vector, chunk->>'embedding_model', document->>'agent_owner', 0
  FROM jsonb_array_elements(coalesce(document->'chunks', '[]'::jsonb)) AS chunk;

  RETURN QUERY SELECT written_id, was_inserted;
END
$function$;

-- match_documents_for_agent (0006's): only the chunks of each document's current generation.
CREATE OR REPLACE FUNCTION match_documents_for_agent(
  query_embedding vector(1536),
  match_threshold double precision,
  match_count integer,
  agent_filter text
)
RETURNS TABLE (id uuid, content text, similarity double precision, filename text, agent_owner text)
LANGUAGE sql STABLE
AS $function$
  SELECT chunk.id,
         chunk.content,
         1 - (chunk.embedding <=> query_embedding) AS similarity,
         document.filename,
         chunk.agent_owner
  FROM document_chunks chunk
  JOIN documents document ON document.id = chunk.document_id AND document.chunk_generation = chunk.generation
  WHERE chunk.embedding IS NOT NULL
    AND chunk.agent_owner IN (agent_filter, 'shared')
    AND (chunk.embedding <=> query_embedding) <> 'NaN'::float8
    AND 1 - (chunk.embedding <=> query_embedding) >= match_threshold
  ORDER BY chunk.embedding <=> query_embedding, chunk.id
  LIMIT match_count
$function$;
