import { zeroUsage, type EmbeddingResult, type HistoryMessage, type RouteDecision } from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { searchTextOf } from '../agents/follow-up-question.ts';
import { searchTextAfterAnExpertPick } from '../local/reply-to-the-last-turn.ts';
import { detectPromptInjection } from '../agents/prompt-injection-guard.ts';
import type { Logger } from '../logging/logger.ts';
import { PERSONA_REPLY_MODEL, type ChatPipelineDeps } from './pipeline-deps.ts';
import { elapsedSince } from './turn-reply.ts';
import { queryTextForModel } from '../retrieval/query-text.ts';

/** The decision for one message, the query embedding under way, and how long routing took. */
export interface RoutedTurn {
  decision: RouteDecision;
  /** What the knowledge base is searched with: the message, or for a follow-up naming no topic the questions it follows and it. */
  searchText: string;
  embedding: Promise<EmbeddingResult> | null;
  routeMs: number;
}

function lastAgentOf(history: readonly HistoryMessage[]): AgentName | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const agent = history[index]!.agent;
    if (history[index]!.role === 'assistant' && (agent === 'audrey' || agent === 'carole')) return agent;
  }
  return null;
}

/**
 * Decides what to do with the message. A request to reveal the instructions is refused before any
 * routing or model call (in the voice of the conversation's last agent). Otherwise the router and the
 * query embedding run concurrently: the embedding never waits for the router, and is simply unused
 * when the decision needs no retrieval.
 */
export async function routeTurn(
  deps: Pick<ChatPipelineDeps, 'router' | 'embedder'>,
  input: { message: string; history: HistoryMessage[] },
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<RoutedTurn> {
  if (detectPromptInjection(input.message) === 'prompt_extraction') {
    const agent = lastAgentOf(input.history) ?? 'audrey';
    log.warn({ agent }, 'visitor asked for the instructions: polite refusal');
    const decision: RouteDecision = {
      kind: 'refuse_instructions',
      agent,
      confidence: 1,
      reasoning: 'Demande de révéler les instructions : refus poli.',
      method: 'local',
      usage: zeroUsage(),
      model: PERSONA_REPLY_MODEL,
    };
    return { decision, searchText: input.message, embedding: null, routeMs: 0 };
  }
  const routeStarted = performance.now();
  const routing = deps.router.route({ message: input.message, history: input.history }, signal);
  // "tu peux me donner un exemple ?" is searched after the questions it follows (agents/follow-up-question.ts).
  // "la deuxième" in answer to the clarifying question: the question asked before it (local/reply-to-the-last-turn.ts).
  const searchText = searchTextAfterAnExpertPick(input.message, input.history, searchTextOf(input.message, input.history));
  const embedding = deps.embedder.embed([queryTextForModel(deps.embedder.model, searchText)], signal);
  embedding.catch(() => undefined); // awaited by the writer that needs it; never an unhandled rejection
  const decision = await routing;
  return { decision, searchText, embedding, routeMs: elapsedSince(routeStarted) };
}
