import { zeroUsage } from '../capabilities/capabilities.ts';
import { chatResultSchema, type ChatResult, type StageTimings } from '../contract/chat-schemas.ts';
import type { ChatJobData } from '../jobs/job-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import { addUsage, attemptView, resultFromStoredReply, storedModelName } from './chat-result.ts';
import type { ChatPipelineDeps } from './pipeline-deps.ts';
import type { RoutedTurn } from './route-turn.ts';
import { elapsedSince, type TurnReply } from './turn-reply.ts';

export interface TurnRecord {
  jobId: string;
  data: ChatJobData;
  /** performance.now() when the run started. */
  started: number;
  log: Logger;
}

/**
 * Stores the exchange and builds the job's result, whatever the decision was. A hand-over opens its
 * case (one per job id) BEFORE the exchange is stored and is dispatched after, so a crash between the
 * steps loses nothing (the re-run finds the stored reply and dispatches again). persistExchange is the
 * only write of the exchange: if another run stored a reply for this job first, that reply is the result.
 */
export async function persistAndPublish(
  deps: Pick<ChatPipelineDeps, 'conversations' | 'escalations'> & { now(): Date },
  turn: TurnRecord,
  routed: RoutedTurn,
  reply: TurnReply,
): Promise<ChatResult> {
  const { jobId, data, log } = turn;
  const { decision } = routed;
  const usage = [decision.usage, ...reply.usages].reduce(addUsage, zeroUsage());
  const attempts = [...(decision.attempts ?? []), ...reply.attempts];
  const timings: StageTimings = { route: routed.routeMs, ...reply.timings, total: 0 };
  const answeredAt = deps.now();
  const sources = reply.sources.map((chunk) => ({
    document_id: chunk.documentId,
    title: chunk.title,
    chunk_id: chunk.chunkId,
    score: Math.round(chunk.score * 10_000) / 10_000,
  }));
  const escalated = decision.agent === 'escalate';
  const escalation =
    reply.escalation && deps.escalations
      ? await deps.escalations.open({
          conversationId: data.conversation_id,
          jobId,
          userId: data.user_id,
          category: reply.escalation.category,
          reason: decision.reasoning,
          message: data.message,
        })
      : undefined;
  timings.total = elapsedSince(turn.started);
  const persisted = await deps.conversations.persistExchange({
    jobId,
    conversationId: data.conversation_id,
    userId: data.user_id,
    userMessage: data.message,
    userSentAt: data.sent_at,
    assistantMessage: reply.text,
    agent: decision.agent,
    escalated,
    confidence: decision.confidence,
    routingMethod: decision.method,
    model: storedModelName(reply.model, reply.promptVersion),
    sources,
    usage,
    timings: { ...timings },
    latencyMs: Math.max(0, answeredAt.getTime() - Date.parse(data.received_at)),
    answeredAt: answeredAt.toISOString(),
  });
  if (escalation) {
    const outcome = await deps.escalations!.dispatch(escalation.escalation);
    log.info({ escalationId: escalation.escalation.id, created: escalation.created, outcome }, 'conversation handed over to a person');
  }
  if (!persisted.created) {
    log.info('another run stored a reply for this job first: returning it');
    return resultFromStoredReply(jobId, data.conversation_id, persisted.stored, elapsedSince(turn.started));
  }
  timings.total = elapsedSince(turn.started);

  const result = chatResultSchema.parse({
    job_id: jobId,
    conversation_id: data.conversation_id,
    message: persisted.stored.assistantMessage,
    agent: decision.agent,
    confidence: decision.confidence,
    reasoning: decision.reasoning,
    timestamp: persisted.stored.answeredAt,
    escalated,
    sources,
    model: reply.model,
    usage,
    timings_ms: timings,
    routing: { method: decision.method, confidence: decision.confidence, latency_ms: timings.route },
    offline: reply.offline,
    ...(attempts.length > 0 ? { attempts: attempts.map(attemptView) } : {}),
    ...(reply.promptVersion === undefined ? {} : { prompt_version: reply.promptVersion }),
  });
  log.info(
    { agent: result.agent, kind: decision.kind, method: decision.method, sources: sources.length, model: result.model, attempts: attempts.length, timings },
    'chat job answered',
  );
  return result;
}
