import type { AppConfig } from '../config/config.ts';
import { HASHING_EMBEDDER_MODEL, localSimilarityFloor } from '../local/hashing-embedder.ts';

/** How many candidates retrieval asks for, how many the reranker keeps, and the similarity floors. */
export interface RetrievalSettings {
  initialResults: number;
  rerankTopN: number;
  /** Minimum cosine similarity for live embeddings (RAG_SIMILARITY_THRESHOLD). */
  similarityThreshold: number;
  /** Minimum cosine similarity for the local hashing embedder (default localSimilarityFloor). */
  localSimilarityThreshold?: number;
}

/** The retrieval settings of the worker's pipeline, from the configuration (today's RAG_* names). */
export function retrievalSettingsOf(
  config: Pick<AppConfig, 'RAG_INITIAL_RESULTS' | 'RAG_RERANK_TOP_N' | 'RAG_SIMILARITY_THRESHOLD'>,
): Pick<RetrievalSettings, 'initialResults' | 'rerankTopN' | 'similarityThreshold'> {
  return {
    initialResults: config.RAG_INITIAL_RESULTS,
    rerankTopN: config.RAG_RERANK_TOP_N,
    similarityThreshold: config.RAG_SIMILARITY_THRESHOLD,
  };
}

/**
 * The similarity floor for a query embedded by `embeddingModel`: the local hashing embedder's cosine
 * scale is lower than a live model's, so it has its own floor.
 */
export function minimumSimilarityFor(
  embeddingModel: string,
  settings: Pick<RetrievalSettings, 'similarityThreshold' | 'localSimilarityThreshold'>,
): number {
  return embeddingModel === HASHING_EMBEDDER_MODEL
    ? (settings.localSimilarityThreshold ?? localSimilarityFloor)
    : settings.similarityThreshold;
}
