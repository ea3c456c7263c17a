import { AppError } from '../../errors/app-error.ts';
import type { ProviderAttempt } from './provider-attempt.ts';

/**
 * Errors of the live provider layer. Every one carries the vendor, the model, the upstream HTTP status
 * (when there was a response) and a `disposition` telling the retry loop and the model chain what to do:
 *
 * - `retry`: try the same model again (connection error, deadline, 408, 409, 429, 5xx, malformed body);
 * - `fallback`: stop with this model, try the next one of the chain (retries exhausted, context too long,
 *   open circuit, budget refused for this model);
 * - `fatal`: stop the chain (400, 401/403, 402, the job's own deadline, a stream broken after its first token).
 */
export type ProviderName = 'openrouter' | 'openai' | 'cohere';
export type ErrorDisposition = 'retry' | 'fallback' | 'fatal';

export interface ProviderErrorOptions {
  provider: ProviderName;
  model: string;
  message: string;
  code: string;
  disposition: ErrorDisposition;
  /** Upstream HTTP status, when a response was received. */
  upstreamStatus?: number;
  /** Wait asked by the vendor (Retry-After / retry-after-ms), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProviderError extends AppError {
  readonly provider: ProviderName;
  readonly model: string;
  readonly disposition: ErrorDisposition;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(options: ProviderErrorOptions) {
    super({
      message: options.message,
      code: options.code,
      status: options.upstreamStatus ?? 502,
      retryable: options.disposition === 'retry',
      details: {
        provider: options.provider,
        model: options.model,
        upstream_status: options.upstreamStatus,
        disposition: options.disposition,
      },
      cause: options.cause,
    });
    this.provider = options.provider;
    this.model = options.model;
    this.disposition = options.disposition;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Connection refused/reset, per-call deadline, 408, 409, 429, 5xx, malformed body: worth another attempt. */
export class ProviderTransientError extends ProviderError {
  constructor(options: Omit<ProviderErrorOptions, 'disposition'>) {
    super({ ...options, disposition: 'retry' });
  }
}

/** The prompt does not fit the model's context: another model (larger context) may take it. */
export class ProviderContextTooLongError extends ProviderError {
  constructor(options: Omit<ProviderErrorOptions, 'disposition' | 'code'>) {
    super({ ...options, code: 'provider_context_too_long', disposition: 'fallback' });
  }
}

/** 400, 401/403, 402: no other attempt or model will do better; the request or the account is wrong. */
export class ProviderFatalError extends ProviderError {
  constructor(options: Omit<ProviderErrorOptions, 'disposition'>) {
    super({ ...options, disposition: 'fatal' });
  }
}

/** Every attempt on one model failed with retryable errors. */
export class ProviderRetriesExhaustedError extends ProviderError {
  readonly lastError: ProviderError;
  constructor(lastError: ProviderError, attempts: number) {
    super({
      provider: lastError.provider,
      model: lastError.model,
      message: `${lastError.provider} ${lastError.model}: ${attempts} attempt(s) failed, last: ${lastError.message}`,
      code: 'provider_retries_exhausted',
      disposition: 'fallback',
      upstreamStatus: lastError.upstreamStatus,
      cause: lastError,
    });
    this.lastError = lastError;
  }
}

/** The model's circuit is open: the call is not made. */
export class ProviderCircuitOpenError extends ProviderError {
  constructor(provider: ProviderName, model: string, retryInMs: number) {
    super({
      provider,
      model,
      message: `${provider} ${model}: circuit open, next probe in ${retryInMs} ms`,
      code: 'provider_circuit_open',
      disposition: 'fallback',
      upstreamStatus: 503,
    });
  }
}

/** The daily budget cannot cover the worst case of this call. */
export class ProviderBudgetExceededError extends ProviderError {
  readonly requestedUsd: number;
  constructor(provider: ProviderName, model: string, requestedUsd: number) {
    super({
      provider,
      model,
      message: `${provider} ${model}: daily budget reached (call needs up to $${requestedUsd.toFixed(6)})`,
      code: 'provider_budget_exceeded',
      disposition: 'fallback',
      upstreamStatus: 402,
    });
    this.requestedUsd = requestedUsd;
  }
}

/** The job's own signal aborted (its deadline, or shutdown): nothing more is tried. */
export class ProviderCallAbortedError extends ProviderError {
  constructor(provider: ProviderName, model: string, cause?: unknown) {
    super({
      provider,
      model,
      message: `${provider} ${model}: call aborted by the job`,
      code: 'provider_call_aborted',
      disposition: 'fatal',
      upstreamStatus: 499,
      cause,
    });
  }
}

/**
 * A stream broke after its first token had reached the visitor. No other model is tried (the visitor
 * would see two answers): the job fails, keeping the text already written.
 */
export class ProviderStreamBrokenError extends ProviderError {
  readonly partialText: string;
  readonly attempts: ProviderAttempt[];
  constructor(options: { provider: ProviderName; model: string; partialText: string; cause: unknown; attempts: ProviderAttempt[] }) {
    const causeMessage = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super({
      provider: options.provider,
      model: options.model,
      message: `${options.provider} ${options.model}: stream broke after ${options.partialText.length} characters: ${causeMessage}`,
      code: 'provider_stream_broken',
      disposition: 'fatal',
      upstreamStatus: 502,
      cause: options.cause,
    });
    this.partialText = options.partialText;
    this.attempts = options.attempts;
  }
}

/** Every model of a chain failed (or was skipped). `attempts` lists what was tried. */
export class AllModelsFailedError extends ProviderError {
  readonly attempts: ProviderAttempt[];
  readonly lastError: ProviderError | undefined;
  constructor(options: { provider: ProviderName; role: string; models: string[]; attempts: ProviderAttempt[]; lastError?: ProviderError }) {
    super({
      provider: options.provider,
      model: options.models.join(','),
      message: `${options.provider}: every model of the ${options.role} chain failed (${options.models.join(', ')})${
        options.lastError ? `; last: ${options.lastError.message}` : ''
      }`,
      code: 'provider_all_models_failed',
      disposition: options.lastError?.disposition === 'fatal' ? 'fatal' : 'fallback',
      upstreamStatus: options.lastError?.upstreamStatus ?? 503,
      cause: options.lastError,
    });
    this.attempts = options.attempts;
    this.lastError = options.lastError;
  }
}

/** The provider attempts a failed capability call carries (every model failed, or a stream broke). */
export function attemptsOfFailure(error: unknown): ProviderAttempt[] {
  return error instanceof AllModelsFailedError || error instanceof ProviderStreamBrokenError ? error.attempts : [];
}
