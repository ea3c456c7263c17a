/**
 * SIGTERM and SIGINT from a process's first line, not only once it is ready. A worker process
 * starts its queue workers one after the other (escalation delivery, hand-over, chat, retention,
 * ingest) and only then installed its handlers: a SIGTERM meanwhile (a deploy, a scale-down, a
 * supervisor giving up on a slow start) killed it by the signal's default action, its jobs
 * neither finished nor handed back, an escalation webhook in flight sent again by the next worker.
 *
 * - before any job can run (`jobsMayRun()` not called): nothing to drain, `stopAtOnce` (exit);
 * - once jobs may run and until `ready()`: remembered, the shutdown runs as soon as the process is
 *   ready (its drain needs every part it closes to exist);
 * - after `ready()`: the shutdown at once.
 * A remembered stop is bounded as the shutdown itself is: when the process is still not ready after
 * `deferredDeadlineMs` (a start waiting on a Redis or database that stopped answering), `deferredExpired`
 * (exit). Without it, such a worker ignored SIGTERM and SIGINT until its dependency came back.
 */
import { releaseStopSignalsWhileLoading } from './stop-signals-while-loading.ts';

export type StopSignal = 'SIGTERM' | 'SIGINT';

export interface StopSignalsDuringStartOptions {
  /** The process's drain, once every part exists. */
  shutdown(signal: StopSignal): void;
  /** A stop before any job could run: nothing to drain. */
  stopAtOnce(signal: StopSignal): void;
  /** A stop remembered until ready (for a log line). */
  deferred?(signal: StopSignal): void;
  /** How long a remembered stop waits for `ready()` before `deferredExpired` (the shutdown's own deadline). */
  deferredDeadlineMs: number;
  /** A remembered stop whose process did not become ready within `deferredDeadlineMs` (exit). */
  deferredExpired(signal: StopSignal): void;
  /** What the handlers are added to (the process). */
  signals?: Pick<NodeJS.Process, 'on'>;
}

export class StopSignalsDuringStart {
  private phase: 'starting' | 'jobs_may_run' | 'ready' = 'starting';
  private deferred: StopSignal | undefined;
  private deferredDeadline: NodeJS.Timeout | undefined;

  constructor(private readonly options: StopSignalsDuringStartOptions) {
    const signals = options.signals ?? process;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) signals.on(signal, () => this.received(signal));
    // The entry's handlers (start.ts: exit 0 while the code loads) hand over to these.
    if (signals === process) releaseStopSignalsWhileLoading();
  }

  /** The first part that takes jobs is about to start: a stop from now on drains. */
  jobsMayRun(): void {
    if (this.phase === 'starting') this.phase = 'jobs_may_run';
  }

  /** Every part exists: a stop received meanwhile runs now, later ones at once. */
  ready(): void {
    this.phase = 'ready';
    clearTimeout(this.deferredDeadline);
    if (this.deferred !== undefined) this.options.shutdown(this.deferred);
  }

  /** A stop received before ready, waiting for it (undefined: none). */
  get waitingStop(): StopSignal | undefined {
    return this.deferred;
  }

  private received(signal: StopSignal): void {
    if (this.phase === 'ready') return this.options.shutdown(signal);
    if (this.phase === 'starting') return this.options.stopAtOnce(signal);
    if (this.deferred !== undefined) return;
    this.deferred = signal;
    this.options.deferred?.(signal);
    this.deferredDeadline = setTimeout(() => this.options.deferredExpired(signal), this.options.deferredDeadlineMs);
    this.deferredDeadline.unref();
  }
}
