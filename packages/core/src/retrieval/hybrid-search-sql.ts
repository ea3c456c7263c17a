import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultMigrationsDirectory } from '../database/migration-files.ts';

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
 * (the chunker leaves the title out of the chunk text; the embedding text has it). Score = the
 * number of the query's distinct lexemes the chunk or its title matches, plus r / (1 + r) (in
 * [0, 1): it only orders chunks matching as many words), r = ts_rank of the chunk (length
 * normalisation 1: divided by 1 + log length) + ts_rank of its document's title as a weight-A
 * vector (computed once per document, not per chunk). ts_rank alone counts every occurrence: a
 * document repeating one query word outranked the one chunk holding two of them.
 *
 * Fusion: score = w_v / (k + rank_v) + w_t / (k + rank_t), divided by its maximum
 * (w_v + w_t) / (k + 1) so that it reads in [0, 1], times the owner's weight. Ties go to the
 * better single-side rank. The first three chunks of each side always come among the `$11`
 * returned (in the place of the lowest fused scores; the order stays by score): chunks found by
 * both sides outscore a chunk found by one only, and a document repeating a query word in many
 * chunks otherwise filled every place before the full text's first chunk (the one holding the
 * question's rare word) reached the reranker.
 *
 * Only the chunks of each document's current generation (`documents.chunk_generation`) are read:
 * a document being replaced has its new chunks staged beside the old ones until one short switch.
 *
 * The statement is written once, as the body of the SQL function `hybrid_search_chunks` of
 * migration 0027 (0020's ranked by distinct query words; 0020 is 0014's with the generation filter,
 * 0014 is 0012's with each chunk's `chunk_index`;
 * Supabase mode calls it as an RPC): it is read from there when this module loads.
 */
export const hybridSearchSql = sqlFunctionBody(
  readFileSync(path.join(defaultMigrationsDirectory, '0027_full_text_distinct_words.sql'), 'utf8'),
  'hybrid_search_chunks',
);

/** The body of `CREATE [OR REPLACE] FUNCTION name(...) ... AS $function$ <body> $function$;` in a migration's SQL. */
export function sqlFunctionBody(sql: string, functionName: string): string {
  const body = new RegExp(`CREATE (?:OR REPLACE )?FUNCTION ${functionName}\\([\\s\\S]*?AS \\$function\\$([\\s\\S]*?)\\$function\\$;`).exec(sql)?.[1];
  if (body === undefined) throw new Error(`no SQL function ${functionName} in the migration`);
  return body;
}
