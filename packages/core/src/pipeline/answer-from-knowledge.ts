import type { AnswerDecision } from '../capabilities/capabilities.ts';
import { promptVersionOf } from '../agents/agent-prompt-library.ts';
import { windowHistoryByTokens } from '../agents/history-window.ts';
import { ProviderStreamBrokenError } from '../providers/resilience/provider-errors.ts';
import { retrieveForAgent } from '../retrieval/retrieve-for-agent.ts';
import { attemptView } from './chat-result.ts';
import type { ChatPipelineDeps } from './pipeline-deps.ts';
import { elapsedSince, type TurnInput, type TurnReply } from './turn-reply.ts';
import { queryTextForModel } from '../retrieval/query-text.ts';

const roundMs = (milliseconds: number) => Math.max(0, Math.round(milliseconds * 100) / 100);

/**
 * The expert answers: the query embedding of the search text (started beside the router; a
 * follow-up naming no topic is searched after the questions it follows) → retrieval for the agent →
 * rerank (a failure keeps the retrieval order) → the answer, streamed, from the history within
 * `historyTokenBudget`. A stream broken after its first token fails the job (not retryable): the
 * partial text stays on the job's progress and no second answer is written.
 */
export async function answerFromKnowledge(deps: ChatPipelineDeps, decision: AnswerDecision, turn: TurnInput): Promise<TurnReply> {
  const { agent } = decision;
  const { signal } = turn.hooks;
  const retrieveStarted = performance.now();
  const embedded = await (turn.embedding ?? deps.embedder.embed([queryTextForModel(deps.embedder.model, turn.searchText)], signal));
  const queryEmbedding = embedded.vectors[0];
  if (queryEmbedding === undefined) throw new Error(`embedder ${deps.embedder.model} returned no vector for the query`);
  const embeddingWait = performance.now() - retrieveStarted;
  const retrieval = await retrieveForAgent(
    {
      embedder: deps.embedder,
      retriever: deps.retriever,
      reranker: deps.reranker,
      settings: deps.settings,
      onRerankFailure: (error) => turn.log.warn({ err: error, reranker: deps.reranker.model }, 'rerank failed: keeping the retrieval order'),
    },
    { agent, message: turn.searchText, embedding: queryEmbedding },
    signal,
  );
  signal?.throwIfAborted();

  const history =
    deps.settings.historyTokenBudget === undefined
      ? turn.history
      : windowHistoryByTokens(turn.history, deps.settings.historyTokenBudget).messages;
  const generateStarted = performance.now();
  const sources = retrieval.sources;
  const answer = await deps.answerer
    .answer(
      { agent, message: turn.message, history, sources, companions: retrieval.companions, personCanAnswerHere: turn.personCanAnswerHere },
      { onDelta: turn.hooks.onDelta },
      signal,
    )
    .catch((error: unknown) => {
      if (error instanceof ProviderStreamBrokenError) {
        // Not retryable (AppError.retryable false): the job fails, the partial text stays on its progress.
        turn.log.error(
          { partialCharacters: error.partialText.length, attempts: error.attempts.map(attemptView) },
          'answer stream broke after its first token: the job fails, no second answer',
        );
      }
      throw error;
    });
  return {
    text: answer.text,
    model: answer.model,
    offline: answer.offline,
    promptVersion: promptVersionOf(agent),
    // An answer that says the knowledge base does not cover the question lists no source beside it.
    sources: answer.citesNoSource ? [] : sources,
    usages: [embedded.usage, retrieval.usage, answer.usage],
    attempts: [...(embedded.attempts ?? []), ...retrieval.attempts, ...(answer.attempts ?? [])],
    timings: {
      retrieve: roundMs(embeddingWait + retrieval.timings.embed + retrieval.timings.retrieve),
      rerank: roundMs(retrieval.timings.rerank),
      generate: elapsedSince(generateStarted),
    },
  };
}
