import type { RedisClient } from '../redis/redis-connection.ts';
import { runClientWindow } from '../queue/client-rate-limiter.ts';
import type { AdminLoginSubject, RedisKeys } from '../redis/redis-keys.ts';

/**
 * Failed admin logins per client address and per login name (docs/security.md): a sliding window
 * on the Redis clock for each subject.
 * `retryAfterSeconds` reads it without counting (undefined: not blocked); `recordFailure` counts one
 * failed login in the same atomic step that checks the window, and answers the retry-after when the
 * window was already full (the failure is then not counted, and must not be answered as a 401: a
 * burst of guesses gets at most the limit's worth of verdicts). Each kind is off when its limit is 0.
 */
export class AdminLoginThrottle {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    /** `maxFailures` per address, `maxFailuresPerLogin` per login name (each 0: off). */
    private readonly settings: { maxFailures: number; maxFailuresPerLogin: number; windowSeconds: number },
  ) {}

  async retryAfterSeconds(subject: AdminLoginSubject): Promise<number | undefined> {
    if (this.limitOf(subject) === 0) return undefined;
    const status = await runClientWindow(this.redis, this.windowOf(subject), 'peek');
    return status.allowed ? undefined : Math.max(1, status.retry_after_seconds);
  }

  async recordFailure(subject: AdminLoginSubject): Promise<number | undefined> {
    if (this.limitOf(subject) === 0) return undefined;
    const status = await runClientWindow(this.redis, this.windowOf(subject), 'consume');
    return status.allowed ? undefined : Math.max(1, status.retry_after_seconds);
  }

  /**
   * Whether this caller is the first to see the current lockout of `subject` (blocked for
   * `retryAfterSeconds` more): one atomic SET NX lasting that long, shared by every API process, so
   * a lockout is logged once and not once per refused request. A lockout still there when the mark
   * expires (the window refilled) is noticed again: a renewed lockout is logged once per renewal.
   */
  async claimLockoutNotice(subject: AdminLoginSubject, retryAfterSeconds: number): Promise<boolean> {
    const claimed = await this.redis.set(this.keys.adminLoginLockoutNoticed(subject), '1', 'EX', Math.max(1, Math.ceil(retryAfterSeconds)), 'NX');
    return claimed === 'OK';
  }

  /** The failures that lock `subject` out, and the window they are counted in. */
  lockoutRuleOf(subject: AdminLoginSubject): { maxFailures: number; windowSeconds: number } {
    return { maxFailures: this.limitOf(subject), windowSeconds: this.settings.windowSeconds };
  }

  private limitOf(subject: AdminLoginSubject): number {
    return subject.kind === 'address' ? this.settings.maxFailures : this.settings.maxFailuresPerLogin;
  }

  private windowOf(subject: AdminLoginSubject) {
    return { key: this.keys.adminLoginFailures(subject), limit: this.limitOf(subject), windowSeconds: this.settings.windowSeconds };
  }
}
