import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
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

/** The sliding-window script, shared with the conversation admission (its admitting form). */
export const slidingWindowScript = new LuaScript(new URL('./lua/rate-limit-sliding-window.lua', import.meta.url));

export type SlidingWindowMode = 'consume' | 'peek' | 'admit';

/** The script's "counted" reply after its tag: allowed, count, now, oldest, freeing, position, sequence, head, self-starting. */
export type CountedReply = [number, number, string, string, string, number, number, string, number];

/**
 * A true sliding window per conversation: a sorted-set log of accepted messages, checked and
 * written in ONE Lua script on the Redis clock (atomic across API processes, immune to clock skew
 * between hosts). Errors propagate: the limiter never fails open.
 */
export class ConversationRateLimiter {
  readonly limit: number;
  readonly windowSeconds: number;

  constructor(
    private readonly redis: RedisClient,
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
    return this.run(conversationId, 'consume');
  }

  /** Reads the status without counting anything. */
  async peek(conversationId: string): Promise<RateLimitStatus> {
    return this.run(conversationId, 'peek');
  }

  /** The script's arguments before the admission's own (see rate-limit-sliding-window.lua). */
  scriptArguments(mode: SlidingWindowMode, member: string): Array<string | number> {
    return [this.limit, this.windowSeconds * 1000, mode, member];
  }

  /** Turns the script's counted figures into the status the API shows. */
  statusOf(reply: CountedReply, mode: SlidingWindowMode): RateLimitStatus {
    const [allowedFlag, count, nowText, oldestText, freeingText] = reply;
    const windowMs = this.windowSeconds * 1000;
    const now = Number(nowText);
    const oldest = Number(oldestText);
    const freeing = Number(freeingText);
    const secondsUntilLeaves = (score: number) => (score < 0 ? 0 : Math.max(0, Math.ceil((score + windowMs - now) / 1000)));
    const allowed = allowedFlag === 1;
    const retryAfter = count < this.limit ? 0 : Math.max(1, secondsUntilLeaves(freeing));
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      window_seconds: this.windowSeconds,
      reset_seconds: secondsUntilLeaves(oldest),
      retry_after_seconds: allowed && mode !== 'peek' ? 0 : retryAfter,
    };
  }

  private async run(conversationId: string, mode: 'consume' | 'peek'): Promise<RateLimitStatus> {
    const reply = await slidingWindowScript.run(this.redis, [this.keys.rateLimit(conversationId)], this.scriptArguments(mode, randomBytes(8).toString('hex')));
    return this.statusOf(countedReplyOf(reply), mode);
  }
}

/** Checks the script's "counted" reply and returns its figures. */
export function countedReplyOf(reply: unknown): CountedReply {
  if (!Array.isArray(reply) || reply[0] !== 'counted' || reply.length !== 10) {
    throw new Error(`rate limit script returned an unexpected reply: ${JSON.stringify(reply)}`);
  }
  return reply.slice(1) as CountedReply;
}
