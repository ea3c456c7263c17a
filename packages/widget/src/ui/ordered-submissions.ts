/**
 * The messages of a conversation reach the API one at a time, in the order the visitor typed them:
 * the next post starts once the one before it is accepted (each post already retries on its own,
 * with its Idempotency-Key). When a post fails for good, it and the messages typed after it wait
 * ("stalled") instead of overtaking it: the server would store them in another order than the
 * visitor sees, and the failed one had nothing left to send it again. They go again, from the
 * first, on "Réessayer", when the browser comes back online, or by themselves after a growing pause.
 */

/**
 * What became of one message's post: accepted; to be sent again later, the queue stalled behind it
 * (`resumeAfterMs`: when the server said, as a rate limit's countdown); or given up (the queue goes on).
 */
export type SubmissionOutcome = { kind: 'sent' } | { kind: 'stalled'; resumeAfterMs?: number } | { kind: 'dropped' };

/** Pauses before sending a stalled queue again by itself (the last one repeats). */
export const AUTOMATIC_RESUME_DELAYS_MS: readonly number[] = [5_000, 10_000, 20_000, 30_000];

export class OrderedSubmissions<Entry> {
  private readonly queue: Entry[] = [];
  private running = false;
  private stalled = false;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private stallsInARow = 0;

  constructor(
    private readonly send: (entry: Entry) => Promise<SubmissionOutcome>,
    private readonly resumeDelaysMs: readonly number[] = AUTOMATIC_RESUME_DELAYS_MS,
  ) {}

  /** Messages waiting, the first one being sent or stalled. */
  get waiting(): readonly Entry[] {
    return this.queue;
  }

  add(entry: Entry): void {
    this.queue.push(entry);
    void this.pump();
  }

  /** Sends a stalled queue again, from its first message (a no-op when nothing is stalled). */
  resume(): void {
    if (!this.stalled) return;
    this.stalled = false;
    if (this.resumeTimer !== undefined) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    void this.pump();
  }

  /** Drops every waiting message (a new conversation began) and returns them. */
  clear(): Entry[] {
    if (this.resumeTimer !== undefined) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.stalled = false;
    this.stallsInARow = 0;
    return this.queue.splice(0);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.stalled) {
        const entry = this.queue[0]!;
        const outcome = await this.send(entry);
        if (this.queue[0] !== entry) continue; // cleared meanwhile
        if (outcome.kind === 'stalled') {
          this.stall(outcome.resumeAfterMs);
          break;
        }
        this.stallsInARow = 0;
        this.queue.shift();
      }
    } finally {
      this.running = false;
    }
  }

  private stall(resumeAfterMs: number | undefined): void {
    this.stalled = true;
    const delay = resumeAfterMs ?? this.resumeDelaysMs[Math.min(this.stallsInARow, this.resumeDelaysMs.length - 1)];
    this.stallsInARow += 1;
    if (delay !== undefined) this.resumeTimer = setTimeout(() => this.resume(), delay);
  }
}
