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
import {
  chatResultSchema,
  type AgentName,
  type ChatResult,
  type ProviderAttemptView,
  type StageTimings,
} from '../contract/chat-schemas.ts';
import { promptVersionOf } from '../agents/agent-prompt-library.ts';
import { windowHistoryByTokens } from '../agents/history-window.ts';
import { clarifyingQuestion, instructionsRefusal, REFUSAL_TAG } from '../agents/persona-replies.ts';
import { detectPromptInjection } from '../agents/prompt-injection-guard.ts';
import type { EscalationRecorder } from '../escalation/escalation-desk.ts';
import type { EscalationCategoryName } from '../escalation/escalation-record.ts';
import { ALREADY_WITH_THE_TEAM_REPLY, escalationCategoryOfReason, escalationReply } from '../agents/escalation-reply.ts';
import { isClarification } from '../local/keyword-router.ts';
import type { ProviderAttempt } from '../providers/resilience/provider-attempt.ts';
import { ProviderStreamBrokenError } from '../providers/resilience/provider-errors.ts';
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
 * - persistExchange is the only write of the exchange; if another run stored a reply
 *   for this job first, that stored reply is the result.
 * - hooks.signal is checked between steps and passed to every call.
 *
 * Orchestrator additions (issue 5):
 * - A visitor asking for the instructions / system prompt gets the persona's polite
 *   refusal, before any routing, retrieval or model call (routing method 'local').
 * - A clarification decision (reasoning tagged by the router, see keyword-router.ts)
 *   gets the persona's clarifying question: no retrieval, not escalated.
 * - An escalation opens its case (escalations table, one per job id) BEFORE the
 *   exchange is stored, then dispatches it to the webhook queue; a re-run that finds
 *   the stored escalation reply dispatches it again (idempotent), so a crash between
 *   the two steps loses nothing.
 * - The agents get the history bounded by `historyTokenBudget` (estimated tokens).
 * - Provider attempts of every live call (router, embedding, rerank, answer) are put on
 *   the result (`attempts`), with the agent prompt version (`prompt_version`); the stored
 *   message's model reads `<model>;prompt=<version>`.
 * - A stream broken after its first token (ProviderStreamBrokenError) fails the job:
 *   it is not retryable, nothing is stored, the partial text already streamed to the
 *   job's progress stays there; no second answer is written.
 */

export interface ChatPipelineSettings {
  historyMessages: number;
  initialResults: number;
  rerankTopN: number;
  /** Minimum cosine similarity for live embeddings (RAG_SIMILARITY_THRESHOLD). */
  similarityThreshold: number;
  /** Minimum cosine similarity for the local hashing embedder (default localSimilarityFloor). */
  localSimilarityThreshold?: number;
  /** Estimated tokens of history given to the agents (HISTORY_TOKEN_BUDGET); unbounded when absent. */
  historyTokenBudget?: number;
}

export interface ChatPipelineDeps {
  embedder: Embedder;
  reranker: Reranker;
  router: Router;
  answerer: Answerer;
  retriever: KnowledgeRetriever;
  conversations: ConversationStore;
  /** Escalation cases and their delivery; without it escalations are only stored as messages. */
  escalations?: EscalationRecorder;
  settings: ChatPipelineSettings;
  logger: Logger;
  now?(): Date;
}

/** Model name recorded for a reply that was already stored by an earlier run of the same job. */
export const STORED_REPLY_MODEL = 'stored-reply';
/** Model name of the fixed persona replies (refusal, clarifying question): no model was called. */
export const PERSONA_REPLY_MODEL = 'persona-reply-v1';

/** The attempts a live capability result carries (see providers/create-capabilities.ts). */
const attemptsOf = (value: unknown): ProviderAttempt[] => {
  const attempts = (value as { attempts?: unknown } | null | undefined)?.attempts;
  return Array.isArray(attempts) ? (attempts as ProviderAttempt[]) : [];
};

