import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, type ChatPipeline, type ChatResult, type ConversationStore } from '@lac/core';

/** A message containing this marker fails at once (non-retryable). */
export const FAIL_MARKER = '[echec]';
/** A message containing this marker writes its answer slowly (SSE and long-poll tests). */
export const SLOW_MARKER = '[lent]';

/** The deterministic answer of the test pipeline: it quotes the visitor's message verbatim. */
export function scriptedReplyFor(message: string): string {
  return `Réponse de test : « ${message} » — bonne journée 🌸`;
}

function chunksOf(text: string, count: number): string[] {
  const characters = Array.from(text);
  const size = Math.ceil(characters.length / count);
  const chunks: string[] = [];
  for (let index = 0; index < characters.length; index += size) chunks.push(characters.slice(index, index + size).join(''));
  return chunks;
}

/**
 * A small deterministic ChatPipeline for HTTP-level tests (the real pipeline is tested end to
 * end elsewhere): streams a quoted reply in chunks, persists the exchange in the real
 * ConversationStore (idempotent by job id, a re-run returns the stored reply), honours the
 * deadline signal, and fails on demand.
 */
export function createScriptedTestPipeline(options: {
  conversations: ConversationStore;
  chunkDelayMs?: number;
  slowChunkDelayMs?: number;
}): ChatPipeline {
  const { conversations } = options;
  return {
    async run(job, hooks) {
      const startedAt = Date.now();
      const { data } = job;
      const context = await conversations.loadContext(data.conversation_id, job.jobId, 10);
      if (data.message.includes(FAIL_MARKER)) {
        throw new AppError({ message: 'test pipeline failure on request', code: 'test_failure', retryable: false });
      }
      let replyText: string;
      let answeredAt: string;
      if (context.existingReply) {
        replyText = context.existingReply.assistantMessage;
        answeredAt = context.existingReply.answeredAt;
      } else {
        const reply = scriptedReplyFor(data.message);
        const delay = data.message.includes(SLOW_MARKER) ? (options.slowChunkDelayMs ?? 250) : (options.chunkDelayMs ?? 5);
        for (const chunk of chunksOf(reply, 4)) {
          await sleep(delay, undefined, { signal: hooks.signal });
          hooks.onDelta?.(chunk);
        }
        const { stored } = await conversations.persistExchange({
          jobId: job.jobId,
          conversationId: data.conversation_id,
          userId: data.user_id,
          userMessage: data.message,
          userSentAt: data.sent_at,
          assistantMessage: reply,
          agent: 'carole',
          escalated: false,
          confidence: 0.9,
          routingMethod: 'local',
          model: 'test-pipeline',
          sources: [],
          usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
          timings: { route: 0, retrieve: 0, rerank: 0, generate: 0, total: Date.now() - startedAt },
          latencyMs: Date.now() - startedAt,
          answeredAt: new Date().toISOString(),
        });
        replyText = stored.assistantMessage;
        answeredAt = stored.answeredAt;
      }
      const result: ChatResult = {
        job_id: job.jobId,
        conversation_id: data.conversation_id,
        message: replyText,
        agent: 'carole',
        confidence: 0.9,
        reasoning: 'scripted test pipeline',
        timestamp: answeredAt,
        escalated: false,
        sources: [],
        model: 'test-pipeline',
        usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
        timings_ms: { route: 0, retrieve: 0, rerank: 0, generate: 0, total: Date.now() - startedAt },
        routing: { method: 'local', confidence: 0.9, latency_ms: 0 },
        offline: true,
      };
      return result;
    },
  };
}
