import type { CallUsage, EmbeddingResult, HistoryMessage, RetrievedChunk } from '../capabilities/capabilities.ts';
import type { ProviderAttempt } from '../capabilities/provider-attempt.ts';
import type { EscalationCategoryName } from '../escalation/escalation-record.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChatPipelineHooks } from './pipeline-contract.ts';

/** What a reply writer gets: the visitor's message, the conversation so far, the query embedding under way. */
export interface TurnInput {
  message: string;
  history: HistoryMessage[];
  /** What the knowledge base is searched with (RoutedTurn.searchText): the message, or a follow-up after the questions it follows. */
  searchText: string;
  /** The query embedding of searchText, started beside the router (null when nothing was routed, e.g. a refused extraction). */
  embedding: Promise<EmbeddingResult> | null;
  hooks: ChatPipelineHooks;
  /**
   * Whether a person can answer in this chat, decided once per run before any reply is written (ChatPipelineHooks
   * `personCanAnswerHereRecently`): the writers pick their variant from it, so the streamed deltas and the stored reply
   * agree. The hand-over reply asks `hooks.personCanAnswerHere` afresh instead (it decides the conversation's state).
   */
  personCanAnswerHere: boolean;
  log: Logger;
}

/** What one decision's reply writer produced, before anything is stored. */
export interface TurnReply {
  text: string;
  /** Model recorded for the reply: the answering model, the router's for a hand-over, persona-reply-v1 for persona replies. */
  model: string;
  offline: boolean;
  /** Version of the agent prompt behind the reply, when an agent spoke. */
  promptVersion?: string;
  sources: RetrievedChunk[];
  /** Usage of the calls made for the reply (embedding, rerank, answer), in call order. */
  usages: CallUsage[];
  attempts: ProviderAttempt[];
  timings: { retrieve: number; rerank: number; generate: number };
  /** Set when the reply hands the conversation to a person: the case to open before the exchange is stored. */
  escalation?: { category: EscalationCategoryName };
}

export const elapsedSince = (start: number) => Math.max(0, Math.round((performance.now() - start) * 100) / 100);
