import { describe, expect, it } from 'vitest';
import { HttpStatusError, isRetryableRequestError, NetworkError, RateLimitedError } from './chat-client-errors.ts';
import { retryAfterSecondsOf } from './http-json-request.ts';
import { backoffDelayMs, retryWithBackoff } from './retry-with-backoff.ts';

describe('retryWithBackoff', () => {
  it('retries retryable failures until one succeeds, waiting between tries', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async (attempt) => {
        calls += 1;
        if (attempt < 3) throw new NetworkError('connection reset');
        return 'ok';
      },
      { attempts: 5, baseDelayMs: 1, maxDelayMs: 4, shouldRetry: isRetryableRequestError, onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls += 1;
          throw new HttpStatusError({ status: 503 });
        },
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, shouldRetry: isRetryableRequestError },
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(3);
  });

  it('never retries a 429, a 4xx, or an unknown error', async () => {
    for (const error of [new RateLimitedError({ retryAfterSeconds: 30 }), new HttpStatusError({ status: 422 }), new Error('bug')]) {
      let calls = 0;
      await expect(
        retryWithBackoff(
          async () => {
            calls += 1;
            throw error;
          },
          { attempts: 5, baseDelayMs: 1, maxDelayMs: 2, shouldRetry: isRetryableRequestError },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('grows the delay ceiling exponentially up to the maximum (full jitter)', () => {
    const policy = { attempts: 10, baseDelayMs: 500, maxDelayMs: 8000 };
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = retryWithBackoff(
      async () => {
        throw new NetworkError('down');
      },
      { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, shouldRetry: () => true, signal: controller.signal, random: () => 1 },
    );
    await new Promise((resolve) => setTimeout(resolve, 20)); // now sleeping before the second try
    controller.abort(new Error('stopped'));
    await expect(pending).rejects.toThrow('stopped');
  });
});

describe('retryAfterSecondsOf', () => {
  it('prefers the body, then Retry-After seconds or date, else 60', () => {
    expect(retryAfterSecondsOf(12.2, '99')).toBe(13);
    expect(retryAfterSecondsOf(undefined, '42')).toBe(42);
    expect(retryAfterSecondsOf(undefined, new Date(1_000_000 + 30_000).toUTCString(), 1_000_000)).toBe(30);
    expect(retryAfterSecondsOf(undefined, null)).toBe(60);
    expect(retryAfterSecondsOf(0, null)).toBe(1);
  });
});
