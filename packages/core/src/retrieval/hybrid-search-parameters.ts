import {
  OTHER_AGENT_DOCUMENT_WEIGHT,
  type KnowledgeSearchQuery,
} from '../capabilities/capabilities.ts';
import { toVectorLiteral } from '../database/vector-literal.ts';
import { ValidationError } from '../errors/app-error.ts';
import { contentWords } from '../french-text/french-text.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * The settings and the parameters of the hybrid search statement (hybrid-search-sql.ts), shared
 * by the direct Postgres retriever (positional parameters) and Supabase mode (the named
 * arguments of the `hybrid_search_chunks` RPC, migration 0012), so both search alike.
 */

export interface HybridRetrieverOptions {
  /** RRF constant: 60 is the value of the original paper and of most engines. */
  rrfK?: number;
  /** Candidates fetched per side = max(limit × candidateMultiplier, minCandidatesPerSide). */
  candidateMultiplier?: number;
  minCandidatesPerSide?: number;
  /** Most candidates per side, whatever the limit. */
  maxCandidatesPerSide?: number;
  vectorWeight?: number;
  textWeight?: number;
  /**
   * Multiplies the fused score of the other agent's documents (0..1): the chosen agent's and
   * shared documents are preferred, the others are never excluded (a misrouted question still
   * finds its document; a question crossing both fields gets both). 1 = no preference.
   */
  otherAgentWeight?: number;
  /**
   * hnsw.ef_search set on each connection (1..1000). The iterative scan goes on past it when
   * the agent filter or the candidate count needs more.
   */
  efSearch?: number;
  /**
   * random_page_cost set on each connection. With Postgres' default (4, spinning disks) the
   * planner prices the HNSW scan above a sequential scan + sort of every chunk and never uses the
   * index (measured on PGlite at 10,000 chunks: 50 ms exact vs 5 ms HNSW); 1.1 is the usual value
   * for SSDs and in-memory databases (Supabase's default too).
   */
  randomPageCost?: number;
  logger?: Logger;
}

export const HYBRID_RETRIEVER_DEFAULTS = {
  rrfK: 60,
  candidateMultiplier: 2,
  minCandidatesPerSide: 40,
  maxCandidatesPerSide: 200,
  vectorWeight: 1,
  textWeight: 1,
  otherAgentWeight: OTHER_AGENT_DOCUMENT_WEIGHT,
  efSearch: 100,
  randomPageCost: 1.1,
} as const;

export type HybridSearchSettings = Required<Omit<HybridRetrieverOptions, 'logger'>>;

export function hybridSearchSettings(options: Omit<HybridRetrieverOptions, 'logger'> = {}): HybridSearchSettings {
  const settings: HybridSearchSettings = { ...HYBRID_RETRIEVER_DEFAULTS, ...stripUndefined(options) };
  if (!(settings.rrfK > 0)) throw new RangeError('rrfK must be positive');
  if (!(Number.isFinite(settings.randomPageCost) && settings.randomPageCost > 0)) {
    throw new RangeError('randomPageCost must be a positive number');
  }
  if (!(settings.otherAgentWeight >= 0 && settings.otherAgentWeight <= 1)) {
    throw new RangeError('otherAgentWeight must be between 0 and 1');
  }
  if (settings.vectorWeight < 0 || settings.textWeight < 0 || settings.vectorWeight + settings.textWeight <= 0) {
    throw new RangeError('vectorWeight and textWeight must be non-negative and not both zero');
  }
  return settings;
}

/** Candidates fetched per side for a given limit. */
export function candidatesPerSide(settings: HybridSearchSettings, limit: number): number {
  const { candidateMultiplier, minCandidatesPerSide, maxCandidatesPerSide } = settings;
  return Math.min(maxCandidatesPerSide, Math.max(Math.ceil(limit * candidateMultiplier), minCandidatesPerSide, limit));
}

/** Query words for the full-text side: folded, elisions dropped, French stop words removed, deduplicated. */
export function fullTextQueryWords(text: string): string[] {
  return [...new Set(contentWords(text))].slice(0, 64);
}

/**
 * The statement's parameters by name, in the order of $1..$12 (also the argument names of the
 * `hybrid_search_chunks` SQL function).
 */
export function hybridSearchArguments(query: KnowledgeSearchQuery, settings: HybridSearchSettings) {
  if (query.embedding.length === 0) throw new ValidationError('query embedding is empty');
  const limit = Math.floor(query.limit);
  const perSide = candidatesPerSide(settings, limit);
  return {
    query_embedding: toVectorLiteral(query.embedding),
    embedding_model: query.embeddingModel,
    agent: query.agent,
    vector_candidates: perSide,
    min_similarity: query.minSimilarity,
    query_words: fullTextQueryWords(query.text),
    text_candidates: perSide,
    rrf_k: settings.rrfK,
    vector_weight: settings.vectorWeight,
    text_weight: settings.textWeight,
    result_count: limit,
    other_agent_weight: settings.otherAgentWeight,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
