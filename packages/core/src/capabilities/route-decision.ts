import type { RouteTarget } from '../contract/chat-schemas.ts';
import type { CallUsage, HistoryMessage } from './capabilities.ts';

/** Why a person must take over, as the routers tell it. */
export type EscalationCategory = 'human' | 'billing' | 'complaint' | 'account' | 'personal_data' | 'legal' | 'out_of_scope';

export interface RouteInput {
  message: string;
  history: HistoryMessage[];
  /** The query embedding, when already computed (the router may use it). */
  queryEmbedding?: number[];
}

export interface RouteDecision {
  agent: RouteTarget;
  confidence: number;
  reasoning: string;
  method: 'local' | 'llm' | 'context' | 'fallback';
  usage: CallUsage;
  model: string;
}

export interface Router {
  route(input: RouteInput, signal?: AbortSignal): Promise<RouteDecision>;
}
