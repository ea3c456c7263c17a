import { APIError as OpenAIAPIError, APIConnectionError as OpenAIConnectionError } from 'openai';
import { CohereError, CohereTimeoutError } from 'cohere-ai';
import {
  ProviderCallAbortedError,
  ProviderContextTooLongError,
  ProviderError,
  ProviderFatalError,
  ProviderTransientError,
  type ProviderName,
} from './provider-errors.ts';

/**
 * Sorts any error thrown by the `openai` or `cohere-ai` SDK (or by our own stream reader) into
 * retry / fallback / fatal (docs/properties.md, property 3):
 *
 * - retry: connection errors, our per-call deadline, 408, 409, 429 (with Retry-After), 5xx, a malformed body;
 * - fallback: context too long (400/413 saying so);
 * - fatal: other 4xx (400, 401/403, 402, 404, 422), and the job's own abort.
 */
export interface ClassificationContext {
  provider: ProviderName;
  model: string;
  /** The job's signal aborted (its deadline or shutdown): never retried. */
  jobAborted: boolean;
  /** Our per-call deadline fired. */
  callDeadlineExpired: boolean;
}

const contextTooLongPattern =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length|max_tokens.*exceed|exceeds the context/i;

/** Parses `retry-after-ms`, then `Retry-After` (seconds or an HTTP date), into milliseconds. */
export function parseRetryAfterMs(headers: Headers | Record<string, string> | undefined | null, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const read = (name: string): string | null => {
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
    const record = headers as Record<string, string>;
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? null : (record[key] ?? null);
  };
  const milliseconds = read('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '' && Number.isFinite(Number(milliseconds))) {
    return Math.max(0, Number(milliseconds));
  }
  const retryAfter = read('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function messageOf(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : record;
    if (typeof nested.message === 'string') return nested.message.slice(0, 300);
    if (typeof record.message === 'string') return record.message.slice(0, 300);
  }
  return fallback;
}

function codeOf(body: unknown): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : record;
    if (typeof nested.code === 'string') return nested.code;
  }
  return '';
}

/** Classifies an HTTP status (with its body) into one of our error classes. */
export function classifyHttpStatus(
  status: number,
  body: unknown,
  context: Pick<ClassificationContext, 'provider' | 'model'>,
  retryAfterMs: number | undefined,
  cause: unknown,
): ProviderError {
  const message = `${context.provider} ${context.model}: HTTP ${status}: ${messageOf(body, 'error')}`;
  const base = { provider: context.provider, model: context.model, message, upstreamStatus: status, cause, retryAfterMs };
  const bodyText = `${codeOf(body)} ${messageOf(body, '')}`;
  if ((status === 400 || status === 413 || status === 422) && contextTooLongPattern.test(bodyText)) {
    return new ProviderContextTooLongError(base);
  }
  if (status === 413) return new ProviderContextTooLongError(base);
  if (status === 408 || status === 409 || status === 429 || status >= 500) {
    return new ProviderTransientError({ ...base, code: status === 429 ? 'provider_rate_limited' : 'provider_unavailable' });
  }
  const code =
    status === 401 || status === 403
      ? 'provider_unauthorized'
      : status === 402
        ? 'provider_payment_required'
        : 'provider_bad_request';
  return new ProviderFatalError({ ...base, code });
}

export function classifyProviderError(error: unknown, context: ClassificationContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const { provider, model } = context;
  if (context.jobAborted) return new ProviderCallAbortedError(provider, model, error);
  if (context.callDeadlineExpired) {
    return new ProviderTransientError({
      provider,
      model,
      message: `${provider} ${model}: no answer within the call deadline`,
      code: 'provider_timeout',
      upstreamStatus: 504,
      cause: error,
    });
  }
  if (error instanceof OpenAIConnectionError) {
    return new ProviderTransientError({
      provider,
      model,
      message: `${provider} ${model}: connection error: ${error.message}`,
      code: 'provider_connection_error',
      cause: error,
    });
  }
  if (error instanceof OpenAIAPIError) {
    if (error.status === undefined) {
      // An error event inside a stream (no HTTP status): the vendor failed mid-way, worth another attempt.
      const embedded = (error.error ?? {}) as Record<string, unknown>;
      const embeddedStatus = typeof embedded.code === 'number' ? embedded.code : undefined;
      if (embeddedStatus !== undefined && embeddedStatus >= 400 && embeddedStatus < 600) {
        return classifyHttpStatus(embeddedStatus, error.error, context, undefined, error);
      }
      return new ProviderTransientError({
        provider,
        model,
        message: `${provider} ${model}: error event in stream: ${error.message}`,
        code: 'provider_stream_error',
        cause: error,
      });
    }
    return classifyHttpStatus(error.status, error.error, context, parseRetryAfterMs(error.headers), error);
  }
  if (error instanceof CohereTimeoutError) {
    return new ProviderTransientError({
      provider,
      model,
      message: `${provider} ${model}: timeout: ${error.message}`,
      code: 'provider_timeout',
      upstreamStatus: 504,
      cause: error,
    });
  }
  if (error instanceof CohereError) {
    if (error.statusCode !== undefined) {
      const headers = error.rawResponse?.headers;
      return classifyHttpStatus(error.statusCode, error.body, context, parseRetryAfterMs(headers), error);
    }
    return new ProviderTransientError({
      provider,
      model,
      message: `${provider} ${model}: ${error.message}`,
      code: /json/i.test(error.message) ? 'provider_malformed_response' : 'provider_connection_error',
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderTransientError({
      provider,
      model,
      message: `${provider} ${model}: malformed response: ${error.message}`,
      code: 'provider_malformed_response',
      upstreamStatus: 502,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  // Fetch-level failures (ECONNRESET, socket closed, "terminated") surface as TypeError or plain Error.
  return new ProviderTransientError({
    provider,
    model,
    message: `${provider} ${model}: ${message}`,
    code: 'provider_connection_error',
    cause: error,
  });
}
