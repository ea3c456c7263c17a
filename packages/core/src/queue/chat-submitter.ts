import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../config/config.ts';
import type { ChatRequest } from '../contract/chat-schemas.ts';
import { redisCommandMayHaveLanded } from '../errors/infrastructure-fault.ts';
import type { StepBudget } from '../errors/request-budget.ts';
import type { ChatJobData } from '../jobs/job-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { CHAT_JOB_NAME, type ChatQueue } from './chat-queue.ts';
import { ConversationAdmission, type AdmissionOutcome } from './conversation-admission.ts';
import { SUSPECT_HEAD_CHECK_DELAY_MS } from './conversation-gate.ts';
import { ConversationOrder } from './conversation-order.ts';
import { hashChatRequest, IdempotencyStore } from './idempotency.ts';
import { JobsCreatedHere } from './jobs-created-here.ts';
import { chatJobExists, promoteIfDelayed } from './promote-job.ts';
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

export interface SubmitOptions {
  idempotencyKey?: string;
  requestId: string;
  budget?: StepBudget;
}

export type ChatSubmitterConfig = Pick<AppConfig, 'IDEMPOTENCY_TTL_SECONDS' | 'STALL_WINDOW_MS'>;

/** How long a failed submit waits for its clean-up (withdraw) before answering; a healthy Redis needs a few ms. */
const FAILED_CREATION_RECOVERY_WAIT_MS = 50;
/** A take-back that fails is tried again after these pauses (about 30 s in all), in the background. */
const WITHDRAW_RETRY_PAUSES_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
type Admitted = Extract<AdmissionOutcome, { kind: 'admitted' }>;

/**
 * The API's one entry into the queue (docs/ordering.md, "Submit"): one atomic admission (the
 * conversation's Idempotency-Key, rate limit and ORDER), then the BullMQ job, then the key's commit.
 */
export class ChatSubmitter {
  private readonly queue: ChatQueue;
  private readonly redis: RedisClient;
  private readonly config: ChatSubmitterConfig;
  private readonly logger: Logger;
  private readonly rateLimiter: ConversationRateLimiter;
  private readonly admission: ConversationAdmission;
  private readonly idempotency: IdempotencyStore;
  private readonly order: ConversationOrder;
  private readonly createdHere = new JobsCreatedHere();

  constructor(deps: {
    redis: RedisClient;
    queue: ChatQueue;
    keys: RedisKeys;
    rateLimiter: ConversationRateLimiter;
    config: ChatSubmitterConfig;
    logger: Logger;
    /** Tests: see SELF_STARTING_BURST_GAP_MS (0: every message behind a queued head is self-starting). */
    selfStartingBurstGapMs?: number;
  }) {
    this.queue = deps.queue;
    this.redis = deps.redis;
    this.config = deps.config;
    this.logger = deps.logger;
    this.rateLimiter = deps.rateLimiter;
    this.admission = new ConversationAdmission(deps.redis, deps.keys, deps.rateLimiter, {
      selfStartingBurstGapMs: deps.selfStartingBurstGapMs,
      pendingReservationTtlMs: deps.config.IDEMPOTENCY_TTL_SECONDS * 1000,
    });
    this.idempotency = new IdempotencyStore(deps.redis, deps.keys, deps.config.IDEMPOTENCY_TTL_SECONDS);
    this.order = new ConversationOrder(deps.redis, deps.keys);
  }

  /**
   * `request` is already validated by chatRequestSchema. `budget`: the request's time budget, checked
   * before the admission and before the job's creation; an admission whose creation is not started
   * is taken back as a failed creation is. Once the job is created the message is accepted, whatever
   * the budget says: a 503 would have the visitor post it again.
   */
  async submit(request: ChatRequest, options: SubmitOptions): Promise<SubmitOutcome> {
    return this.submitOnce(request, options, true);
  }

