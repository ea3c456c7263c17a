import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { CONVERSATION_KEYS_TTL_MS } from './conversation-order.ts';
import { LuaScript } from '../redis/lua-script.ts';

/** What the API tells a visitor about a conversation's rate limit. */
export interface RateLimitStatus {
  /** consume(): this message was counted. peek(): the next message would be accepted. */
  allowed: boolean;
  limit: number;
  /** Messages still accepted in the current window. */
  remaining: number;
  window_seconds: number;
  /** Seconds until the oldest counted message leaves the window (0 when none is counted). */
  reset_seconds: number;
  /** Seconds until one more message is accepted (0 when one is accepted now). */
  retry_after_seconds: number;
}

const slidingWindowScript = new LuaScript(new URL('./lua/rate-limit-sliding-window.lua', import.meta.url));

/**
 * A true sliding window per conversation: a sorted-set log of accepted messages, checked and
 * written in ONE Lua script on the Redis clock (atomic across API processes, immune to clock skew
 * between hosts). Errors propagate: the limiter never fails open.
 */
export class ConversationRateLimiter {
  private readonly limit: number;
  private readonly windowSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    options: { limit: number; windowSeconds: number },
  ) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be an integer >= 1');
    if (!(options.windowSeconds > 0)) throw new RangeError('windowSeconds must be > 0');
    this.limit = options.limit;
    this.windowSeconds = options.windowSeconds;
  }

  /** Counts one message when the window has room. */
  async consume(conversationId: string): Promise<RateLimitStatus> {
    return (await this.run(conversationId, 'consume')).status;
  }

  /**
   * Counts one message and, when it is accepted, appends its job to the conversation's ORDER in the
   * same atomic step (docs/ordering.md): `position` 0 means it is the head and may run at once.
   */
  async consumeAndAdmit(conversationId: string, jobId: string): Promise<{ rateLimit: RateLimitStatus; position: number; sequence: number }> {
    const { status, position, sequence } = await this.run(conversationId, 'consume', jobId);
    return { rateLimit: status, position, sequence };
  }

  /** Reads the status without counting anything. */
  async peek(conversationId: string): Promise<RateLimitStatus> {
    return (await this.run(conversationId, 'peek')).status;
  }

  private async run(
    conversationId: string,
    mode: 'consume' | 'peek',
    admitJobId?: string,
  ): Promise<{ status: RateLimitStatus; position: number; sequence: number }> {
    const windowMs = this.windowSeconds * 1000;
    const keys = [this.keys.rateLimit(conversationId)];
    const args: Array<string | number> = [this.limit, windowMs, mode, randomBytes(6).toString('hex')];
    if (admitJobId !== undefined) {
      keys.push(this.keys.conversationOrder(conversationId), this.keys.conversationSequence(conversationId));
      args.push(admitJobId, CONVERSATION_KEYS_TTL_MS);
    }
    const reply = await slidingWindowScript.run(this.redis, keys, args);
    if (!Array.isArray(reply) || reply.length !== 7) {
      throw new Error(`rate limit script returned an unexpected reply: ${JSON.stringify(reply)}`);
    }
    const [allowedFlag, count, nowText, oldestText, freeingText, position, sequence] = reply as [number, number, string, string, string, number, number];
    const now = Number(nowText);
    const oldest = Number(oldestText);
    const freeing = Number(freeingText);
    const secondsUntilLeaves = (score: number) => (score < 0 ? 0 : Math.max(0, Math.ceil((score + windowMs - now) / 1000)));
    const allowed = allowedFlag === 1;
    const retryAfter = count < this.limit ? 0 : Math.max(1, secondsUntilLeaves(freeing));
    const status: RateLimitStatus = {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      window_seconds: this.windowSeconds,
      reset_seconds: secondsUntilLeaves(oldest),
      retry_after_seconds: allowed && mode === 'consume' ? 0 : retryAfter,
    };
    return { status, position, sequence };
  }
}
