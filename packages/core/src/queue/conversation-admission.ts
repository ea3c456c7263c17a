import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { CONVERSATION_KEYS_TTL_MS, parseOrderEntry, type OrderEntry } from './conversation-order.ts';
import {
  parseIdempotencyRecord,
  pendingIdempotencyRecord,
  type IdempotencyRecord,
} from './idempotency.ts';
import { LuaScript } from '../redis/lua-script.ts';
import { countedReplyOf, slidingWindowScript, type ConversationRateLimiter, type RateLimitStatus } from './rate-limiter.ts';

/**
 * The submit side's one atomic step (docs/ordering.md, "Submit"): the conversation's
 * Idempotency-Key, its rate limit and its ORDER, in one script on the conversation's slot.
 */

export type AdmissionOutcome =
  /** The Idempotency-Key is already taken (nothing written). */
  | { kind: 'key-taken'; record: IdempotencyRecord }
  | { kind: 'rate-limited'; rateLimit: RateLimitStatus }
  | {
      kind: 'admitted';
      rateLimit: RateLimitStatus;
      /** Jobs ahead of this one: 0 means it is the head and may run at once. */
      position: number;
      /** Arrival number in the conversation. */
      sequence: number;
      /** The head when this job is not it: its id and whether a worker runs it now. */
      head: OrderEntry | null;
      /** Admitted self-starting (right behind a head no worker runs): its job is created waiting. */
      selfStarting: boolean;
    };

/**
 * A message admitted less than this after the conversation's previous one is part of a burst: it is
 * never self-starting (the burst's messages would reach workers together and all but the first would
 * be sent back to delayed), it is created delayed and promoted by the hand-off (docs/ordering.md).
 */
export const SELF_STARTING_BURST_GAP_MS = 20;

/** How long a withdrawn message's marker lives: longer than any late landing of its creation. */
export const WITHDRAWN_MARKER_TTL_MS = 24 * 3600 * 1000;

const withdrawScript = new LuaScript(new URL('./lua/conversation-withdraw.lua', import.meta.url));

export class ConversationAdmission {
  private readonly selfStartingBurstGapMs: number;
  private readonly pendingReservationTtlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly rateLimiter: ConversationRateLimiter,
    /** pendingReservationTtlMs: how long an Idempotency-Key reservation waits for its job (the key's TTL: a retry creates it; default 24 h). */
    options: { selfStartingBurstGapMs?: number; pendingReservationTtlMs?: number } = {},
  ) {
    this.selfStartingBurstGapMs = options.selfStartingBurstGapMs ?? SELF_STARTING_BURST_GAP_MS;
    this.pendingReservationTtlMs = options.pendingReservationTtlMs ?? 24 * 3600 * 1000;
  }

  async admit(conversationId: string, jobId: string, idempotency?: { key: string; bodyHash: string }): Promise<AdmissionOutcome> {
    const k = this.keys;
    const keys = [k.rateLimit(conversationId), k.conversationOrder(conversationId), k.conversationSequence(conversationId)];
    const args = [...this.rateLimiter.scriptArguments('admit', jobId), CONVERSATION_KEYS_TTL_MS, this.selfStartingBurstGapMs];
    if (idempotency) {
      keys.push(k.idempotency(conversationId, idempotency.key));
      args.push(pendingIdempotencyRecord(idempotency.bodyHash, jobId), this.pendingReservationTtlMs);
    }
    const reply = await slidingWindowScript.run(this.redis, keys, args);
    if (Array.isArray(reply) && reply[0] === 'exists') return { kind: 'key-taken', record: parseIdempotencyRecord(String(reply[1])) };
    const counted = countedReplyOf(reply);
    const rateLimit = this.rateLimiter.statusOf(counted, 'admit');
    if (!rateLimit.allowed) return { kind: 'rate-limited', rateLimit };
    const [, , , , , position, sequence, head, selfStarting] = counted;
    return { kind: 'admitted', rateLimit, position, sequence, head: head === '' ? null : parseOrderEntry(head), selfStarting: selfStarting === 1 };
  }

  /**
   * The job of an admitted message without an Idempotency-Key could not be created: out of ORDER,
   * rate-limit slot given back. Returns whether it was still in ORDER (an admission that never
   * landed was not) and the head afterwards (to start it). A message with a key keeps its
   * reservation for the retry (ChatSubmitter).
   */
  async withdraw(conversationId: string, jobId: string): Promise<{ removed: boolean; head: OrderEntry | null }> {
    const keys = [this.keys.conversationOrder(conversationId), this.keys.rateLimit(conversationId), this.keys.withdrawnMessage(conversationId, jobId)];
    // One command (EVAL), so that it lands right behind the failed creation on the connection.
    const [removed, head] = (await withdrawScript.runAsOneCommand(this.redis, keys, [jobId, WITHDRAWN_MARKER_TTL_MS])) as [number, string];
    return { removed: removed === 1, head: head === '' ? null : parseOrderEntry(head) };
  }
}
