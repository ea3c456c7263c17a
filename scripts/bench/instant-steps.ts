/**
 * Instant implementations of every pipeline step, injected through the same interfaces the
 * worker uses (Router, Embedder, KnowledgeRetriever, Reranker, Answerer, ConversationStore),
 * so the benchmark measures the queue, ordering and hand-off machinery, not the models.
 * The store keeps exchanges in memory with the same effectively-once rule as the real one
 * (one reply per job id).
 */
import {
  type Answerer,
  type ChatExchange,
  type ConversationContext,
  type ConversationStore,
  type Embedder,
  type KnowledgeRetriever,
  type Reranker,
  type RetrievedChunk,
  type Router,
  type StoredExchange,
  type StoredMessage,
  zeroUsage,
} from '@lac/core';

const instantChunk: RetrievedChunk = {
  chunkId: 'bench-chunk',
  documentId: 'bench-document',
  title: 'Bench',
  section: null,
  content: 'Contenu de test.',
  agentOwner: 'shared',
  score: 1,
};

export const instantEmbedder: Embedder = {
  model: 'bench-instant',
  dimensions: 4,
  async embed(texts) {
    return { vectors: texts.map(() => [1, 0, 0, 0]), usage: zeroUsage() };
  },
};

export const instantRouter: Router = {
  async route() {
    return { kind: 'answer', agent: 'audrey', confidence: 1, reasoning: 'bench', method: 'local', usage: zeroUsage(), model: 'bench-instant' };
  },
};

export const instantRetriever: KnowledgeRetriever = {
  async search() {
    return [instantChunk];
  },
};

export const instantReranker: Reranker = {
  model: 'bench-instant',
  async rerank(_query, chunks, topN) {
    return { chunks: chunks.slice(0, topN), usage: zeroUsage(), model: 'bench-instant' };
  },
};

export const instantAnswerer: Answerer = {
  async answer() {
    return { text: 'Réponse instantanée.', model: 'bench-instant', usage: zeroUsage(), offline: true };
  },
};

export class InMemoryConversationStore implements ConversationStore {
  private readonly exchanges = new Map<string, StoredExchange>();

  async loadContext(_conversationId: string, jobId: string): Promise<ConversationContext> {
    return { history: [], existingReply: this.exchanges.get(jobId) ?? null };
  }

  async persistExchange(exchange: ChatExchange): Promise<{ stored: StoredExchange; created: boolean }> {
    const existing = this.exchanges.get(exchange.jobId);
    if (existing) return { stored: existing, created: false };
    const stored: StoredExchange = {
      jobId: exchange.jobId,
      assistantMessageId: exchange.jobId,
      assistantMessage: exchange.assistantMessage,
      agent: exchange.agent,
      answeredAt: exchange.answeredAt,
    };
    this.exchanges.set(exchange.jobId, stored);
    return { stored, created: true };
  }

  async listMessages(): Promise<StoredMessage[]> {
    return [];
  }

  async findExchangeByJobId(jobId: string): Promise<StoredExchange | null> {
    return this.exchanges.get(jobId) ?? null;
  }

  async ping(): Promise<void> {}
}
