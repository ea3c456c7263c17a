import type { Response } from 'express';

/** What the headers need from the queue engine's RateLimitStatus. */
export interface RateLimitHeaderInput {
  limit: number;
  remaining: number;
  window_seconds: number;
  reset_seconds: number;
}

/** Name of our quota policy in the RateLimit header fields. */
export const RATE_LIMIT_POLICY_NAME = 'conversation';

/**
 * Sets the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, -08 and later:
 * Structured Field items named by a string): `RateLimit-Policy: "conversation";q=10;w=60` and
 * `RateLimit: "conversation";r=3;t=42`.
 */
export function setRateLimitHeaders(res: Response, status: RateLimitHeaderInput, policyName: string = RATE_LIMIT_POLICY_NAME): void {
  res.setHeader('RateLimit-Policy', `"${policyName}";q=${status.limit};w=${status.window_seconds}`);
  res.setHeader(
    'RateLimit',
    `"${policyName}";r=${Math.max(0, Math.trunc(status.remaining))};t=${Math.max(0, Math.ceil(status.reset_seconds))}`,
  );
}

/** `Retry-After` in whole seconds, at least 1 (a 0 would invite an immediate retry). */
export function retryAfterSeconds(value: number): number {
  return Math.max(1, Math.ceil(value));
}
