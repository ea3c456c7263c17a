-- 0012_hybrid_search_functions: what Supabase mode calls over REST (PostgREST runs each RPC in
-- one transaction), so that it searches and writes like the direct Postgres connection does.
--
-- hybrid_search_chunks(...): the hybrid retrieval statement (vector + French full text, fused by
--   reciprocal rank fusion, the other agent's documents weighted by other_agent_weight instead of
--   excluded). Its body is the text of `hybridSearchSql` (packages/core/src/retrieval/
--   hybrid-search-sql.ts), parameters in the same order; a test keeps the two identical.
--   Returns one row per chunk, best first.
-- replace_document_chunks(document): upserts a document (on source_key) and replaces its chunks
--   in one transaction: a failure leaves the previous version whole. `document` is a JSON object
--   (source_key, title, file_type, agent_owner, tags, category, priority, content_hash, chunks),
--   `chunks` an array of {chunk_index, section, content, embedding (pgvector text),
--   embedding_model}. Returns the document id and whether it was created.
--
-- match_documents_audrey / _carole (0006) are unchanged: whatever calls them keeps working.
-- Idempotent: every overload of these names is dropped, then re-created.
-- @drop-function-overloads: hybrid_search_chunks, replace_document_chunks

CREATE FUNCTION hybrid_search_chunks(
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
  score double precision, similarity double precision, vector_rank bigint, text_score real, text_rank bigint
)
LANGUAGE sql STABLE
AS $function$
WITH scoped_documents AS MATERIALIZED (
  SELECT document.id, coalesce(document.title, document.filename) AS title,
         CASE WHEN document.agent_owner IN ($3, 'shared') OR document.agent_owner IS NULL THEN 1::float8 ELSE $12::float8 END AS owner_weight
  FROM documents document
),
vector_candidates AS MATERIALIZED (
  SELECT chunk.id, chunk.embedding <=> $1::vector AS distance
  FROM document_chunks chunk
  WHERE chunk.embedding_model = $2
  ORDER BY chunk.embedding <=> $1::vector
  LIMIT $4
),
vector_ranked AS (
  SELECT id, 1 - distance AS similarity, row_number() OVER (ORDER BY distance, id) AS rank
  FROM vector_candidates
  WHERE distance <> 'NaN'::float8 AND 1 - distance >= $5
),
text_query AS (
  SELECT nullif(string_agg('(' || piece || ')', ' | '), '')::tsquery AS terms
  FROM (SELECT plainto_tsquery('french_unaccent', word)::text AS piece FROM unnest($6::text[]) AS word) pieces
  WHERE piece <> ''
),
scoped_titles AS MATERIALIZED (
  SELECT scoped.id, coalesce(ts_rank(setweight(to_tsvector('french_unaccent', scoped.title), 'A'), text_query.terms, 1), 0) AS title_score
  FROM scoped_documents scoped
  CROSS JOIN text_query
),
text_candidates AS MATERIALIZED (
  SELECT chunk.id, ts_rank(chunk.content_tsv, text_query.terms, 1) + titles.title_score AS text_score
  FROM text_query
  JOIN document_chunks chunk
    ON chunk.content_tsv @@ text_query.terms
    OR chunk.document_id = ANY (ARRAY(SELECT matched.id FROM scoped_titles matched WHERE matched.title_score > 0))
  JOIN scoped_titles titles ON titles.id = chunk.document_id
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
       fused.rrf_score * scoped.owner_weight AS score, fused.similarity, fused.vector_rank, fused.text_score, fused.text_rank
FROM fused
JOIN document_chunks chunk ON chunk.id = fused.id
JOIN documents document ON document.id = chunk.document_id
JOIN scoped_documents scoped ON scoped.id = chunk.document_id
ORDER BY score DESC, least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)), chunk.id
LIMIT $11
$function$;

CREATE FUNCTION replace_document_chunks(document jsonb)
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
        priority = EXCLUDED.priority, content_hash = EXCLUDED.content_hash, updated_at = now()
  RETURNING stored.id, (stored.xmax = 0) INTO written_id, was_inserted;

  DELETE FROM document_chunks chunk WHERE chunk.document_id = written_id;
  INSERT INTO document_chunks (document_id, chunk_index, section, content, embedding, embedding_model, agent_owner)
  SELECT written_id, (chunk->>'chunk_index')::integer, chunk->>'section', chunk->>'content',
         (chunk->>'embedding')::vector, chunk->>'embedding_model', document->>'agent_owner'
  FROM jsonb_array_elements(coalesce(document->'chunks', '[]'::jsonb)) AS chunk;

  RETURN QUERY SELECT written_id, was_inserted;
END
$function$;
