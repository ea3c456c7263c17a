-- 0014_hybrid_search_chunk_index: hybrid_search_chunks (0012) also returns each chunk's
-- chunk_index, its place in its document, so that an answer quoting several chunks of one
-- document quotes them in the document's order. Same parameters, same rows, same order; one more
-- column. Its body is the text of `hybridSearchSql` (packages/core/src/retrieval/
-- hybrid-search-sql.ts); a test keeps the two identical.
-- Idempotent: every overload of the name is dropped, then re-created.
-- @drop-function-overloads: hybrid_search_chunks

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
  score double precision, similarity double precision, vector_rank bigint, text_score real, text_rank bigint,
  chunk_index integer
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
       fused.rrf_score * scoped.owner_weight AS score, fused.similarity, fused.vector_rank, fused.text_score, fused.text_rank,
       chunk.chunk_index
FROM fused
JOIN document_chunks chunk ON chunk.id = fused.id
JOIN documents document ON document.id = chunk.document_id
JOIN scoped_documents scoped ON scoped.id = chunk.document_id
ORDER BY score DESC, least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)), chunk.id
LIMIT $11
$function$;
