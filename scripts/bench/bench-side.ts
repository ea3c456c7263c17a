import { runWithConcurrency } from './statistics.ts';

/** One side of `pnpm bench` (bare BullMQ or the queued pipeline), measured in alternating rounds. */
export interface BenchSide {
  name: string;
  /** One message submitted and waited for, alone: its submit→result time in ms. */
  latencySample(round: number, index: number): Promise<number>;
  /** `messages` over `conversations` conversations (ids unique to the round), submitted as they come: seconds until all finished. */
  throughputRound(round: number, messages: number, conversations: number): Promise<number>;
  close(): Promise<void>;
}

/** Counts a worker's completed jobs, to time a throughput round (both sides alike). */
export class CompletionCounter {
  private completed = 0;
  private target = Number.POSITIVE_INFINITY;
  private onAllDone: (() => void) | undefined;

  constructor(worker: { on(event: 'completed', listener: () => void): unknown }) {
    worker.on('completed', () => {
      this.completed += 1;
      if (this.completed >= this.target) this.onAllDone?.();
    });
  }

  /** Submits `messages` (`submit(i)`, at most `concurrency` at once): seconds until as many jobs completed. */
  async timeRound(messages: number, concurrency: number, submit: (index: number) => Promise<unknown>): Promise<number> {
    this.completed = 0;
    this.target = messages;
    const done = new Promise<void>((resolve) => (this.onAllDone = resolve));
    const started = performance.now();
    await runWithConcurrency(messages, concurrency, async (index) => {
      await submit(index);
    });
    await done;
    this.target = Number.POSITIVE_INFINITY;
    return (performance.now() - started) / 1000;
  }
}
