import type { AppConfig } from '../config/config.ts';

/** Name of our backoff type in job options; the worker's `backoffStrategy` computes it. */
export const JITTER_BACKOFF_TYPE = 'jitter';

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base * 2^(failures-1))].
 * `failures` is the number of failed attempts so far (1 after the first failure).
 */
export function fullJitterBackoffDelay(
  failures: number,
  settings: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const cap = Math.min(settings.maxMs, settings.baseMs * 2 ** exponent);
  return Math.floor(random() * cap);
}

/** The BullMQ `settings.backoffStrategy` of the chat worker (BullMQ passes attemptsMade + 1). */
export function createChatBackoffStrategy(config: Pick<AppConfig, 'JOB_BACKOFF_BASE_MS' | 'JOB_BACKOFF_MAX_MS'>) {
  return (failures: number, type?: string): number => {
    if (type !== undefined && type !== JITTER_BACKOFF_TYPE) {
      // Not ours: a plain exponential backoff without jitter rather than an unexpected failure.
      return Math.min(config.JOB_BACKOFF_MAX_MS, config.JOB_BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
    }
    return fullJitterBackoffDelay(failures, { baseMs: config.JOB_BACKOFF_BASE_MS, maxMs: config.JOB_BACKOFF_MAX_MS });
  };
}
