import type { CallUsage, StoredExchange } from '../capabilities/capabilities.ts';
import type { ProviderAttempt } from '../capabilities/provider-attempt.ts';
import { chatResultSchema, type ChatResult, type ProviderAttemptView } from '../contract/chat-schemas.ts';
import { STORED_REPLY_MODEL } from './pipeline-deps.ts';

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

export const addUsage = (total: CallUsage, usage: CallUsage): CallUsage => ({
  prompt_tokens: total.prompt_tokens + Math.max(0, Math.round(usage.prompt_tokens)),
  completion_tokens: total.completion_tokens + Math.max(0, Math.round(usage.completion_tokens)),
  cost_usd: total.cost_usd + Math.max(0, usage.cost_usd),
});

/** The stored message's model: `<model>;prompt=<version>` when an agent prompt was used. */
export const storedModelName = (model: string, promptVersion: string | undefined) =>
  promptVersion === undefined ? model : `${model};prompt=${promptVersion}`;

/** The result of a job whose reply an earlier run already stored (nothing is answered twice). */
export function resultFromStoredReply(jobId: string, conversationId: string, stored: StoredExchange, totalMs: number): ChatResult {
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
    // The stored decision's method: a re-run after a crash must decide the hand-over as the first run
    // would have (a real escalation moves the conversation to a person, a follow-up kept from context does not).
    routing: { method: storedRoutingMethodOf(stored), confidence: 1, latency_ms: 0 },
    offline: false,
  });
}

const ROUTING_METHODS = ['local', 'llm', 'context', 'fallback'] as const;
function storedRoutingMethodOf(stored: StoredExchange): (typeof ROUTING_METHODS)[number] {
  const method = ROUTING_METHODS.find((known) => known === stored.routingMethod);
  return method ?? 'context';
}
