import type { Logger } from '../logging/logger.ts';

/**
 * How long before a shutdown's own deadline (its backstop's exit) the closes end: when one hangs,
 * closeWithinDeadline's line naming what was left, not the backstop's bare one, is the last word.
 * The API and the worker give their closes their deadline less this.
 */
export const EXIT_HEADROOM_MS = 200;

/** One thing a process closes on its way out (a queue, an event hub, a pool, a connection). */
export interface CloseStep {
  name: string;
  close(): Promise<unknown>;
  /** Run when the step is abandoned (not started, or still waiting at the deadline): e.g. a Redis connection's `disconnect()`. */
  abandon?(): void;
}

/** `failed`: the steps whose close threw (logged, the next ones run): a shutdown that did not close cleanly. */
export type CloseOutcome = { kind: 'closed'; failed: string[] } | { kind: 'abandoned'; waitingOn: string; notStarted: string[] };

/**
 * Closes `steps` one after the other (their order matters: the queues before the connection they
 * use) until `deadlineMs` has passed. A close that waits on a dependency that is down (a black-holed
 * or stopped Redis: a QUIT or BullMQ's close waiting for a reply that never comes) is abandoned at
 * the deadline with the steps after it, each abandoned step's `abandon()` is run, and one error line
 * names what was left: the process exits on time and says why. A step that fails is logged and the
 * next one runs. Each step's duration is logged at debug.
 */
export async function closeWithinDeadline(steps: readonly CloseStep[], options: { deadlineMs: number; logger: Logger; what: string }): Promise<CloseOutcome> {
  const { logger } = options;
  const deadlineAt = Date.now() + options.deadlineMs;
  const failed: string[] = [];
  for (const [index, step] of steps.entries()) {
    const startedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), Math.max(0, deadlineAt - startedAt));
    });
    const closing = step.close().then(
      () => 'closed' as const,
      (error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error), step: step.name }, `${options.what}: close failed`);
        return 'failed' as const;
      },
    );
    const ended = await Promise.race([closing, deadline]);
    clearTimeout(timer);
    if (ended === 'deadline') {
      const left = steps.slice(index);
      for (const abandoned of left) abandonQuietly(abandoned);
      const outcome: CloseOutcome = { kind: 'abandoned', waitingOn: step.name, notStarted: left.slice(1).map((abandoned) => abandoned.name) };
      logger.error(
        { deadlineMs: options.deadlineMs, waitingOn: outcome.waitingOn, notStarted: outcome.notStarted },
        `${options.what}: closing abandoned after ${options.deadlineMs} ms, still waiting on ${step.name}${outcome.notStarted.length > 0 ? `, not started: ${outcome.notStarted.join(', ')}` : ''}`,
      );
      return outcome;
    }
    if (ended === 'closed') logger.debug({ step: step.name, durationMs: Date.now() - startedAt }, `${options.what}: closed`);
    else failed.push(step.name);
  }
  return { kind: 'closed', failed };
}

/**
 * Runs `closes` together (BullMQ workers draining at once) and settles once every one has ended:
 * one that fails early must not let the next steps close the pool and the connections under the
 * others, still draining their jobs. Rejects, naming how many failed, when any did.
 */
export async function closeTogether(closes: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(closes.map(async (close) => close()));
  const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failures.length === 0) return;
  const reasons = failures.map(({ reason }) => (reason instanceof Error ? reason.message : String(reason)));
  throw new AggregateError(
    failures.map(({ reason }) => reason),
    `${failures.length} of ${closes.length} closes failed: ${reasons.join('; ')}`,
  );
}

function abandonQuietly(step: CloseStep): void {
  try {
    step.abandon?.();
  } catch {
    // The process is exiting: an abandon that throws changes nothing.
  }
}
