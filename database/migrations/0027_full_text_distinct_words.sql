-- 0027_full_text_distinct_words: the full-text side ranks first the chunks that match more of the
-- question's distinct words.
--
-- The question's words are OR-ed (a question is not a boolean query) and the chunks were ranked by
-- ts_rank alone, which counts every occurrence: a document repeating one word of the question (186
-- chunks saying "récolte") filled the full-text candidates, and the one chunk holding both
-- "pastèque" and "récolte" was not among them ("Quand récolter la pastèque ?" got a clarifying
-- question). A chunk's full-text score is now the number of the question's distinct lexemes it (or
-- its document's title) matches, plus its former ts_rank score r folded into [0, 1) as r / (1 + r):
-- more distinct words first, ts_rank among chunks matching as many.
-- That chunk, first on the full-text side only, still lost its place among the fused results to
-- twenty chunks of the repeating document that both sides found: the first three chunks of each
-- side now always come among the results returned (in the place of the lowest fused scores; the
-- order stays by fused score), so the reranker sees them. Same parameters and columns as
-- 0020; its body is the text of `hybridSearchSql` (packages/core/src/retrieval/hybrid-search-sql.ts).
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
text_pieces AS MATERIALIZED (
  SELECT DISTINCT piece::tsquery AS piece
  FROM (SELECT plainto_tsquery('french_unaccent', word)::text AS piece FROM unnest($6::text[]) AS word) pieces
  WHERE piece <> ''
),
text_query AS (
  SELECT nullif(string_agg('(' || piece::text || ')', ' | '), '')::tsquery AS terms FROM text_pieces
),
scoped_titles AS MATERIALIZED (
  SELECT scoped.id, scoped.chunk_generation, titled.title_vector,
         coalesce(ts_rank(titled.title_vector, text_query.terms, 1), 0) AS title_score
  FROM scoped_documents scoped
  CROSS JOIN LATERAL (SELECT setweight(to_tsvector('french_unaccent', scoped.title), 'A') AS title_vector) titled
  CROSS JOIN text_query
),
text_matches AS (
  SELECT chunk.id, ts_rank(chunk.content_tsv, text_query.terms, 1) + titles.title_score AS rank_score,
         (SELECT count(*) FROM text_pieces
          WHERE chunk.content_tsv @@ text_pieces.piece OR titles.title_vector @@ text_pieces.piece) AS matched_words
  FROM text_query
  JOIN document_chunks chunk
    ON chunk.content_tsv @@ text_query.terms
    OR chunk.document_id = ANY (ARRAY(SELECT matched.id FROM scoped_titles matched WHERE matched.title_score > 0))
  JOIN scoped_titles titles ON titles.id = chunk.document_id AND titles.chunk_generation = chunk.generation
),
text_candidates AS MATERIALIZED (
  SELECT id, (matched_words + rank_score / (1 + rank_score))::real AS text_score
  FROM text_matches
  ORDER BY text_score DESC, id
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
),
selected AS (
  SELECT fused.*, fused.rrf_score * scoped.owner_weight AS score,
         least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)) AS best_side_rank
  FROM fused
  JOIN document_chunks chunk ON chunk.id = fused.id
  JOIN scoped_documents scoped ON scoped.id = chunk.document_id
  ORDER BY least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)) <= 3 DESC,
           score DESC, best_side_rank, fused.id
  LIMIT $11
)
SELECT chunk.id AS chunk_id, chunk.document_id, scoped.title,
       chunk.section, chunk.content, coalesce(document.agent_owner, 'shared') AS agent_owner,
       selected.score, selected.similarity, selected.vector_rank, selected.text_score, selected.text_rank,
       chunk.chunk_index
FROM selected
JOIN document_chunks chunk ON chunk.id = selected.id
JOIN documents document ON document.id = chunk.document_id AND document.chunk_generation = chunk.generation
JOIN scoped_documents scoped ON scoped.id = chunk.document_id
ORDER BY selected.score DESC, selected.best_side_rank, chunk.id
LIMIT $11
$function$;
