import type { AgentName, RouteTarget } from '../contract/chat-schemas.ts';
import type { CallUsage, HistoryMessage } from './capabilities.ts';
import type { ProviderAttempt } from './provider-attempt.ts';

/** Why a person must take over, as the routers tell it. */
export type EscalationCategory = 'human' | 'billing' | 'complaint' | 'account' | 'personal_data' | 'legal' | 'out_of_scope';

/** When a message raises several reasons, the most pressing one names the case and opens the reply. */
export const ESCALATION_CATEGORY_PRIORITY: readonly EscalationCategory[] = [
  'personal_data',
  'account',
  'billing',
  'complaint',
  'legal',
  'out_of_scope',
  'human',
];

export function mostPressingCategory(categories: readonly EscalationCategory[]): EscalationCategory {
  return ESCALATION_CATEGORY_PRIORITY.find((category) => categories.includes(category)) ?? 'human';
}

export interface RouteInput {
  message: string;
  history: HistoryMessage[];
  /** The query embedding, when already computed (the router may use it). */
  queryEmbedding?: number[];
}

/** How a decision was reached: keywords, a model, the conversation's context, or the local router after a model failed. */
export type RoutingMethod = 'local' | 'llm' | 'context' | 'fallback';

/** What every decision carries besides its kind: for people (`reasoning`), reports and cost. */
export interface RouteDecisionFacts {
  confidence: number;
  /** Why, in words, for people (logs, the job result). Never parsed. */
  reasoning: string;
  method: RoutingMethod;
  usage: CallUsage;
  model: string;
  /** Provider attempts behind a live decision (absent or empty for local ones). */
  attempts?: ProviderAttempt[];
}

/** One of the experts answers from the knowledge base. */
export interface AnswerDecision extends RouteDecisionFacts {
  kind: 'answer';
  agent: AgentName;
}

/** Too vague to route: `agent` asks a clarifying question (no retrieval, no escalation). */
export interface ClarifyDecision extends RouteDecisionFacts {
  kind: 'clarify';
  agent: AgentName;
}

/** A person must take over: a case is opened and the visitor gets the escalation reply. */
export interface EscalateDecision extends RouteDecisionFacts {
  kind: 'escalate';
  agent: 'escalate';
  category: EscalationCategory;
}

/** A follow-up ("merci", "ok") of a conversation already handed to a person: acknowledged, no second case. */
export interface AcknowledgeHandoverDecision extends RouteDecisionFacts {
  kind: 'acknowledge_handover';
  agent: 'escalate';
}

/** A request to reveal the instructions: `agent` declines politely, nothing reaches a model. */
export interface RefuseInstructionsDecision extends RouteDecisionFacts {
  kind: 'refuse_instructions';
  agent: AgentName;
}

/**
 * What a router decides for one message (local keyword router, LLM router, their fallback and the
 * local-first policy all return it; the pipeline's prompt-extraction guard adds `refuse_instructions`).
 * `agent` is the route target the decision stores and reports (`escalate` for a person).
 */
export type RouteDecision =
  | AnswerDecision
  | ClarifyDecision
  | EscalateDecision
  | AcknowledgeHandoverDecision
  | RefuseInstructionsDecision;

export type RouteDecisionKind = RouteDecision['kind'];

/** Whether the decision leaves the conversation with the team (stored as agent `escalate`). */
export const isWithTheTeam = (decision: RouteDecision): decision is EscalateDecision | AcknowledgeHandoverDecision =>
  decision.agent === 'escalate';

/** The decision a router builds for a route target, when it has nothing more specific to say. */
export function routeTargetDecision(
  target: RouteTarget,
  facts: RouteDecisionFacts,
  escalationCategory: EscalationCategory = 'human',
): AnswerDecision | EscalateDecision {
  return target === 'escalate'
    ? { kind: 'escalate', agent: 'escalate', category: escalationCategory, ...facts }
    : { kind: 'answer', agent: target, ...facts };
}

export interface Router {
  route(input: RouteInput, signal?: AbortSignal): Promise<RouteDecision>;
}
