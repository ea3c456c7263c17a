/**
 * Runs `attempt` again after each of `delaysMs` (timers unref'd) until it succeeds: for a give-back
 * that failed once on the request path (a Redis reply lost, Redis away) and must not be forgotten.
 * `onGiveUp` gets the last error when every delay is spent.
 */
export function retryInBackground(attempt: () => Promise<void>, delaysMs: readonly number[], onGiveUp?: (error: unknown) => void): void {
  const schedule = (retry: number, lastError: unknown): void => {
    const delayMs = delaysMs[retry];
    if (delayMs === undefined) {
      onGiveUp?.(lastError);
      return;
    }
    const timer = setTimeout(() => {
      attempt().catch((error: unknown) => schedule(retry + 1, error));
    }, delayMs);
    timer.unref();
  };
  schedule(0, undefined);
}
