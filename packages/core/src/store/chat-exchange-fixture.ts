import { randomUUID } from 'node:crypto';
import type { ChatExchange } from '../capabilities/capabilities.ts';

/**
 * A complete exchange as the worker stores it (a visitor's question, Audrey's local answer, one
 * source), for store tests: give the job and the conversation, override what the test is about.
 */
export function chatExchangeFixture(overrides: Partial<ChatExchange> & Pick<ChatExchange, 'jobId' | 'conversationId'>): ChatExchange {
  return {
    userId: 'visitor-1',
    userMessage: "J'ai une question sur l'email",
    userSentAt: '2026-03-01T10:00:00.000Z',
    assistantMessage: "Voici la réponse d'Audrey.",
    agent: 'audrey',
    escalated: false,
    confidence: 0.9,
    routingMethod: 'local',
    model: 'local-extractive-v1',
    sources: [{ document_id: randomUUID(), title: 'Fiche', chunk_id: randomUUID(), score: 0.5 }],
    usage: { prompt_tokens: 10, completion_tokens: 20, cost_usd: 0.0001 },
    timings: { route: 1, retrieve: 2, rerank: 3, generate: 4, total: 10 },
    latencyMs: 120,
    answeredAt: '2026-03-01T10:00:01.000Z',
    ...overrides,
  };
}
