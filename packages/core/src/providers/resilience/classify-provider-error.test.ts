import { APIConnectionError, APIError } from 'openai';
import { CohereError, CohereTimeoutError } from 'cohere-ai';
import { describe, expect, it } from 'vitest';
import { classifyProviderError, parseRetryAfterMs } from './classify-provider-error.ts';
import { ProviderCallAbortedError, ProviderContextTooLongError, ProviderFatalError, ProviderTransientError } from './provider-errors.ts';
import { backoffDelayMs } from './retry-loop.ts';

const context = { provider: 'openrouter' as const, model: 'm', jobAborted: false, callDeadlineExpired: false };
const apiError = (status: number, body: object = { error: { message: 'x' } }, headers: Record<string, string> = {}) =>
  APIError.generate(status, body, undefined, new Headers(headers));

describe('classifyProviderError', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('%i is retried', (status) => {
    const error = classifyProviderError(apiError(status), context);
    expect(error).toBeInstanceOf(ProviderTransientError);
    expect(error).toMatchObject({ disposition: 'retry', retryable: true, upstreamStatus: status, status });
  });

  it.each([400, 401, 402, 403, 404, 422])('%i is fatal', (status) => {
    const error = classifyProviderError(apiError(status), context);
    expect(error).toBeInstanceOf(ProviderFatalError);
    expect(error).toMatchObject({ disposition: 'fatal', retryable: false, upstreamStatus: status });
  });

  it('a context-too-long 400 falls back', () => {
    const error = classifyProviderError(apiError(400, { error: { message: 'prompt is too long: 250000 tokens', code: 'context_length_exceeded' } }), context);
    expect(error).toBeInstanceOf(ProviderContextTooLongError);
    expect(error.disposition).toBe('fallback');
  });

  it('connection errors, our deadline and malformed bodies are retried; the job abort is not', () => {
    expect(classifyProviderError(new APIConnectionError({ message: 'ECONNREFUSED' }), context).disposition).toBe('retry');
    expect(classifyProviderError(new Error('aborted'), { ...context, callDeadlineExpired: true })).toMatchObject({ code: 'provider_timeout', disposition: 'retry' });
    expect(classifyProviderError(new SyntaxError('Unexpected end of JSON'), context)).toMatchObject({ code: 'provider_malformed_response', disposition: 'retry' });
    expect(classifyProviderError(new Error('aborted'), { ...context, jobAborted: true })).toBeInstanceOf(ProviderCallAbortedError);
  });

  it('reads an error event inside a stream by its embedded code', () => {
    const midStream = new APIError(undefined, { code: 502, message: 'Provider disconnected' }, undefined, undefined);
    expect(classifyProviderError(midStream, context)).toMatchObject({ disposition: 'retry', upstreamStatus: 502 });
  });

  it('classifies Cohere SDK errors by status code, with Retry-After', () => {
    const tooMany = new CohereError({
      statusCode: 429,
      body: { message: 'slow down' },
      rawResponse: { headers: new Headers({ 'retry-after': '2' }), redirected: false, status: 429, statusText: '', type: 'basic', url: '' },
    });
    expect(classifyProviderError(tooMany, { ...context, provider: 'cohere' })).toMatchObject({ disposition: 'retry', retryAfterMs: 2000 });
    expect(classifyProviderError(new CohereError({ statusCode: 401, body: {} }), context).disposition).toBe('fatal');
    expect(classifyProviderError(new CohereTimeoutError('timeout'), context).disposition).toBe('retry');
  });
});

describe('parseRetryAfterMs and backoff', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
    expect(parseRetryAfterMs(new Headers({}))).toBeUndefined();
    expect(parseRetryAfterMs({ 'Retry-After': '1' })).toBe(1000);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, retryAfterMaxMs: 0, callTimeoutMs: 1, random: () => 1 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelayMs(3, { ...policy, random: () => 0 })).toBe(0);
  });
});
