import type { RedisClient } from '../redis/redis-connection.ts';
import { runClientWindow } from '../queue/client-rate-limiter.ts';
import type { AdminLoginSubject, RedisKeys } from '../redis/redis-keys.ts';

/** How long an address stays known for a login after it logged in from there. */
export const KNOWN_ADDRESS_DAYS = 30;

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

  /**
   * After a successful login from an address not known yet: `address` is known for `login` for
   * KNOWN_ADDRESS_DAYS (the next success there after that marks it again), so its failures count in the login's reserved share and a lockout by strangers does not
   * keep the operator out there.
   */
  async rememberSuccessfulLogin(login: string, address: string): Promise<void> {
    if (this.settings.maxFailuresPerLogin === 0) return;
    await this.redis.set(this.keys.adminLoginKnownAddress(login, address), '1', 'EX', KNOWN_ADDRESS_DAYS * 86_400);
  }

  /** The window a failure of `login` from `address` counts in: its reserved share when the login logged in from there. */
  async loginSubjectOf(login: string, address: string): Promise<AdminLoginSubject> {
    // No share to keep (a limit under 5): every failure counts in the one window, as before.
    if (this.knownAddressShare() === 0) return { kind: 'login', login };
    const known = (await this.redis.exists(this.keys.adminLoginKnownAddress(login, address))) === 1;
    return known ? { kind: 'login_from_known_address', login } : { kind: 'login', login };
  }

  /**
   * The per-login limit is shared, never added to: of `maxFailuresPerLogin` (50), a fifth (10) is
   * kept for the addresses the login logged in from, the rest (40) counts failures from anywhere
   * else. Guesses spread over many addresses still get at most `maxFailuresPerLogin` verdicts a
   * window in all, and strangers filling theirs do not lock the operator out where they work.
   */
  private limitOf(subject: AdminLoginSubject): number {
    if (subject.kind === 'address') return this.settings.maxFailures;
    const knownShare = this.knownAddressShare();
    return subject.kind === 'login_from_known_address' ? knownShare : this.settings.maxFailuresPerLogin - knownShare;
  }

  /** The fifth of the per-login limit kept for the addresses the login logged in from (0 under 5). */
  private knownAddressShare(): number {
    return Math.floor(this.settings.maxFailuresPerLogin / 5);
  }

  private windowOf(subject: AdminLoginSubject) {
    return { key: this.keys.adminLoginFailures(subject), limit: this.limitOf(subject), windowSeconds: this.settings.windowSeconds };
  }
}
