import { codePointLength, completedJobViewOf, type ChatJobView } from '@lac/core';
import type { ChatJobReaderPort, JobEventHubPort } from '../app-dependencies.ts';

export function isTerminalJobView(view: ChatJobView): boolean {
  return view.status === 'completed' || view.status === 'failed';
}

/**
 * Reads the job, waiting up to `timeoutMs` for it to end (or, with `partialAfter`, for its
 * streamed answer to grow past what the client already has). The waiter is registered with the
 * event hub BEFORE the state is read, so a job that ends in between still wakes it; no polling.
 * Returns the latest view (null: unknown job; `failed` only once confirmed, see settled-job-view.ts).
 * Stops early when `signal` aborts.
 */
export async function waitForJobEnd(
  dependencies: { jobReader: ChatJobReaderPort; eventHub: JobEventHubPort },
  jobId: string,
  timeoutMs: number,
  signal?: AbortSignal,
  options: WaitOptions = {},
): Promise<ChatJobView | null> {
  if (timeoutMs <= 0 || signal?.aborted) return dependencies.jobReader.getJobView(jobId);
  const { partialAfter } = options;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  // With `partialAfter`, text written past what the client already has also ends the wait. A
  // completed event carries the result: the view is built from it without reading the job again.
  let textGrew: () => void = () => undefined;
  const grew = new Promise<void>((resolve) => (textGrew = resolve));
  let completedView: ChatJobView | null = null;
  const unsubscribe = dependencies.eventHub.subscribe(jobId, (event) => {
    if (event.type === 'completed') completedView = completedJobViewOf(jobId, event.returnValue);
    else if (partialAfter !== undefined && event.type === 'progress' && isLongerThan(event.partialReply ?? '', partialAfter)) textGrew();
  });
  // Ends on the hub's answer (job ended or timeout), on new text, or as soon as the caller's signal aborts.
  const ended = Promise.race([
    dependencies.eventHub.waitForTerminal(jobId, timeoutMs, controller.signal),
    grew,
    new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true })),
  ]).then(
    () => undefined,
    () => undefined,
  );
  try {
    const view = await dependencies.jobReader.getJobView(jobId);
    if (view === null || isTerminalJobView(view) || hasTextBeyond(view, partialAfter)) return view;
    await ended;
    return completedView ?? (await dependencies.jobReader.getJobView(jobId));
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

export interface WaitOptions {
  /** Also stop waiting once the answer written so far is longer than this many characters (code points). */
  partialAfter?: number;
}

function hasTextBeyond(view: ChatJobView, partialAfter: number | undefined): boolean {
  return partialAfter !== undefined && isLongerThan(view.partial_reply ?? '', partialAfter);
}

/**
 * Whether `text` has more than `characters` Unicode code points: the length a client in any
 * language counts (Python's `len`, Go's `utf8.RuneCountInString`, JavaScript's `[...text].length`).
 * Counting UTF-16 units instead made a client that counts code points, given an answer with an
 * emoji, get the same text back at once, in a loop.
 */
export function isLongerThan(text: string, characters: number): boolean {
  // Never more code points than UTF-16 units: most calls end on the length alone.
  return text.length > characters && codePointLength(text) > characters;
}
