import {
  zeroUsage,
  type CallUsage,
  type Embedder,
  type KnowledgeRetriever,
  type Reranker,
  type RetrievedChunk,
} from '../capabilities/capabilities.ts';
import type { ProviderAttempt } from '../capabilities/provider-attempt.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { attemptsOfFailure } from '../providers/resilience/provider-errors.ts';
import { minimumSimilarityFor, type RetrievalSettings } from './retrieval-settings.ts';
import { agentsNamedBy } from '../local/keyword-router.ts';
import { fullTextQueryOf, queryTextForModel } from './query-text.ts';
import { companionChunks, selectSources } from './source-selection.ts';

/**
 * The retrieval stage of a chat job for one agent: embed the message (unless the embedding is
 * given), retrieve `initialResults` candidates with the model's similarity floor, rerank them
 * all and keep the best chunk of each of the best `rerankTopN` documents, the agent's own and
 * shared documents preferred, a document of each agent when the question names both agents'
 * topics (source-selection.ts), with up to COMPANIONS_PER_SOURCE more chunks of each source's
 * document for the answerer; an English question reaches the French-lexical parts with French
 * equivalents (query-text.ts);
 * a rerank failure keeps the retrieval order (docs/properties.md, property 3). The same
 * steps and settings as the worker's pipeline, as one function: the evaluation runs it, and
 * the pipeline can call it too.
 */

export interface RetrievalStageDeps {
  embedder: Embedder;
  retriever: KnowledgeRetriever;
  reranker: Reranker;
  settings: RetrievalSettings;
  onRerankFailure?(error: unknown): void;
}

export interface RetrievalStageResult {
  /** What retrieval handed to the reranker, best first. */
  candidates: RetrievedChunk[];
  /** What the agent sees: the best chunk of at most rerankTopN distinct documents, best first. */
  sources: RetrievedChunk[];
  /** Up to COMPANIONS_PER_SOURCE more chunks of each source's document, best first (AnswerInput `companions`). */
  companions: RetrievedChunk[];
  usage: CallUsage;
  /** Provider attempts of the embedding (when made here) and of the rerank. */
  attempts: ProviderAttempt[];
  timings: { embed: number; retrieve: number; rerank: number };
  rerankFailed: boolean;
}

/** More chunks of each source's document handed to the answerer beside the source (AnswerInput `companions`). */
export const COMPANIONS_PER_SOURCE = 2;

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
  const attempts: ProviderAttempt[] = [];
  const embedStarted = performance.now();
  let embedding = input.embedding;
  if (embedding === undefined) {
    const embedded = await deps.embedder.embed([queryTextForModel(deps.embedder.model, input.message)], signal);
    usage = addUsage(usage, embedded.usage);
    attempts.push(...(embedded.attempts ?? []));
    embedding = embedded.vectors[0];
    if (embedding === undefined) throw new Error(`embedder ${deps.embedder.model} returned no vector for the query`);
  }
  const embed = elapsedSince(embedStarted);
  signal?.throwIfAborted();

  const retrieveStarted = performance.now();
  const candidates = await deps.retriever.search(
    {
      agent: input.agent,
      text: fullTextQueryOf(input.message),
      embedding,
      embeddingModel: deps.embedder.model,
      limit: deps.settings.initialResults,
      minSimilarity: minimumSimilarityFor(deps.embedder.model, deps.settings),
    },
    signal,
  );
  const retrieve = elapsedSince(retrieveStarted);
  signal?.throwIfAborted();

  const rerankStarted = performance.now();
  // A question that names both agents' topics gets a document of each (source-selection.ts).
  const selection = { agent: input.agent, limit: deps.settings.rerankTopN, agentsNamed: agentsNamedBy(input.message) };
  let sources: RetrievedChunk[] = candidates;
  let ranked: RetrievedChunk[] = candidates;
  let rerankFailed = false;
  if (candidates.length > 0) {
    try {
      const reranked = await deps.reranker.rerank(queryTextForModel(deps.reranker.model, input.message), candidates, candidates.length, signal);
      ranked = reranked.chunks;
      sources = selectSources(reranked.chunks, selection);
      usage = addUsage(usage, reranked.usage);
      attempts.push(...(reranked.attempts ?? []));
    } catch (error) {
      if (signal?.aborted) throw error;
      rerankFailed = true;
      attempts.push(...attemptsOfFailure(error));
      deps.onRerankFailure?.(error);
      sources = selectSources(candidates, selection);
    }
  }
  const companions = companionChunks(ranked, sources, COMPANIONS_PER_SOURCE);
  return { candidates, sources, companions, usage, attempts, timings: { embed, retrieve, rerank: elapsedSince(rerankStarted) }, rerankFailed };
}