  /** `mayReadmit`: a stale reservation may be dropped and the message admitted afresh (once). */
  private async submitOnce(request: ChatRequest, options: SubmitOptions, mayReadmit: boolean): Promise<SubmitOutcome> {
    const jobId = randomUUID();
    const receivedAt = new Date().toISOString();
    // Not parsed again with the job catalog: every field comes from the request chatRequestSchema
    // validated (its rules hold for the trimmed message too) or from the server (dates, the request
    // id cut to its limit); the worker parses the stored data on receipt.
    const data: ChatJobData = {
      conversation_id: request.conversation_id,
      user_id: request.user_id,
      message: request.message.trim(),
      // The stored message time is the server's: a visitor's clock ahead or behind would place the
      // message after an operator's reply that answers it (and a long-poll `after=` would skip that
      // reply), or before earlier messages. The request's `timestamp` is accepted and not used.
      sent_at: receivedAt,
      received_at: receivedAt,
      request_id: options.requestId.slice(0, 200),
    };
    const conversationId = request.conversation_id;
    const { idempotencyKey } = options;
    const idempotency = idempotencyKey === undefined ? undefined : { key: idempotencyKey, bodyHash: hashChatRequest(request) };

    options.budget?.beforeStep('message admission');
    let admission: AdmissionOutcome;
    try {
      admission = await this.admission.admit(conversationId, jobId, idempotency);
    } catch (error) {
      // The admission was sent and got no answer: a slow network may still deliver it (it lands
      // after the visitor's 503). Without a key it is taken back as a failed creation is, the
      // take-back written right behind it on the connection: else its slot stays counted and its
      // entry sits at the head, jobless, until a later pickup removes it as dead. With a key, its
      // reservation waits for the retry (submit, above).
      if (idempotency === undefined && redisCommandMayHaveLanded(error)) await Promise.race([this.recoverFailedCreation(conversationId, jobId, undefined, error), sleep(FAILED_CREATION_RECOVERY_WAIT_MS)]);
      throw error;
    }
    if (admission.kind === 'key-taken' && idempotency) {
      const { record } = admission;
      if (record.bodyHash !== idempotency.bodyHash) return { kind: 'idempotency_conflict', jobId: record.jobId };
      // A pending record without its job: the first request is creating it this very moment, or its
      // creation failed or timed out (a command held by a network partition may still land later),
      // or its API died. This retry creates the job under the reserved id: BullMQ keeps one job per
      // id, so both creations make one job, and the message keeps its place and its one slot.
      if (record.state === 'pending' && !(await chatJobExists(this.redis, this.queue, record.jobId))) {
        // Its place in the conversation is gone (removed as dead once the grace period passed, or
        // expired with an idle ORDER): the job would run without holding the conversation. The
        // reservation is dropped and the message admitted afresh, at the end of the order, counted.
        if (mayReadmit && (await this.order.positionOf(conversationId, record.jobId)) === null) {
          await this.idempotency.abandon(conversationId, idempotency.key, record.jobId);
          return this.submitOnce(request, options, false);
        }
        await this.queue.add(CHAT_JOB_NAME, data, { jobId: record.jobId });
        await this.commitQuietly(conversationId, idempotency.key, idempotency.bodyHash, record.jobId);
        this.logger.info({ jobId: record.jobId, conversationId, requestId: options.requestId }, 'chat message created by the retry of a post whose creation did not settle');
      }
      // A replay does not consume the limit.
      return { kind: 'replayed', jobId: record.jobId, rateLimit: await this.rateLimiter.peek(conversationId) };
    }
    if (admission.kind === 'rate-limited') return { kind: 'rate_limited', rateLimit: admission.rateLimit };
    if (admission.kind !== 'admitted') throw new Error(`unexpected admission outcome ${admission.kind}`);

    try {
      options.budget?.beforeStep('job creation');
      await this.createJob(jobId, data, admission);
    } catch (error) {
      // The visitor gets the error (503) at once: when Redis hangs, each clean-up command would add
      // its deadline to this request. The clean-up goes on in the background past a short wait.
      const recovery = this.recoverFailedCreation(conversationId, jobId, idempotency, error);
      await Promise.race([recovery, sleep(FAILED_CREATION_RECOVERY_WAIT_MS)]);
      throw error;
    }
    if (idempotency) await this.commitQuietly(conversationId, idempotency.key, idempotency.bodyHash, jobId);
    this.logger.info(
      { jobId, conversationId, sequence: admission.sequence, requestId: options.requestId, remaining: admission.rateLimit.remaining },
      'chat message accepted',
    );
    return { kind: 'accepted', jobId, rateLimit: admission.rateLimit, sequence: admission.sequence };
  }

  /**
   * Whether this conversation holds a record of this Idempotency-Key (pending or committed): a
   * request carrying it is a retry of one already admitted, which `submit` answers from the record
   * (a replay, a conflict, or the job the first request could not create) without counting anything,
   * unless the record lost its place in the conversation (then admitted afresh). The API asks before
   * refusing such a retry on a per-client window the first request filled.
   */
  async knowsIdempotencyKey(conversationId: string, idempotencyKey: string): Promise<boolean> {
    return (await this.idempotency.read(conversationId, idempotencyKey)) !== null;
  }