export function attemptView(attempt: ProviderAttempt): ProviderAttemptView {
  return {
    provider: attempt.provider,
    role: attempt.role,
    requested_model: attempt.requestedModel,
    served_model: attempt.servedModel,
    status: attempt.status,
    http_status: attempt.httpStatus,
    latency_ms: Math.max(0, Math.round(attempt.latencyMs * 100) / 100),
    attempt: Math.max(1, attempt.attempt),
    cost_usd: Math.max(0, attempt.costUsd),
    ...(attempt.errorCode ? { error_code: attempt.errorCode } : {}),
  };
}

const storedModelName = (model: string, promptVersion: string | undefined) =>
  promptVersion === undefined ? model : `${model};prompt=${promptVersion}`;

/**
 * A message that stays with the team only because the conversation was just handed over (a
 * follow-up with no escalation signal of its own): it is acknowledged, without a second case.
 */
function isFollowUpOfHandover(decision: Pick<RouteDecision, 'agent' | 'method'>): boolean {
  return decision.agent === 'escalate' && decision.method === 'context';
}

function lastAgentOf(history: ReadonlyArray<{ role: string; agent: string | null }>): AgentName | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const agent = history[index]!.agent;
    if (history[index]!.role === 'assistant' && (agent === 'audrey' || agent === 'carole')) return agent;
  }
  return null;
}

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
    if (chunks.length === 0) return { chunks, usage: undefined, attempts: [] as ProviderAttempt[] };
    try {
      const reranked = await deps.reranker.rerank(message, chunks, deps.settings.rerankTopN, signal);
      return { chunks: reranked.chunks, usage: reranked.usage, attempts: attemptsOf(reranked) };
    } catch (error) {
      if (signal?.aborted) throw error;
      logger.warn({ err: error, reranker: deps.reranker.model }, 'rerank failed: keeping the retrieval order');
      return { chunks: chunks.slice(0, deps.settings.rerankTopN), usage: undefined, attempts: attemptsOf(error) };
    }
  }

  /** A re-run of an escalated job: the case may not have reached the queue before the crash. */
  async function redispatchEscalation(jobId: string, log: Logger): Promise<void> {
    if (!deps.escalations) return;
    const outcome = await deps.escalations.dispatchForJob(jobId);
    log.info({ outcome }, 'escalation of a re-run job dispatched again');
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
        if (context.existingReply.agent === 'escalate') await redispatchEscalation(jobId, log);
        return resultFromStoredReply(jobId, data.conversation_id, context.existingReply, elapsedSince(started));
      }
      signal?.throwIfAborted();

      const attempts: ProviderAttempt[] = [];
      const timings: StageTimings = { route: 0, retrieve: 0, rerank: 0, generate: 0, total: 0 };
      let usage: CallUsage = { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 };
      let sources: RetrievedChunk[] = [];
      let answer: AnswerOutput;
      let decision: RouteDecision;
      let promptVersion: string | undefined;

      const streamFixedText = (text: string) => {
        for (const delta of splitIntoDeltas(text)) hooks.onDelta?.(delta);
      };
      const fixedAnswer = (text: string, model: string): AnswerOutput => ({
        text,
        model,
        usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
        offline: false,
      });

      if (detectPromptInjection(data.message) === 'prompt_extraction') {
        // Never sent to a model: the persona declines, whatever the rest of the message says.
        const agent = lastAgentOf(context.history) ?? 'audrey';
        decision = {
          agent,
          confidence: 1,
          reasoning: `${REFUSAL_TAG} Demande de révéler les instructions : refus poli.`,
          method: 'local',
          usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
          model: PERSONA_REPLY_MODEL,
        };
        log.warn({ agent }, 'visitor asked for the instructions: polite refusal');
        const generateStarted = performance.now();
        const text = instructionsRefusal(agent);
        streamFixedText(text);
        answer = fixedAnswer(text, PERSONA_REPLY_MODEL);
        promptVersion = promptVersionOf(agent);
        timings.generate = elapsedSince(generateStarted);
      } else {
        // Route and embed concurrently.
        const routeStarted = performance.now();
        const routing = deps.router.route({ message: data.message, history: context.history }, signal).then((routed) => {
          timings.route = elapsedSince(routeStarted);
          return routed;
        });
        const embedding: Promise<EmbeddingResult> = deps.embedder.embed([data.message], signal);
        embedding.catch(() => undefined); // awaited below when needed; never an unhandled rejection
        decision = await routing;
        attempts.push(...attemptsOf(decision));
        usage = addUsage(usage, decision.usage);
        signal?.throwIfAborted();

        if (decision.agent === 'escalate') {
          const generateStarted = performance.now();
          const text = isFollowUpOfHandover(decision) ? ALREADY_WITH_THE_TEAM_REPLY : escalationReply(decision.reasoning);
          streamFixedText(text);
          answer = fixedAnswer(text, decision.model);
          timings.generate = elapsedSince(generateStarted);
        } else if (isClarification(decision.reasoning)) {
          const generateStarted = performance.now();
          const text = clarifyingQuestion(decision.agent);
          streamFixedText(text);
          answer = fixedAnswer(text, PERSONA_REPLY_MODEL);
          promptVersion = promptVersionOf(decision.agent);
          timings.generate = elapsedSince(generateStarted);
        } else {
          const agent = decision.agent;
          const retrieveStarted = performance.now();
          const embedded = await embedding;
          attempts.push(...attemptsOf(embedded));
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
          attempts.push(...reranked.attempts);
          usage = addUsage(usage, reranked.usage);
          timings.rerank = elapsedSince(rerankStarted);
          signal?.throwIfAborted();

          const history =
            deps.settings.historyTokenBudget === undefined
              ? context.history
              : windowHistoryByTokens(context.history, deps.settings.historyTokenBudget).messages;
          const generateStarted = performance.now();
          try {
            answer = await deps.answerer.answer({ agent, message: data.message, history, sources }, { onDelta: hooks.onDelta }, signal);
          } catch (error) {
            if (error instanceof ProviderStreamBrokenError) {
              // Not retryable (AppError.retryable false): the job fails, the partial text stays on its progress.
              log.error(
                { partialCharacters: error.partialText.length, attempts: error.attempts.map(attemptView) },
                'answer stream broke after its first token: the job fails, no second answer',
              );
            }
            throw error;
          }
          attempts.push(...attemptsOf(answer));
          usage = addUsage(usage, answer.usage);
          promptVersion = promptVersionOf(agent);
          timings.generate = elapsedSince(generateStarted);
        }
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
      // The case first: if the process dies before the exchange is stored, the re-run finds it (same job id).
      const escalation = escalated && deps.escalations && !isFollowUpOfHandover(decision)
        ? await deps.escalations.open({
            conversationId: data.conversation_id,
            jobId,
            userId: data.user_id,
            category: (escalationCategoryOfReason(decision.reasoning) ?? 'other') satisfies EscalationCategoryName,
            reason: decision.reasoning,
            message: data.message,
          })
        : undefined;
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
        model: storedModelName(answer.model, promptVersion),
        sources: resultSources,
        usage,
        timings: { ...timings },
        latencyMs: Math.max(0, answeredAt.getTime() - Date.parse(data.received_at)),
        answeredAt: answeredAt.toISOString(),
      });
      if (escalation) {
        const outcome = await deps.escalations!.dispatch(escalation.escalation);
        log.info({ escalationId: escalation.escalation.id, created: escalation.created, outcome }, 'conversation handed over to a person');
      }
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
        routing: { method: decision.method, confidence: decision.confidence, latency_ms: timings.route },
        offline: answer.offline,
        ...(attempts.length > 0 ? { attempts: attempts.map(attemptView) } : {}),
        ...(promptVersion === undefined ? {} : { prompt_version: promptVersion }),
      });
      log.info(
        { agent: result.agent, method: decision.method, sources: resultSources.length, model: result.model, attempts: attempts.length, timings },
        'chat job answered',
      );
      return result;
    },
  };
}
