import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { LuaScript } from '../redis/lua-script.ts';
import type { RateLimitStatus } from './rate-limiter.ts';

/**
 * Per-client limits beside the per-conversation window (docs/security.md): sliding windows of
 * messages per client address and per user_id (a short one and one of 24 hours), and of new
 * conversations per client address.
 * Each window is its own key and its own script call (Redis Cluster: one slot per call); the
 * calls of one request go out together (one round trip). A window at 0 is off.
 */

export type ClientWindowName = 'address' | 'user' | 'address_day' | 'user_day' | 'new_conversation';

export interface ClientWindowSettings {
  /** Messages per client address and per user_id in `messageWindowSeconds` (0: off). */
  messagesPerClient: number;
  messageWindowSeconds: number;
  /** Messages per client address and per user_id in any 24 hours (0: off; absent: off). */
  messagesPerClientPerDay?: number;
  /** New conversations per client address per hour (0: off). */
  newConversationsPerHour: number;
}

/** One entry a request holds in one window, so it can be given back. */
export interface ClientWindowHold {
  key: string;
  member: string;
}

export type ClientAdmission =
  | { kind: 'admitted'; holds: ClientWindowHold[] }
  | { kind: 'refused'; window: ClientWindowName; status: RateLimitStatus };

interface WindowCheck {
  name: ClientWindowName;
  key: string;
  limit: number;
  windowSeconds: number;
}

const DAY_SECONDS = 24 * 3600;

const clientWindowScript = new LuaScript(new URL('./lua/client-rate-limit.lua', import.meta.url));

export class ClientRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly settings: ClientWindowSettings,
  ) {}

  /**
   * Counts one request in each window that applies: `userId` undefined skips the user window;
   * `messages: false` (opening a conversation without a message) skips both message windows.
   */
  async admit(request: { address: string; userId?: string; messages: boolean; newConversation: boolean }): Promise<ClientAdmission> {
    const checks = this.windowsOf(request);
    if (checks.length === 0) return { kind: 'admitted', holds: [] };
    const member = `${Date.now()}-${randomBytes(6).toString('hex')}`;
    const results = await Promise.all(checks.map((check) => this.run(check, 'consume', member)));
    const refused = results.filter((result) => !result.status.allowed);
    const holds = results.filter((result) => result.status.allowed).map((result) => ({ key: result.check.key, member }));
    if (refused.length === 0) return { kind: 'admitted', holds };
    await this.release(holds);
    // The visitor waits for the window that frees last.
    const worst = refused.reduce((a, b) => (b.status.retry_after_seconds > a.status.retry_after_seconds ? b : a));
    return { kind: 'refused', window: worst.check.name, status: worst.status };
  }

  /** Gives back the entries of a request that was refused further on (or failed). */
  async release(holds: readonly ClientWindowHold[]): Promise<void> {
    await Promise.all(holds.map((hold) => this.redis.zrem(hold.key, hold.member)));
  }

  private windowsOf(request: { address: string; userId?: string; messages: boolean; newConversation: boolean }): WindowCheck[] {
    const { messagesPerClient, messageWindowSeconds, messagesPerClientPerDay = 0, newConversationsPerHour } = this.settings;
    const checks: WindowCheck[] = [];
    if (request.messages && messagesPerClient > 0) {
      checks.push({ name: 'address', key: this.keys.clientRateLimit('addr', request.address), limit: messagesPerClient, windowSeconds: messageWindowSeconds });
      if (request.userId !== undefined) {
        checks.push({ name: 'user', key: this.keys.clientRateLimit('user', request.userId), limit: messagesPerClient, windowSeconds: messageWindowSeconds });
      }
    }
    if (request.messages && messagesPerClientPerDay > 0) {
      checks.push({ name: 'address_day', key: this.keys.clientRateLimit('addrday', request.address), limit: messagesPerClientPerDay, windowSeconds: DAY_SECONDS });
      if (request.userId !== undefined) {
        checks.push({ name: 'user_day', key: this.keys.clientRateLimit('userday', request.userId), limit: messagesPerClientPerDay, windowSeconds: DAY_SECONDS });
      }
    }
    if (request.newConversation && newConversationsPerHour > 0) {
      checks.push({ name: 'new_conversation', key: this.keys.clientRateLimit('newconv', request.address), limit: newConversationsPerHour, windowSeconds: 3600 });
    }
    return checks;
  }

  private async run(check: WindowCheck, mode: 'consume' | 'peek', member: string): Promise<{ check: WindowCheck; status: RateLimitStatus }> {
    return { check, status: await runClientWindow(this.redis, { key: check.key, limit: check.limit, windowSeconds: check.windowSeconds }, mode, member) };
  }
}

/** One call of the client window script: counts (consume) or reads (peek) the window of `key`. */
export async function runClientWindow(
  redis: RedisClient,
  window: { key: string; limit: number; windowSeconds: number },
  mode: 'consume' | 'peek',
  member: string = `${Date.now()}-${randomBytes(6).toString('hex')}`,
): Promise<RateLimitStatus> {
  const windowMs = window.windowSeconds * 1000;
  const reply = await clientWindowScript.run(redis, [window.key], [window.limit, windowMs, mode, member]);
  if (!Array.isArray(reply) || reply.length !== 4) throw new Error(`client rate limit script returned an unexpected reply: ${JSON.stringify(reply)}`);
  const [allowedFlag, count, nowText, freeingText] = reply as [number, number, string, string];
  const freeing = Number(freeingText);
  const allowed = allowedFlag === 1;
  const retryAfter = count < window.limit ? 0 : freeing < 0 ? window.windowSeconds : Math.max(1, Math.ceil((freeing + windowMs - Number(nowText)) / 1000));
  return {
    allowed,
    limit: window.limit,
    remaining: Math.max(0, window.limit - count),
    window_seconds: window.windowSeconds,
    reset_seconds: retryAfter,
    retry_after_seconds: mode === 'consume' && allowed ? 0 : retryAfter,
  };
}
