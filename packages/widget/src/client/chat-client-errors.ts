/**
 * Errors the widget's HTTP clients raise. Each carries structured fields the UI
 * reads (never a parsed message string).
 */

/** The request never got an HTTP answer (offline, DNS, connection reset, timeout). */
export class NetworkError extends Error {
  readonly kind = 'network' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** The server answered with an error status. `code`/`serverMessage` come from `{"error":{code,message}}`. */
export class HttpStatusError extends Error {
  readonly kind = 'http' as const;
  readonly status: number;
  readonly code: string | undefined;
  readonly serverMessage: string | undefined;
  constructor(options: { status: number; code?: string; serverMessage?: string }) {
    super(`HTTP ${options.status}${options.code ? ` (${options.code})` : ''}`);
    this.name = 'HttpStatusError';
    this.status = options.status;
    this.code = options.code;
    this.serverMessage = options.serverMessage;
  }
}

/** 429 from the API: the visitor must wait `retryAfterSeconds` before writing again. */
export class RateLimitedError extends Error {
  readonly kind = 'rate_limited' as const;
  readonly retryAfterSeconds: number;
  readonly serverMessage: string;
  constructor(options: { retryAfterSeconds: number; serverMessage?: string }) {
    super(`rate limited for ${options.retryAfterSeconds}s`);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.serverMessage = options.serverMessage ?? RATE_LIMITED_MESSAGE;
  }
}

/** The job ended in `failed`, or the answer never came before the wait deadline. */
export class JobFailedError extends Error {
  readonly kind = 'job_failed' as const;
  readonly code: string;
  readonly serverMessage: string | undefined;
  constructor(options: { code: string; serverMessage?: string }) {
    super(`job failed (${options.code})`);
    this.name = 'JobFailedError';
    this.code = options.code;
    this.serverMessage = options.serverMessage;
  }
}

export const RATE_LIMITED_MESSAGE = 'Trop de messages. Veuillez patienter.';

/** Network errors and statuses another attempt may cure: 408, 425, 500, 502, 503, 504. */
export function isRetryableRequestError(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof HttpStatusError) return [408, 425, 500, 502, 503, 504].includes(error.status);
  return false;
}

/**
 * For reads and erasure: what isRetryableRequestError retries, and a 429 that asks to wait a few
 * seconds at most (too many requests of this client at work at once, often many visitors behind
 * one address). A message's POST does not use it: its 429 is the visitor's own message limit.
 */
export function isRetryableReadError(error: unknown): boolean {
  return isRetryableRequestError(error) || (error instanceof RateLimitedError && error.retryAfterSeconds <= 5);
}
