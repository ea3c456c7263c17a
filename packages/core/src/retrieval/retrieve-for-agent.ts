import {
  zeroUsage,
  type CallUsage,
  type Embedder,
  type KnowledgeRetriever,
  type Reranker,
  type RetrievedChunk,
} from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { minimumSimilarityFor, type ChatPipelineSettings } from '../pipeline/chat-pipeline.ts';
import { selectSources } from './source-selection.ts';

/**
 * The retrieval stage of a chat job for one agent: embed the message (unless the embedding is
 * given), retrieve `initialResults` candidates with the model's similarity floor, rerank them
 * all and keep the best chunk of each of the best `rerankTopN` documents, the agent's own and
 * shared documents preferred (source-selection.ts);
 * a rerank failure keeps the retrieval order (DESIGN.md property 3). The same
 * steps and settings as the worker's pipeline, as one function: the evaluation runs it, and
 * the pipeline can call it too.
 */

export interface RetrievalStageDeps {
  embedder: Embedder;
  retriever: KnowledgeRetriever;
  reranker: Reranker;
  settings: Pick<ChatPipelineSettings, 'initialResults' | 'rerankTopN' | 'similarityThreshold' | 'localSimilarityThreshold'>;
  onRerankFailure?(error: unknown): void;
}

export interface RetrievalStageResult {
  /** What retrieval handed to the reranker, best first. */
  candidates: RetrievedChunk[];
  /** What the agent sees: the best chunk of at most rerankTopN distinct documents, best first. */
  sources: RetrievedChunk[];
  usage: CallUsage;
  timings: { embed: number; retrieve: number; rerank: number };
  rerankFailed: boolean;
}

const elapsedSince = (start: number) => Math.max(0, performance.now() - start);

const addUsage = (total: CallUsage, usage: CallUsage): CallUsage => ({
  prompt_tokens: total.prompt_tokens + usage.prompt_tokens,
  completion_tokens: total.completion_tokens + usage.completion_tokens,
  cost_usd: total.cost_usd + usage.cost_usd,
});

export async function retrieveForAgent(
  deps: RetrievalStageDeps,
  input: { agent: AgentName; message: string; embedding?: number[] },
  signal?: AbortSignal,
): Promise<RetrievalStageResult> {
  let usage = zeroUsage();
  const embedStarted = performance.now();
  let embedding = input.embedding;
  if (embedding === undefined) {
    const embedded = await deps.embedder.embed([input.message], signal);
    usage = addUsage(usage, embedded.usage);
    embedding = embedded.vectors[0];
    if (embedding === undefined) throw new Error(`embedder ${deps.embedder.model} returned no vector for the query`);
  }
  const embed = elapsedSince(embedStarted);
  signal?.throwIfAborted();

  const retrieveStarted = performance.now();
  const candidates = await deps.retriever.search(
    {
      agent: input.agent,
      text: input.message,
      embedding,
      embeddingModel: deps.embedder.model,
      limit: deps.settings.initialResults,
      minSimilarity: minimumSimilarityFor(deps.embedder.model, { historyMessages: 0, ...deps.settings }),
    },
    signal,
  );
  const retrieve = elapsedSince(retrieveStarted);
  signal?.throwIfAborted();

  const rerankStarted = performance.now();
  let sources: RetrievedChunk[] = candidates;
  let rerankFailed = false;
  if (candidates.length > 0) {
    try {
      const reranked = await deps.reranker.rerank(input.message, candidates, candidates.length, signal);
      sources = selectSources(reranked.chunks, { agent: input.agent, limit: deps.settings.rerankTopN });
      usage = addUsage(usage, reranked.usage);
    } catch (error) {
      if (signal?.aborted) throw error;
      rerankFailed = true;
      deps.onRerankFailure?.(error);
      sources = selectSources(candidates, { agent: input.agent, limit: deps.settings.rerankTopN });
    }
  }
  return { candidates, sources, usage, timings: { embed, retrieve, rerank: elapsedSince(rerankStarted) }, rerankFailed };
}
