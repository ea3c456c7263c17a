import type {
  Answerer,
  AnswerOutput,
  CallUsage,
  ConversationStore,
  Embedder,
  EmbeddingResult,
  KnowledgeRetriever,
  RetrievedChunk,
  Reranker,
  RouteDecision,
  Router,
  StoredExchange,
} from '../capabilities/capabilities.ts';
import { chatResultSchema, type ChatResult, type StageTimings } from '../contract/chat-schemas.ts';
import { escalationReply } from '../local/escalation-reply.ts';
import { splitIntoDeltas } from '../local/extractive-answerer.ts';
import { HASHING_EMBEDDER_MODEL, localSimilarityFloor } from '../local/hashing-embedder.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChatPipeline, ChatPipelineHooks } from './pipeline-contract.ts';

/**
 * route -> retrieve -> rerank -> answer -> persist for one chat job.
 *
 * - loadContext first: when this job was already answered (a re-run after a
 *   crash), the stored reply is returned and nothing is answered twice.
 * - The router and the query embedding run concurrently (the embedding never
 *   waits for the router; it is simply unused when the message escalates).
 * - An escalation gets the fixed French escalation reply, with no retrieval.
 * - Retrieval asks `initialResults` candidates for the chosen agent with a
 *   minimum similarity of `similarityThreshold`, except when the query was
 *   embedded by the local hashing embedder, whose cosine scale is lower: then
 *   `localSimilarityThreshold` (default `localSimilarityFloor`, 0.1) applies.
 * - A rerank failure falls back to the retrieval order (DESIGN.md property 3).
 * - persistExchange is the only write; if another run stored a reply for this
 *   job first, that stored reply is the result.
 * - hooks.signal is checked between steps and passed to every call.
 */

export interface ChatPipelineSettings {
  historyMessages: number;
  initialResults: number;
  rerankTopN: number;
  /** Minimum cosine similarity for live embeddings (RAG_SIMILARITY_THRESHOLD). */
  similarityThreshold: number;
  /** Minimum cosine similarity for the local hashing embedder (default localSimilarityFloor). */
  localSimilarityThreshold?: number;
}

export interface ChatPipelineDeps {
  embedder: Embedder;
  reranker: Reranker;
  router: Router;
  answerer: Answerer;
  retriever: KnowledgeRetriever;
  conversations: ConversationStore;
  settings: ChatPipelineSettings;
  logger: Logger;
  now?(): Date;
}

/** Model name recorded for a reply that was already stored by an earlier run of the same job. */
export const STORED_REPLY_MODEL = 'stored-reply';

const addUsage = (total: CallUsage, usage: CallUsage | undefined): CallUsage =>
  usage === undefined
    ? total
    : {
        prompt_tokens: total.prompt_tokens + Math.max(0, Math.round(usage.prompt_tokens)),
        completion_tokens: total.completion_tokens + Math.max(0, Math.round(usage.completion_tokens)),
        cost_usd: total.cost_usd + Math.max(0, usage.cost_usd),
      };

const elapsedSince = (start: number) => Math.max(0, Math.round((performance.now() - start) * 100) / 100);

export function minimumSimilarityFor(embeddingModel: string, settings: ChatPipelineSettings): number {
  return embeddingModel === HASHING_EMBEDDER_MODEL
    ? (settings.localSimilarityThreshold ?? localSimilarityFloor)
    : settings.similarityThreshold;
}

