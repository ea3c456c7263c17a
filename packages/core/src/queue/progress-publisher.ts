/**
 * Streams an answer being written into job progress `{ partial_reply }` (the whole text so far):
 * the first delta at once, then at most one update per `intervalMs`, and a final flush. Updates
 * are sequential (never two in flight), so readers never see the text go backwards.
 */
export class ProgressPublisher {
  private text = '';
  private publishedLength = -1;
  private lastPublishedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly publish: (progress: { partial_reply: string }) => Promise<void>,
    private readonly intervalMs = 50,
    private readonly now: () => number = Date.now,
  ) {}

  get currentText(): string {
    return this.text;
  }

  push(delta: string): void {
    if (delta === '') return;
    this.text += delta;
    if (this.timer) return;
    const wait = this.publishedLength < 0 ? 0 : this.lastPublishedAt + this.intervalMs - this.now();
    if (wait <= 0) this.enqueuePublish();
    else this.timer = setTimeout(() => this.enqueuePublish(), wait);
  }

  /** Publishes what is left and waits for every update; rethrows the first publishing error. */
  async flush(): Promise<void> {
    if (this.timer) this.enqueuePublish();
    else if (this.text.length !== this.publishedLength && this.text.length > 0) this.enqueuePublish();
    await this.chain;
    if (this.failure) throw this.failure;
  }

  /** Stops pending updates without publishing (the job is abandoned). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private enqueuePublish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(async () => {
      if (this.text.length === this.publishedLength) return;
      const snapshot = this.text;
      this.lastPublishedAt = this.now();
      this.publishedLength = snapshot.length;
      try {
        await this.publish({ partial_reply: snapshot });
      } catch (error) {
        this.failure ??= error;
      }
    });
  }
}
