import type { AppConfig } from '../config/config.ts';
import type { ChatPipelineSettings } from '../pipeline/chat-pipeline.ts';

/** The retrieval settings of the worker's pipeline, from the configuration (today's RAG_* names). */
export function retrievalSettingsOf(
  config: Pick<AppConfig, 'RAG_INITIAL_RESULTS' | 'RAG_RERANK_TOP_N' | 'RAG_SIMILARITY_THRESHOLD'>,
): Pick<ChatPipelineSettings, 'initialResults' | 'rerankTopN' | 'similarityThreshold'> {
  return {
    initialResults: config.RAG_INITIAL_RESULTS,
    rerankTopN: config.RAG_RERANK_TOP_N,
    similarityThreshold: config.RAG_SIMILARITY_THRESHOLD,
  };
}
