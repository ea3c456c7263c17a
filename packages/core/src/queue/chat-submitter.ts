import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.ts';
import type { ChatRequest } from '../contract/chat-schemas.ts';
import { AppError } from '../errors/app-error.ts';
import { parseJobData, type ChatJobData } from '../jobs/job-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { CHAT_JOB_NAME, type ChatQueue } from './chat-queue.ts';
import { ConversationOrder } from './conversation-order.ts';
import { hashChatRequest, IdempotencyStore } from './idempotency.ts';
import { promoteIfDelayed } from './promote-job.ts';
import type { ConversationRateLimiter, RateLimitStatus } from './rate-limiter.ts';

export type SubmitOutcome =
  | {
      kind: 'accepted' | 'replayed';
      jobId: string;
      rateLimit: RateLimitStatus;
      /** Arrival number in the conversation (accepted only). */
      sequence?: number;
    }
  | { kind: 'rate_limited'; rateLimit: RateLimitStatus }
  | { kind: 'idempotency_conflict'; jobId: string };

/** Another request with the same Idempotency-Key is still being submitted (HTTP 409, retry shortly). */
export class IdempotencyInProgressError extends AppError {
  constructor(idempotencyKey: string) {
    super({
      code: 'idempotency_in_progress',
      status: 409,
      retryable: true,
      message: 'Une requête avec la même clé Idempotency-Key est en cours. Réessaie dans un instant.',
      details: { idempotency_key: idempotencyKey },
    });
  }
}

export type ChatSubmitterConfig = Pick<AppConfig, 'IDEMPOTENCY_TTL_SECONDS' | 'STALL_WINDOW_MS'>;

/** How long a duplicate waits for the first request with its key to settle. */
const PENDING_DUPLICATE_WAIT_MS = 5_000;
const PENDING_DUPLICATE_POLL_MS = 20;

/**
 * The API's one entry into the queue: idempotency, then the conversation's rate limit, then the
 * job, enqueued under the per-conversation order (docs/ordering.md).
 */
export class ChatSubmitter {
  private readonly queue: ChatQueue;
  private readonly rateLimiter: ConversationRateLimiter;
  private readonly config: ChatSubmitterConfig;
  private readonly logger: Logger;
  private readonly idempotency: IdempotencyStore;
  private readonly order: ConversationOrder;

  constructor(deps: {
    redis: Redis;
    queue: ChatQueue;
    keys: RedisKeys;
    rateLimiter: ConversationRateLimiter;
    config: ChatSubmitterConfig;
    logger: Logger;
  }) {
    this.queue = deps.queue;
    this.rateLimiter = deps.rateLimiter;
    this.config = deps.config;
    this.logger = deps.logger;
    this.idempotency = new IdempotencyStore(deps.redis, deps.keys, deps.config.IDEMPOTENCY_TTL_SECONDS);
    this.order = new ConversationOrder(deps.redis, deps.keys);
  }

  /** `request` is already validated by chatRequestSchema. */
  async submit(request: ChatRequest, options: { idempotencyKey?: string; requestId: string }): Promise<SubmitOutcome> {
    const jobId = randomUUID();
    const { idempotencyKey } = options;
    if (idempotencyKey === undefined) return this.submitNew(request, jobId, options.requestId, undefined);

    const bodyHash = hashChatRequest(request);
    const deadline = Date.now() + PENDING_DUPLICATE_WAIT_MS;
    for (;;) {
      const reserved = await this.idempotency.reserve(idempotencyKey, bodyHash, jobId);
      if (reserved.kind === 'reserved') {
        return this.submitNew(request, jobId, options.requestId, { key: idempotencyKey, bodyHash });
      }
      const { record } = reserved;
      if (record.bodyHash !== bodyHash) return { kind: 'idempotency_conflict', jobId: record.jobId };
      if (record.state === 'committed') {
        // A replay does not consume the limit.
        return { kind: 'replayed', jobId: record.jobId, rateLimit: await this.rateLimiter.peek(request.conversation_id) };
      }
      // Same body, first request still in flight: wait until it is committed or abandoned.
      if (Date.now() >= deadline) throw new IdempotencyInProgressError(idempotencyKey);
      await sleep(PENDING_DUPLICATE_POLL_MS);
    }
  }

