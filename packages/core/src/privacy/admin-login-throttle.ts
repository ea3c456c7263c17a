import type { RedisClient } from '../redis/redis-connection.ts';
import { runClientWindow } from '../queue/client-rate-limiter.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';

/**
 * Failed admin logins per client address (docs/security.md): a sliding window on the Redis clock.
 * `retryAfterSeconds` reads it without counting (undefined: not blocked); `recordFailure` counts one
 * failed login in the same atomic step that checks the window, and answers the retry-after when the
 * window was already full (the failure is then not counted, and must not be answered as a 401: a
 * burst of guesses gets at most `maxFailures` verdicts). Off when `maxFailures` is 0.
 */
export class AdminLoginThrottle {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly settings: { maxFailures: number; windowSeconds: number },
  ) {}

  async retryAfterSeconds(address: string): Promise<number | undefined> {
    if (this.settings.maxFailures === 0) return undefined;
    const status = await runClientWindow(this.redis, this.windowOf(address), 'peek');
    return status.allowed ? undefined : Math.max(1, status.retry_after_seconds);
  }

  async recordFailure(address: string): Promise<number | undefined> {
    if (this.settings.maxFailures === 0) return undefined;
    const status = await runClientWindow(this.redis, this.windowOf(address), 'consume');
    return status.allowed ? undefined : Math.max(1, status.retry_after_seconds);
  }

  private windowOf(address: string) {
    return { key: this.keys.adminLoginFailures(address), limit: this.settings.maxFailures, windowSeconds: this.settings.windowSeconds };
  }
}
