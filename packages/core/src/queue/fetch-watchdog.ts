/**
 * Notices a worker whose fetch loop stopped: jobs wait in the queue, the worker has free slots and
 * the queue is not paused, yet it has started no job for `stuckAfterMs`. A healthy BullMQ worker
 * with a free slot takes a waiting job within milliseconds, so this only happens when its blocking
 * connection never came back: seen on a Redis Cluster whose queue node hung for 25 s or more
 * (BullMQ 6's blocking-connection reset never settled), while /health still said healthy and the
 * worker no longer even stopped on SIGTERM. The owner decides what to do (the worker process logs
 * and exits so its supervisor starts a fresh one; its jobs are taken over by the stall check).
 *
 * A check that cannot read the queue (Redis away) proves nothing: the streak starts over.
 */
export interface FetchWatchdogOptions {
  /** Whether the worker could take one more job now (fewer jobs running than its concurrency). */
  hasFreeSlot(): boolean;
  /** When the worker last started a job (ms epoch; its start time before the first). */
  lastPickupAt(): number;
  /** Jobs waiting to be taken (the queue's wait list). */
  waitingJobs(): Promise<number>;
  /** Whether taking jobs is paused on purpose (queue paused from the dashboard, worker paused). */
  isPaused(): Promise<boolean>;
  stuckAfterMs: number;
  checkEveryMs: number;
  onStuck(details: { waitingJobs: number; sinceLastPickupMs: number }): void;
}

export class FetchWatchdog {
  private timer: NodeJS.Timeout | undefined;
  /** Since when every check found jobs waiting that this worker could have taken. */
  private stuckSince: number | undefined;
  private reported = false;
  private checking = false;

  constructor(private readonly options: FetchWatchdogOptions) {}

  start(): void {
    if (this.options.stuckAfterMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One check (also called by the timer); resolves when it is done. */
  async check(now = () => Date.now()): Promise<void> {
    if (this.checking || this.reported) return;
    this.checking = true;
    try {
      const waiting = this.options.hasFreeSlot() ? await this.options.waitingJobs() : 0;
      const blocked = waiting > 0 && !(await this.options.isPaused());
      const at = now();
      if (!blocked || at - this.options.lastPickupAt() < this.options.checkEveryMs) {
        this.stuckSince = undefined;
        return;
      }
      this.stuckSince ??= at;
      const since = Math.max(this.stuckSince, this.options.lastPickupAt());
      if (at - since >= this.options.stuckAfterMs) {
        this.reported = true;
        this.stop();
        this.options.onStuck({ waitingJobs: waiting, sinceLastPickupMs: at - this.options.lastPickupAt() });
      }
    } catch {
      this.stuckSince = undefined;
    } finally {
      this.checking = false;
    }
  }
}