  private async submitNew(
    request: ChatRequest,
    jobId: string,
    requestId: string,
    idempotency: { key: string; bodyHash: string } | undefined,
  ): Promise<SubmitOutcome> {
    let data: ChatJobData;
    let admission: Awaited<ReturnType<ConversationRateLimiter['consumeAndAdmit']>>;
    try {
      const receivedAt = new Date().toISOString();
      data = parseJobData(CHAT_JOB_NAME, {
        conversation_id: request.conversation_id,
        user_id: request.user_id,
        message: request.message.trim(),
        sent_at: request.timestamp ?? receivedAt,
        received_at: receivedAt,
        request_id: requestId.slice(0, 200),
      });
      // One atomic step: the message is counted by the rate limit AND takes its place in the
      // conversation's ORDER (docs/ordering.md).
      admission = await this.rateLimiter.consumeAndAdmit(request.conversation_id, jobId);
    } catch (error) {
      if (idempotency) await this.abandonQuietly(idempotency.key, jobId);
      throw error;
    }
    const { rateLimit, sequence } = admission;
    if (!rateLimit.allowed) {
      if (idempotency) await this.abandonQuietly(idempotency.key, jobId);
      return { kind: 'rate_limited', rateLimit };
    }

    try {
      await this.createJob(jobId, data, admission.position);
    } catch (error) {
      if (await this.jobExists(jobId)) {
        // The job exists and will run: the key must point at it, so a retry with the same key
        // replays this job instead of creating a second one.
        if (idempotency) await this.commitQuietly(idempotency.key, idempotency.bodyHash, jobId);
      } else {
        await this.withdrawQuietly(data.conversation_id, jobId);
        if (idempotency) await this.abandonQuietly(idempotency.key, jobId);
      }
      throw error;
    }
    if (idempotency) await this.idempotency.commit(idempotency.key, idempotency.bodyHash, jobId);
    this.logger.info(
      { jobId, conversationId: request.conversation_id, sequence, requestId, remaining: rateLimit.remaining },
      'chat message accepted',
    );
    return { kind: 'accepted', jobId, rateLimit, sequence };
  }

  /**
   * The job already has its place in ORDER. The head is created waiting (it runs now); a later
   * message is created delayed by the backstop, then checked again: if the messages ahead finished
   * while it was being created (their hand-off found no job to promote), it is promoted now.
   * A crash between admission and creation leaves an id in ORDER with no job: the next message's
   * pickup removes it after a grace period (ConversationGate).
   */
  private async createJob(jobId: string, data: ChatJobData, position: number): Promise<void> {
    if (position === 0) {
      await this.queue.add(CHAT_JOB_NAME, data, { jobId });
      return;
    }
    await this.queue.add(CHAT_JOB_NAME, data, { jobId, delay: this.config.STALL_WINDOW_MS });
    if (await this.order.isHead(data.conversation_id, jobId)) await promoteIfDelayed(this.queue, jobId, this.logger);
  }

  private async withdrawQuietly(conversationId: string, jobId: string): Promise<void> {
    try {
      const head = await this.order.withdraw(conversationId, jobId);
      if (head) await promoteIfDelayed(this.queue, head, this.logger);
    } catch (error) {
      // The id stays in ORDER; the next message's pickup removes it (ConversationGate grace).
      this.logger.warn({ jobId, err: error instanceof Error ? error.message : String(error) }, 'could not withdraw from the conversation order');
    }
  }

  private async jobExists(jobId: string): Promise<boolean> {
    try {
      return (await this.queue.getJobState(jobId)) !== 'unknown';
    } catch {
      return false;
    }
  }

  private async commitQuietly(key: string, bodyHash: string, jobId: string): Promise<void> {
    try {
      await this.idempotency.commit(key, bodyHash, jobId);
    } catch (error) {
      this.logger.warn({ jobId, err: error instanceof Error ? error.message : String(error) }, 'idempotency commit failed');
    }
  }

  private async abandonQuietly(key: string, jobId: string): Promise<void> {
    try {
      await this.idempotency.abandon(key, jobId);
    } catch (error) {
      // The pending reservation expires by itself shortly (PENDING_RESERVATION_TTL_MS).
      this.logger.warn({ jobId, err: error instanceof Error ? error.message : String(error) }, 'idempotency abandon failed');
    }
  }
}
