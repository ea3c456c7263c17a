/**
 * The one statement of hybrid retrieval (one round trip): vector candidates and French
 * full-text candidates over every chunk, fused by weighted reciprocal rank fusion, then
 * weighted by who owns the document: the chosen agent's documents and shared ones keep their
 * score, the other agent's documents are multiplied by $12 (a preference, not a filter, so a
 * misrouted question still finds its document and a question that crosses both fields gets
 * both).
 *
 * Parameters:
 *   $1  query embedding (pgvector text literal)      $2  embedding model of the query
 *   $3  agent ('audrey' | 'carole')                  $4  vector candidates to fetch (over-fetch)
 *   $5  minimum cosine similarity (vector side)      $6  query words (text[], stop words removed)
 *   $7  full-text candidates to fetch                $8  RRF k
 *   $9  vector weight                                $10 full-text weight
 *   $11 number of fused results returned             $12 weight of the other agent's documents (0..1)
 *
 * Vector side: the inner ORDER BY distance LIMIT is the HNSW index scan (no filter but the
 * embedding model). Only vectors of the query's model are compared. The similarity floor
 * applies after ranking, exactly (relaxed order is re-sorted here). A zero query vector (the
 * local embedder's answer to a text of stop words only) has a NaN cosine distance, which
 * Postgres sorts above every number: those rows are dropped, never ranked.
 *
 * Full-text side: each query word becomes `plainto_tsquery('french_unaccent', word)` and the
 * words are OR-ed (a visitor's question is not a boolean query). Chunks match by their
 * `content_tsv` (section weight A, body weight B; GIN index) or by the title of their document
 * (the chunker leaves the title out of the chunk text; the embedding text has it). Score =
 * ts_rank of the chunk (length normalisation 1: divided by 1 + log length) + ts_rank of its
 * document's title as a weight-A vector (computed once per document, not per chunk).
 *
 * Fusion: score = w_v / (k + rank_v) + w_t / (k + rank_t), divided by its maximum
 * (w_v + w_t) / (k + 1) so that it reads in [0, 1], times the owner's weight. Ties go to the
 * better single-side rank.
 *
 * The same text is the body of the SQL function `hybrid_search_chunks` (migration 0012), which
 * Supabase mode calls as an RPC; a test keeps the two identical.
 */
export const hybridSearchSql = `
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
LIMIT $11`;
