import type { RedisClient } from '../redis/redis-connection.ts';
import type { ConversationStore, StoredExchange } from '../capabilities/capabilities.ts';
import { chatResultSchema, type ChatJobView, type ChatResult } from '../contract/chat-schemas.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { ChatQueue } from './chat-queue.ts';
import { ConversationOrder } from './conversation-order.ts';
import { visitorErrorOf } from './job-failure.ts';

/** Reads the `partial_reply` the worker streams into job progress. */
export function partialReplyOf(progress: unknown): string | undefined {
  if (typeof progress !== 'object' || progress === null) return undefined;
  const partial = (progress as { partial_reply?: unknown }).partial_reply;
  return typeof partial === 'string' ? partial : undefined;
}

/**
 * The view of a completed job from its result alone, e.g. the one its `completed` event carries:
 * no Redis read needed. Null when the value is not a valid result (then read the job: getJobView).
 */
export function completedJobViewOf(jobId: string, returnValue: unknown): ChatJobView | null {
  const parsed = chatResultSchema.safeParse(returnValue);
  if (!parsed.success) return null;
  return { job_id: jobId, conversation_id: parsed.data.conversation_id, status: 'completed', result: parsed.data };
}

/**
 * The API's view of one chat job (contract/chat-schemas.ts ChatJobView), from BullMQ and our
 * per-conversation ORDER; falls back to the conversation store when the job left Redis.
 */
export class ChatJobReader {
  private readonly queue: ChatQueue;
  private readonly order: ConversationOrder;
  private readonly conversations: Pick<ConversationStore, 'findExchangeByJobId'> | undefined;

  constructor(deps: {
    queue: ChatQueue;
    redis: RedisClient;
    keys: RedisKeys;
    conversations?: Pick<ConversationStore, 'findExchangeByJobId'>;
  }) {
    this.queue = deps.queue;
    this.order = new ConversationOrder(deps.redis, deps.keys);
    this.conversations = deps.conversations;
  }

  async getJobView(jobId: string): Promise<ChatJobView | null> {
    // State FIRST, then the job's data: a job that finishes between the two reads then shows its
    // final data with its final state (read the other way round, a job completing in between looked
    // 'completed' without a result yet and was reported failed). A job still running at the first
    // read may have moved on by the second: the view is then merely one step behind, never wrong.
    // Both commands leave together on the same connection, so Redis runs them in that order (state,
    // then data) at the cost of one round trip.
    const [state, job] = await Promise.all([this.queue.getJobState(jobId), this.queue.getJob(jobId)]);
    if (state === 'unknown' || !job) return this.viewFromStore(jobId);
    const conversationId = String((job.data as { conversation_id?: unknown } | undefined)?.conversation_id ?? '');
    const partialReply = partialReplyOf(job.progress);

    if (state === 'completed') {
      const parsed = chatResultSchema.safeParse(job.returnvalue);
      if (parsed.success) return { job_id: jobId, conversation_id: conversationId, status: 'completed', result: parsed.data };
      return {
        job_id: jobId,
        conversation_id: conversationId,
        status: 'failed',
        error: visitorErrorOf('[processing_failed] result does not match chatResultSchema'),
      };
    }
    if (state === 'failed') {
      // A stream that broke after its first token fails the job: the text the visitor already saw stays.
      return {
        job_id: jobId,
        conversation_id: conversationId,
        status: 'failed',
        error: visitorErrorOf(job.failedReason),
        ...(partialReply !== undefined ? { partial_reply: partialReply } : {}),
      };
    }

    // waiting, delayed, prioritized, waiting-children, active. A job BullMQ shows as active but that
    // is not the head of its conversation is only being sent back to wait: it is queued.
    const position = conversationId ? await this.order.positionOf(conversationId, jobId) : null;
    if (state === 'active' && (position === null || position === 0)) {
      return {
        job_id: jobId,
        conversation_id: conversationId,
        status: 'active',
        ...(partialReply !== undefined ? { partial_reply: partialReply } : {}),
      };
    }
    return {
      job_id: jobId,
      conversation_id: conversationId,
      status: 'queued',
      ...(position !== null ? { position } : {}),
      ...(partialReply !== undefined ? { partial_reply: partialReply } : {}),
    };
  }

  /**
   * A job past its Redis retention: the stored exchange still answers. The store keeps the reply,
   * not the whole result, so the rebuilt result carries the reply and neutral values elsewhere.
   */
  private async viewFromStore(jobId: string): Promise<ChatJobView | null> {
    if (!this.conversations) return null;
    const exchange = await this.conversations.findExchangeByJobId(jobId);
    if (!exchange) return null;
    const conversationId = conversationIdOf(exchange);
    const result: ChatResult = {
      job_id: jobId,
      conversation_id: conversationId,
      message: exchange.assistantMessage,
      agent: exchange.agent,
      confidence: 0,
      reasoning: 'restored from the conversation store (job no longer in the queue)',
      timestamp: exchange.answeredAt,
      escalated: exchange.agent === 'escalate',
      sources: [],
      model: 'unknown',
      usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
      timings_ms: { route: 0, retrieve: 0, rerank: 0, generate: 0, total: 0 },
      routing: { method: 'fallback', confidence: 0, latency_ms: 0 },
      offline: false,
    };
    return { job_id: jobId, conversation_id: conversationId, status: 'completed', result };
  }
}

/** StoredExchange does not name its conversation in the shared contract; stores that return it are used. */
function conversationIdOf(exchange: StoredExchange): string {
  const candidate = (exchange as StoredExchange & { conversationId?: unknown }).conversationId;
  return typeof candidate === 'string' ? candidate : '';
}
