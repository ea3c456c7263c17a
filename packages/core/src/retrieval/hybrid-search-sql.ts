/**
 * The one statement of hybrid retrieval (one round trip): vector candidates and French
 * full-text candidates among the chunks of documents owned by the agent or shared, fused by
 * weighted reciprocal rank fusion.
 *
 * Parameters:
 *   $1  query embedding (pgvector text literal)      $2  embedding model of the query
 *   $3  agent ('audrey' | 'carole')                  $4  vector candidates to fetch (over-fetch)
 *   $5  minimum cosine similarity (vector side)      $6  query words (text[], stop words removed)
 *   $7  full-text candidates to fetch                $8  RRF k
 *   $9  vector weight                                $10 full-text weight
 *   $11 number of fused results returned
 *
 * Vector side: the inner ORDER BY distance LIMIT is the HNSW index scan; the agent filter is a
 * hashed subplan over `documents`, so with `hnsw.iterative_scan` the scan continues until $4
 * chunks pass it. The owner test is written on the bare column (not coalesce(...)) so that the
 * planner estimates it from the column's statistics: with a coalesce it guessed 0.5 % of the
 * documents and chose an exact scan of their chunks instead of the index. Only vectors of the query's model are compared. The similarity floor applies
 * after ranking, exactly (relaxed order is re-sorted here). A zero query vector (the local
 * embedder's answer to a text of stop words only) has a NaN cosine distance, which Postgres
 * sorts above every number: those rows are dropped, never ranked.
 *
 * Full-text side: each query word becomes `plainto_tsquery('french_unaccent', word)` and the
 * words are OR-ed (a visitor's question is not a boolean query). Chunks match by their
 * `content_tsv` (section weight A, body weight B; GIN index) or by the title of their document
 * (the chunker leaves the title out of the chunk text; the embedding text has it). Score =
 * ts_rank of the chunk (length normalisation 1: divided by 1 + log length) + ts_rank of its
 * document's title as a weight-A vector (computed once per allowed document, not per chunk).
 *
 * Fusion: score = w_v / (k + rank_v) + w_t / (k + rank_t), divided by its maximum
 * (w_v + w_t) / (k + 1) so that it reads in [0, 1]. Ties go to the better single-side rank.
 */
export const hybridSearchSql = `
WITH allowed_documents AS MATERIALIZED (
  SELECT document.id, coalesce(document.title, document.filename) AS title
  FROM documents document
  WHERE document.agent_owner IN ($3, 'shared') OR document.agent_owner IS NULL
),
vector_candidates AS MATERIALIZED (
  SELECT chunk.id, chunk.embedding <=> $1::vector AS distance
  FROM document_chunks chunk
  WHERE chunk.embedding_model = $2
    AND chunk.document_id IN (
      SELECT document.id FROM documents document WHERE document.agent_owner IN ($3, 'shared') OR document.agent_owner IS NULL
    )
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
allowed_titles AS MATERIALIZED (
  SELECT allowed.id, coalesce(ts_rank(setweight(to_tsvector('french_unaccent', allowed.title), 'A'), text_query.terms, 1), 0) AS title_score
  FROM allowed_documents allowed
  CROSS JOIN text_query
),
text_candidates AS MATERIALIZED (
  SELECT chunk.id, ts_rank(chunk.content_tsv, text_query.terms, 1) + titles.title_score AS text_score
  FROM text_query
  JOIN document_chunks chunk
    ON chunk.content_tsv @@ text_query.terms
    OR chunk.document_id = ANY (ARRAY(SELECT matched.id FROM allowed_titles matched WHERE matched.title_score > 0))
  JOIN allowed_titles titles ON titles.id = chunk.document_id
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
           / (($9::float8 + $10::float8) / ($8::float8 + 1)) AS score
  FROM vector_ranked
  FULL OUTER JOIN text_ranked ON text_ranked.id = vector_ranked.id
)
SELECT chunk.id AS chunk_id, chunk.document_id, coalesce(document.title, document.filename) AS title,
       chunk.section, chunk.content, coalesce(document.agent_owner, 'shared') AS agent_owner,
       fused.score, fused.similarity, fused.vector_rank, fused.text_score, fused.text_rank
FROM fused
JOIN document_chunks chunk ON chunk.id = fused.id
JOIN documents document ON document.id = chunk.document_id
ORDER BY fused.score DESC, least(coalesce(fused.vector_rank, 2147483647), coalesce(fused.text_rank, 2147483647)), chunk.id
LIMIT $11`;
