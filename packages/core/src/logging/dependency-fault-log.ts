import type { Logger } from './logger.ts';

/** Repeats of an ongoing fault are summed up at most this often. */
export const DEFAULT_FAULT_LOG_INTERVAL_MS = 30_000;

/**
 * Quiet, bounded logging of one failing dependency (a Redis connection, a database pool, a
 * worker's queue connection): the first error is logged when the fault starts, repeats are
 * counted and summed up at most once per `intervalMs` (with the count), and the recovery is
 * logged once. A flood of errors (ioredis reconnect attempts, BullMQ's loop, a pool's idle
 * clients) therefore costs a handful of lines, whatever its rate.
 */
export class DependencyFaultLog {
  private failingSince: number | null = null;
  private suppressed = 0;
  private lastLoggedAt = 0;
  private lastError = '';
  /** Whether the current fault's start was logged (a fault starting soon after the last line is not). */
  private startLogged = false;
  /** Faults that started and ended without a line of their own since the last line (damped). */
  private dampedFaults = 0;
  /** Logs a damped fault that is still going on once its interval has passed (a lone failure() call). */
  private dampedCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly context: Record<string, unknown>,
    private readonly intervalMs: number = DEFAULT_FAULT_LOG_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get isFailing(): boolean {
    return this.failingSince !== null;
  }

  /** One error of the dependency. */
  failure(error: unknown, message = 'dependency failing'): void {
    const at = this.now();
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.failingSince === null) {
      this.failingSince = at;
      this.suppressed = 0;
      // A dependency that flaps (fails, answers, fails: a slow Redis, each success a recovery) would
      // cost two lines a flap: a fault that starts within the interval of the last line is counted
      // and summed up with the next line instead.
      if (this.lastLoggedAt > 0 && at - this.lastLoggedAt < this.intervalMs) {
        this.startLogged = false;
        this.suppressed = 1;
        this.dampedFaults += 1;
        // A dependency that reports a fault once (a pool's idle client) would never be heard of.
        clearTimeout(this.dampedCheck);
        this.dampedCheck = setTimeout(() => this.logOngoing(message), this.lastLoggedAt + this.intervalMs - at);
        this.dampedCheck.unref();
        return;
      }
      this.startLogged = true;
      this.lastLoggedAt = at;
      this.logger.error({ ...this.context, err: this.lastError, ...(this.dampedFaults > 0 ? { faultsSinceLastLine: this.dampedFaults } : {}) }, message);
      this.dampedFaults = 0;
      return;
    }
    this.suppressed += 1;
    if (at - this.lastLoggedAt < this.intervalMs) return;
    this.logOngoing(message);
  }

  /** The summary line of an ongoing fault: "(still)", or "(again)" with the damped count when its start was damped. */
  private logOngoing(message: string): void {
    if (this.failingSince === null) return;
    const at = this.now();
    clearTimeout(this.dampedCheck);
    this.dampedCheck = undefined;
    const damped = this.startLogged ? {} : { faultsSinceLastLine: this.dampedFaults };
    this.logger.error(
      { ...this.context, err: this.lastError, errorsSinceLastLine: this.suppressed, failingForMs: at - this.failingSince, ...damped },
      this.startLogged ? `${message} (still)` : `${message} (again)`,
    );
    this.dampedFaults = 0;
    this.startLogged = true;
    this.lastLoggedAt = at;
    this.suppressed = 0;
  }

  /** The dependency works again: logged once, only after a failure. */
  recovery(message = 'dependency recovered'): void {
    if (this.failingSince === null) return;
    const at = this.now();
    // A fault nobody was told about (damped, see failure) ends quietly too.
    if (this.startLogged) {
      this.logger.info({ ...this.context, downForMs: at - this.failingSince, errorsSinceLastLine: this.suppressed }, message);
      this.lastLoggedAt = at;
    }
    clearTimeout(this.dampedCheck);
    this.dampedCheck = undefined;
    this.failingSince = null;
    this.suppressed = 0;
    this.startLogged = false;
  }
}
