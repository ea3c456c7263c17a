import { pino } from 'pino';

/**
 * SIGTERM and SIGINT while Node still loads a service's code. The composition root (`main.ts`)
 * imports the whole product before its first line runs: up to 3 to 5 s on a loaded machine, during
 * which a stop (a deploy, a scale-down, `docker compose stop`) killed the process by the signal's
 * default action, exit code 143, as if it had crashed. The service's entry (`src/start.ts`) installs
 * these handlers from its first line, then imports `main.ts`:
 *
 * - a stop while loading exits 0 at once: no job taken, no request accepted (the API keeps these
 *   handlers while it connects, until it listens);
 * - once the composition root installs its own handlers (StopSignalsDuringStart in the worker, the
 *   API's shutdown once it listens), it calls `releaseStopSignalsWhileLoading()` and they decide.
 * Node runs a handler only when its main thread is free: a signal that comes while it waits on the
 * module loader (tsx compiling) is handled after, by whichever handlers are installed then.
 *
 * This file imports nothing of the product, so that the entry loads it in a moment.
 */

type StopSignal = 'SIGTERM' | 'SIGINT';

let installed: Map<StopSignal, () => void> | undefined;

export function exitOnStopSignalsWhileLoading(service: 'api' | 'worker'): void {
  if (installed) return;
  installed = new Map();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const handler = () => {
      // The configured level is not read yet: one line at info, written before the exit.
      pino({ name: service }, pino.destination({ dest: 1, sync: true })).info({ signal }, `${service} stopped while starting, before taking any work`);
      process.exit(0);
    };
    installed.set(signal, handler);
    process.on(signal, handler);
  }
}

/** The composition root handles SIGTERM and SIGINT from now on: the loading handlers are removed. */
export function releaseStopSignalsWhileLoading(): void {
  for (const [signal, handler] of installed ?? []) process.off(signal, handler);
  installed = undefined;
}

/** Whether the loading handlers are still installed (for tests). */
export const stopSignalsWhileLoadingInstalled = (): boolean => installed !== undefined;
