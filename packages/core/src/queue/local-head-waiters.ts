/**
 * In-process hand-off between two messages of one conversation picked up by the same worker
 * process (docs/ordering.md, "Pickup"): a pickup that finds its conversation's head running in this
 * very process parks for a short while instead of going back to delayed, and the head's release
 * wakes it, so that it acquires again and runs with no `moveToDelayed` and no promote. A parked job
 * holds its worker slot, so the wait is bounded (PARK_BEHIND_LOCAL_HEAD_MAX_MS): past it, the job
 * goes back to delayed as before and the head's hand-off promotes it.
 */

/** Longest a pickup waits for a head running in this process before going back to delayed. */
export const PARK_BEHIND_LOCAL_HEAD_MAX_MS = 200;

export class LocalHeadWaiters {
  /** Job ids that hold their conversation in this process (their pickup acquired the head). */
  private readonly running = new Set<string>();
  /** Head job id → the parked pickups waiting for its release (job id → wake-up). */
  private readonly parked = new Map<string, Map<string, (woken: boolean) => void>>();

  constructor(private readonly maxParkMs = PARK_BEHIND_LOCAL_HEAD_MAX_MS) {}

  /** This process's pickup of `jobId` holds its conversation. */
  started(jobId: string): void {
    this.running.add(jobId);
  }

  isRunningHere(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /**
   * Waits until `headJobId` stops running here (`ended`), at most maxParkMs. Resolves true when
   * woken by its end (acquire again), false on time-out (go back to delayed).
   */
  parkBehind(headJobId: string, jobId: string): Promise<boolean> {
    if (!this.running.has(headJobId)) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      let waiters = this.parked.get(headJobId);
      if (waiters === undefined) {
        waiters = new Map();
        this.parked.set(headJobId, waiters);
      }
      const timer = setTimeout(() => wake(false), this.maxParkMs);
      const wake = (woken: boolean) => {
        clearTimeout(timer);
        const current = this.parked.get(headJobId);
        current?.delete(jobId);
        if (current?.size === 0) this.parked.delete(headJobId);
        resolve(woken);
      };
      waiters.set(jobId, wake);
    });
  }

  /**
   * `jobId`'s pickup no longer holds its conversation here. `released`: its release has just been
   * written (call it right after: the woken pickups' acquires then follow it), and the pickups
   * parked behind it acquire again. Otherwise (a retry's back-off, a put-back during an outage, a
   * send-back) the job is still the head: they give up and go back to delayed, and its release will
   * hand off to them later. Returns the ids of the pickups woken to acquire again.
   */
  ended(jobId: string, outcome: { released: boolean } = { released: false }): string[] {
    this.running.delete(jobId);
    const waiters = this.parked.get(jobId);
    if (waiters === undefined) return [];
    const woken = [...waiters.keys()];
    for (const wake of [...waiters.values()]) wake(outcome.released);
    return outcome.released ? woken : [];
  }

  /** Whether `jobId` is parked here behind some head. */
  isParked(jobId: string): boolean {
    for (const waiters of this.parked.values()) if (waiters.has(jobId)) return true;
    return false;
  }

  /** Shutdown: every parked pickup stops waiting (it goes back to delayed). */
  wakeAll(): void {
    for (const waiters of [...this.parked.values()]) for (const wake of [...waiters.values()]) wake(false);
  }
}
