/**
 * Runs `operation` until it succeeds, `shouldRetry` says no, or `attempts` are spent,
 * sleeping between tries with exponential backoff and full jitter:
 * delay(n) = random() * min(maxDelayMs, baseDelayMs * 2^n).
 */
export interface BackoffPolicy {
  /** Total tries, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryOptions extends BackoffPolicy {
  shouldRetry: (error: unknown) => boolean;
  /** Called before each wait, e.g. to tell the visitor "nouvelle tentative…". */
  onRetry?: (details: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
  random?: () => number;
}

export const defaultSubmitBackoff: BackoffPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

export function backoffDelayMs(retryIndex: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(random() * ceiling);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function retryWithBackoff<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.shouldRetry(error) || options.signal?.aborted) throw error;
      const delayMs = backoffDelayMs(attempt - 1, options, random);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