  /**
   * The job already has its place in ORDER (docs/ordering.md, "Submit"). The head is created waiting
   * (it runs now). A self-starting message (behind a head that no worker runs yet: queued, or never
   * created) is created waiting too: BullMQ hands it to a worker after the head, usually once the
   * head is done, and it then runs with no delayed add and no promote; a pickup that comes too early
   * goes back to delayed, and one that finds the head without a job removes that dead head within
   * the grace period (ConversationGate). Any other message is created delayed by the backstop: the
   * release of the message ahead promotes it. In a burst behind a head that no worker runs and that
   * has no job (its submitter may have died between admission and creation), the delay is short
   * instead, so that the pickup checks the head within seconds.
   */
  private async createJob(jobId: string, data: ChatJobData, admission: Admitted): Promise<void> {
    const { head } = admission;
    if (head === null || admission.selfStarting) {
      await this.queue.add(CHAT_JOB_NAME, data, { jobId });
      this.createdHere.add(jobId);
      return;
    }
    // A head whose job this process created is not abandoned: no EXISTS (one command and one round trip).
    const headLooksAbandoned = !head.leased && !this.createdHere.has(head.jobId) && !(await chatJobExists(this.redis, this.queue, head.jobId));
    await this.queue.add(CHAT_JOB_NAME, data, { jobId, delay: headLooksAbandoned ? SUSPECT_HEAD_CHECK_DELAY_MS : this.config.STALL_WINDOW_MS });
    this.createdHere.add(jobId);
  }

  /**
   * Creating the job failed, and the visitor gets 503. With an Idempotency-Key the reservation is
   * kept (pending): the command may still land (a timeout tells nothing of it), and the visitor's
   * retry with the key creates the job under the same id, in the same place, on the same slot
   * (submit); if the job exists anyway (the reply was lost, not the command), the key points at it.
   * Without a key the 503 means "not taken": the retry is a message of its own. The admission is
   * taken back at once, whether or not the job exists (out of ORDER, rate-limit slot given back, the
   * message marked withdrawn): written right behind the failed creation on the same connection, it
   * lands behind it if that creation lands at all, and a job created late is then never run
   * (conversation-acquire.lua). A take-back that fails is tried again in the background
   * (WITHDRAW_RETRY_PAUSES_MS): Redis may be away for a while. The next head is promoted when this
   * one was the head.
   */
  private async recoverFailedCreation(
    conversationId: string,
    jobId: string,
    idempotency: { key: string; bodyHash: string } | undefined,
    cause: unknown,
  ): Promise<void> {
    if (idempotency) {
      try {
        if (await chatJobExists(this.redis, this.queue, jobId)) await this.commitQuietly(conversationId, idempotency.key, idempotency.bodyHash, jobId);
        else this.logger.warn({ jobId, conversationId, cause: errorText(cause) }, 'chat job not created: its reservation waits for the retry with the same Idempotency-Key');
      } catch (error) {
        this.logger.warn({ jobId, conversationId, err: errorText(error), cause: errorText(cause) }, 'chat job not created, its existence unknown: its reservation waits for the retry');
      }
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const { removed, head } = await this.admission.withdraw(conversationId, jobId);
        // Only a message taken out of ORDER may have left a new head without its hand-off: this
        // attempt's, or an earlier one's whose answer was lost (it timed out, and landed).
        if ((removed || attempt > 0) && head && !head.selfStarting) await promoteIfDelayed(this.queue, head.jobId, this.logger);
        return;
      } catch (error) {
        const pause = WITHDRAW_RETRY_PAUSES_MS[attempt];
        if (pause === undefined) {
          // The id stays in ORDER (the next message's pickup removes it as dead when it has no job);
          // the rate-limit slot stays used until the window moves.
          this.logger.warn({ jobId, conversationId, err: errorText(error), cause: errorText(cause) }, 'could not take back a message whose admission or job creation failed');
          return;
        }
        await sleep(pause);
      }
    }
  }

  private async commitQuietly(conversationId: string, key: string, bodyHash: string, jobId: string): Promise<void> {
    try {
      await this.idempotency.commit(conversationId, key, bodyHash, jobId);
    } catch (error) {
      // The job exists: a retry with the same key finds the pending record and its job, and replays it.
      this.logger.warn({ jobId, err: error instanceof Error ? error.message : String(error) }, 'idempotency commit failed');
    }
  }
}
