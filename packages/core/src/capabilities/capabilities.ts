import type { AgentName, RouteTarget, Source, StageTimings, StoredMessage, Usage } from '../contract/chat-schemas.ts';
import type { ProviderAttempt } from './provider-attempt.ts';
export * from './route-decision.ts';
export * from './provider-attempt.ts';

/**
 * One interface per capability. Local implementations live in `../local/`,
 * vendor implementations in one folder per vendor. Every call takes an
 * AbortSignal: the job's deadline is threaded through it.
 */

export interface CallUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}

export const zeroUsage = (): CallUsage => ({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 });

export interface EmbeddingResult {
  vectors: number[][];
  usage: CallUsage;
  /** Provider attempts behind a live result. */
  attempts?: ProviderAttempt[];
}

export interface Embedder {
  /** Recorded on every chunk; a query only compares vectors of the same model. */
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[], signal?: AbortSignal): Promise<EmbeddingResult>;
}

/** A chunk found by retrieval, before or after reranking. */
export interface RetrievedChunk {
  chunkId: string;
  documentId: string;
  title: string;
  /** Section heading path inside the document, when known. */
  section: string | null;
  content: string;
  agentOwner: 'audrey' | 'carole' | 'shared';
  /** Score of the stage that produced this list (similarity, fused score, rerank relevance). */
  score: number;
  /** The chunk's place in its document (0 first), when the retriever knows it. */
  chunkIndex?: number;
}

export interface RerankResult {
  chunks: RetrievedChunk[];
  usage: CallUsage;
  model: string;
  /** Provider attempts behind a live result. */
  attempts?: ProviderAttempt[];
}

export interface Reranker {
  readonly model: string;
  /** Returns at most `topN` chunks, best first, with `score` set to the rerank relevance. */
  rerank(query: string, chunks: RetrievedChunk[], topN: number, signal?: AbortSignal): Promise<RerankResult>;
}

/** A turn of the conversation as the router and the agents see it. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
  agent: RouteTarget | null;
}

export interface AnswerInput {
  agent: AgentName;
  message: string;
  history: HistoryMessage[];
  sources: RetrievedChunk[];
  /**
   * Other chunks of the sources' documents, best first (source-selection.ts `companionChunks`): an
   * answerer may quote them under their document's citation. The offline answerer does; the live
   * agents' prompt keeps to `sources`.
   */
  companions?: RetrievedChunk[];
  /**
   * Whether a person can answer the visitor in this chat (an operators' inbox is served; decided once per run by the chat
   * pipeline, TurnInput `personCanAnswerHere`). When false, the answer offers no person: the offline answers' notices, the
   * answer with no source, the technical-trouble note and the live agents' prompt say to contact the agency directly
   * (agents/agency-contact.ts). Absent: a person can (as before).
   */
  personCanAnswerHere?: boolean;
}

export interface AnswerOutput {
  text: string;
  model: string;
  usage: CallUsage;
  /** True when written by the offline (local) answerer. */
  offline: boolean;
  /** Provider attempts behind a live answer. */
  attempts?: ProviderAttempt[];
  /** The answer says the knowledge base does not cover the question: it cites none of the sources it was given. */
  citesNoSource?: boolean;
}

export interface AnswerHooks {
  /** Called with each piece of text as it is written (streaming). */
  onDelta?(delta: string): void;
}

export interface Answerer {
  answer(input: AnswerInput, hooks: AnswerHooks, signal?: AbortSignal): Promise<AnswerOutput>;
}

/**
 * Retrieval over the knowledge base for one agent: every document is searched, the agent's own
 * and shared documents preferred; the other agent's count OTHER_AGENT_DOCUMENT_WEIGHT times
 * their relevance (a preference, not a filter: a misrouted question still finds its document,
 * and a question crossing both fields gets both).
 */
export const OTHER_AGENT_DOCUMENT_WEIGHT = 0.85;

export interface KnowledgeSearchQuery {
  agent: AgentName;
  text: string;
  embedding: number[];
  embeddingModel: string;
  limit: number;
  minSimilarity: number;
}

export interface KnowledgeRetriever {
  search(query: KnowledgeSearchQuery, signal?: AbortSignal): Promise<RetrievedChunk[]>;
}

/** What the worker stores for one answered user message, in one idempotent write keyed by job id. */
export interface ChatExchange {
  jobId: string;
  conversationId: string;
  userId: string;
  userMessage: string;
  userSentAt: string;
  assistantMessage: string;
  agent: RouteTarget;
  escalated: boolean;
  confidence: number;
  routingMethod: string;
  model: string;
  sources: Source[];
  usage: Usage;
  timings: StageTimings;
  latencyMs: number;
  answeredAt: string;
}

export interface StoredExchange {
  jobId: string;
  assistantMessageId: string;
  assistantMessage: string;
  agent: RouteTarget;
  answeredAt: string;
  /** How the router decided the stored reply ('local', 'llm', 'context', 'fallback'); null when unknown. */
  routingMethod?: string | null;
}

export interface ConversationContext {
  /** Most recent messages of the conversation, oldest first, excluding this job's own. */
  history: HistoryMessage[];
  /** Set when this job was already answered (a re-run after a crash): reuse it, do not answer twice. */
  existingReply: StoredExchange | null;
}

export interface ConversationStore {
  loadContext(conversationId: string, jobId: string, historyLimit: number): Promise<ConversationContext>;
  /**
   * Stores the user message and the assistant reply (one statement). Idempotent by job id:
   * a second call for the same job stores nothing and returns the first reply.
   */
  persistExchange(exchange: ChatExchange): Promise<{ stored: StoredExchange; created: boolean }>;
  listMessages(conversationId: string, options?: { limit?: number }): Promise<StoredMessage[]>;
  findExchangeByJobId(jobId: string): Promise<StoredExchange | null>;
  ping(): Promise<void>;
}

export type AgentOwner = 'audrey' | 'carole' | 'shared';

/** One document ready to store: chunks already embedded. */
export interface UpsertDocumentOptions {
  /** Aborted while the chunks are written (an interrupted ingestion): the write stops, nothing of it stays. */
  signal?: AbortSignal;
}

export interface DocumentInput {
  /** Stable key of the source (relative path of the file); re-ingesting the same key replaces the document. */
  sourceKey: string;
  title: string;
  fileType: 'markdown' | 'text' | 'html' | 'pdf';
  agentOwner: AgentOwner;
  tags: string[];
  category: string | null;
  priority: number;
  /** sha256 of the raw file bytes: an unchanged file is not re-ingested. */
  contentHash: string;
  embeddingModel: string;
  chunks: Array<{ index: number; section: string | null; content: string; embedding: number[] }>;
  /**
   * Rewrite the document and its chunks even when its content hash and embedding model are the
   * stored ones (`pnpm ingest --force`: after the chunker or the readers changed); status 'updated'.
   */
  force?: boolean;
}

export interface KnowledgeStore extends KnowledgeRetriever {
  /** Content hash of the stored document with this source key, or null. */
  findDocumentHash(sourceKey: string): Promise<string | null>;
  /** Writes the document and replaces its chunks in one transaction. */
  upsertDocument(document: DocumentInput, options?: UpsertDocumentOptions): Promise<{ documentId: string; status: 'created' | 'updated' | 'unchanged' }>;
  countDocuments(): Promise<number>;
}
