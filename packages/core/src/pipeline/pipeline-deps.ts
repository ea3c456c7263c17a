import type { Answerer, ConversationStore, Embedder, KnowledgeRetriever, Reranker, Router } from '../capabilities/capabilities.ts';
import type { EscalationRecorder } from '../escalation/escalation-desk.ts';
import type { Logger } from '../logging/logger.ts';
import type { RetrievalSettings } from '../retrieval/retrieval-settings.ts';

export interface ChatPipelineSettings extends RetrievalSettings {
  historyMessages: number;
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