export function createChatPipeline(deps: ChatPipelineDeps): ChatPipeline {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'chat-pipeline' });

  function resultFromStoredReply(jobId: string, conversationId: string, stored: StoredExchange, totalMs: number): ChatResult {
    return chatResultSchema.parse({
      job_id: jobId,
      conversation_id: conversationId,
      message: stored.assistantMessage,
      agent: stored.agent,
      confidence: 1,
      reasoning: 'Réponse déjà enregistrée pour ce message (reprise après interruption).',
      timestamp: stored.answeredAt,
      escalated: stored.agent === 'escalate',
      sources: [],
      model: STORED_REPLY_MODEL,
      usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
      timings_ms: { route: 0, retrieve: 0, rerank: 0, generate: 0, total: totalMs },
      routing: { method: 'context', confidence: 1, latency_ms: 0 },
      offline: false,
    });
  }

  async function rerankOrKeepOrder(message: string, chunks: RetrievedChunk[], signal: AbortSignal | undefined) {
    if (chunks.length === 0) return { chunks, usage: undefined };
    try {
      const reranked = await deps.reranker.rerank(message, chunks, deps.settings.rerankTopN, signal);
      return { chunks: reranked.chunks, usage: reranked.usage };
    } catch (error) {
      if (signal?.aborted) throw error;
      logger.warn({ err: error, reranker: deps.reranker.model }, 'rerank failed: keeping the retrieval order');
      return { chunks: chunks.slice(0, deps.settings.rerankTopN), usage: undefined };
    }
  }

  return {
    async run(job, hooks: ChatPipelineHooks): Promise<ChatResult> {
      const { signal } = hooks;
      const { jobId, data } = job;
      const started = performance.now();
      const log = logger.child({ jobId, conversationId: data.conversation_id, attempt: job.attempt });
      signal?.throwIfAborted();

      const context = await deps.conversations.loadContext(data.conversation_id, jobId, deps.settings.historyMessages);
      if (context.existingReply !== null) {
        log.info('job already answered: returning the stored reply');
        return resultFromStoredReply(jobId, data.conversation_id, context.existingReply, elapsedSince(started));
      }
      signal?.throwIfAborted();

      // Route and embed concurrently.
      const routeStarted = performance.now();
      let routeLatency = 0;
      const routing = deps.router.route({ message: data.message, history: context.history }, signal).then((decision) => {
        routeLatency = elapsedSince(routeStarted);
        return decision;
      });
      const embedding: Promise<EmbeddingResult> = deps.embedder.embed([data.message], signal);
      embedding.catch(() => undefined); // awaited below when needed; never an unhandled rejection
      const decision: RouteDecision = await routing;
      signal?.throwIfAborted();

      let usage: CallUsage = addUsage({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 }, decision.usage);
      const timings: StageTimings = { route: routeLatency, retrieve: 0, rerank: 0, generate: 0, total: 0 };
      let sources: RetrievedChunk[] = [];
      let answer: AnswerOutput;

      if (decision.agent === 'escalate') {
        const generateStarted = performance.now();
        const text = escalationReply(decision.reasoning);
        for (const delta of splitIntoDeltas(text)) hooks.onDelta?.(delta);
        answer = { text, model: decision.model, usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 }, offline: false };
        timings.generate = elapsedSince(generateStarted);
      } else {
        const agent = decision.agent;
        const retrieveStarted = performance.now();
        const embedded = await embedding;
        usage = addUsage(usage, embedded.usage);
        const queryEmbedding = embedded.vectors[0];
        if (queryEmbedding === undefined) throw new Error(`embedder ${deps.embedder.model} returned no vector for the query`);
        signal?.throwIfAborted();
        const candidates = await deps.retriever.search(
          {
            agent,
            text: data.message,
            embedding: queryEmbedding,
            embeddingModel: deps.embedder.model,
            limit: deps.settings.initialResults,
            minSimilarity: minimumSimilarityFor(deps.embedder.model, deps.settings),
          },
          signal,
        );
        timings.retrieve = elapsedSince(retrieveStarted);
        signal?.throwIfAborted();

        const rerankStarted = performance.now();
        const reranked = await rerankOrKeepOrder(data.message, candidates, signal);
        sources = reranked.chunks;
        usage = addUsage(usage, reranked.usage);
        timings.rerank = elapsedSince(rerankStarted);
        signal?.throwIfAborted();

        const generateStarted = performance.now();
        answer = await deps.answerer.answer(
          { agent, message: data.message, history: context.history, sources },
          { onDelta: hooks.onDelta },
          signal,
        );
        usage = addUsage(usage, answer.usage);
        timings.generate = elapsedSince(generateStarted);
      }
      signal?.throwIfAborted();

      const answeredAt = now();
      const resultSources = sources.map((chunk) => ({
        document_id: chunk.documentId,
        title: chunk.title,
        chunk_id: chunk.chunkId,
        score: Math.round(chunk.score * 10_000) / 10_000,
      }));
      const escalated = decision.agent === 'escalate';
      timings.total = elapsedSince(started);
      const persisted = await deps.conversations.persistExchange({
        jobId,
        conversationId: data.conversation_id,
        userId: data.user_id,
        userMessage: data.message,
        userSentAt: data.sent_at,
        assistantMessage: answer.text,
        agent: decision.agent,
        escalated,
        confidence: decision.confidence,
        routingMethod: decision.method,
        model: answer.model,
        sources: resultSources,
        usage,
        timings: { ...timings },
        latencyMs: Math.max(0, answeredAt.getTime() - Date.parse(data.received_at)),
        answeredAt: answeredAt.toISOString(),
      });
      if (!persisted.created) {
        log.info('another run stored a reply for this job first: returning it');
        return resultFromStoredReply(jobId, data.conversation_id, persisted.stored, elapsedSince(started));
      }
      timings.total = elapsedSince(started);

      const result = chatResultSchema.parse({
        job_id: jobId,
        conversation_id: data.conversation_id,
        message: persisted.stored.assistantMessage,
        agent: decision.agent,
        confidence: decision.confidence,
        reasoning: decision.reasoning,
        timestamp: persisted.stored.answeredAt,
        escalated,
        sources: resultSources,
        model: answer.model,
        usage,
        timings_ms: timings,
        routing: { method: decision.method, confidence: decision.confidence, latency_ms: routeLatency },
        offline: answer.offline,
      });
      log.info(
        { agent: result.agent, method: decision.method, sources: resultSources.length, model: result.model, timings },
        'chat job answered',
      );
      return result;
    },
  };
}
