import type { ChatJobView } from '@lac/core';
import type { ChatJobReaderPort, JobEventHubPort } from '../app-dependencies.ts';

export function isTerminalJobView(view: ChatJobView): boolean {
  return view.status === 'completed' || view.status === 'failed';
}

/**
 * Reads the job, waiting up to `timeoutMs` for it to end. The waiter is registered with the
 * event hub BEFORE the state is read, so a job that ends in between still wakes it; no polling.
 * Returns the latest view (null: unknown job). Stops early when `signal` aborts.
 */
export async function waitForJobEnd(
  dependencies: { jobReader: ChatJobReaderPort; eventHub: JobEventHubPort },
  jobId: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ChatJobView | null> {
  if (timeoutMs <= 0 || signal?.aborted) return dependencies.jobReader.getJobView(jobId);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  // Ends on the hub's answer (job ended or timeout) or as soon as the caller's signal aborts.
  const ended = Promise.race([
    dependencies.eventHub.waitForTerminal(jobId, timeoutMs, controller.signal),
    new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true })),
  ]).then(
    () => undefined,
    () => undefined,
  );
  try {
    const view = await dependencies.jobReader.getJobView(jobId);
    if (view === null || isTerminalJobView(view)) return view;
    await ended;
    return await dependencies.jobReader.getJobView(jobId);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}
