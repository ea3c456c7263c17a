import { LinkedAbortController } from '../../jobs/linked-abort-controller.ts';
import type { Logger } from '../../logging/logger.ts';
import type { BudgetReservation, DailyBudget } from '../budget/daily-budget.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { classifyProviderError } from './classify-provider-error.ts';
import type { ProviderAttempt, ProviderAttemptLog } from './provider-attempt.ts';
import {
  ProviderBudgetExceededError,
  ProviderCallAbortedError,
  ProviderCircuitOpenError,
  ProviderError,
  ProviderRetriesExhaustedError,
  ProviderStreamBrokenError,
  type ProviderName,
} from './provider-errors.ts';

/**
 * THE retry loop of the provider layer (SDK retries are off). For one model: up to `maxAttempts`
 * attempts, each under its own deadline (`callTimeoutMs`) combined with the job's AbortSignal; backoff
 * with full jitter between attempts, or the vendor's Retry-After when given (a Retry-After longer than
 * `retryAfterMaxMs` gives up on this model at once). Before each attempt the model's circuit breaker
 * and the daily budget are asked; after it, both are told the outcome. Every attempt is recorded in
 * `attemptLog` and logged.
 *
 * Throws a ProviderError whose `disposition` tells the model chain what to do next:
 * `fallback` (retries exhausted, context too long, circuit open, budget refused) or `fatal`.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryAfterMaxMs: number;
  callTimeoutMs: number;
  random?: () => number;
}

export interface AttemptSuccess<T> {
  value: T;
  servedModel: string | null;
  costUsd: number;
}

export interface BudgetClaim {
  budget: DailyBudget;
  worstCaseUsd: number;
}

export interface CallWithRetriesOptions<T> {
  provider: ProviderName;
  role: string;
  model: string;
  policy: RetryPolicy;
  breaker?: CircuitBreaker;
  budget?: BudgetClaim;
  jobSignal?: AbortSignal;
  attemptLog: ProviderAttemptLog;
  logger: Logger;
  operation: (context: { signal: AbortSignal; attempt: number }) => Promise<AttemptSuccess<T>>;
}

export class CallDeadlineExpired extends Error {
  constructor(milliseconds: number) {
    super(`call deadline of ${milliseconds} ms expired`);
    this.name = 'CallDeadlineExpired';
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
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

export function backoffDelayMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round((policy.random ?? Math.random)() * ceiling);
}

export async function callWithRetries<T>(options: CallWithRetriesOptions<T>): Promise<T> {
  const { provider, role, model, policy, breaker, budget, jobSignal, attemptLog, logger } = options;
  let lastError: ProviderError | undefined;

  const record = (attempt: ProviderAttempt) => {
    attemptLog.add(attempt);
    // An aborted attempt is the caller's decision (the job ended, its deadline, the worker's shutdown), not a provider fault.
    const level = attempt.status === 'ok' || attempt.status === 'aborted' ? 'info' : 'warn';
    logger[level]({ provider_attempt: attempt }, `provider attempt ${attempt.status}`);
  };
  const base = { provider, role, requestedModel: model };

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    if (jobSignal?.aborted) throw new ProviderCallAbortedError(provider, model, jobSignal.reason);

    if (breaker && !breaker.tryAcquire()) {
      const error = new ProviderCircuitOpenError(provider, model, breaker.msUntilProbe());
      record({ ...base, servedModel: null, status: 'skipped_circuit_open', httpStatus: null, latencyMs: 0, attempt, costUsd: 0, errorCode: error.code, errorMessage: error.message });
      throw error;
    }

    let reservation: BudgetReservation | null = null;
    if (budget) {
      try {
        reservation = await budget.budget.reserve(provider, model, budget.worstCaseUsd);
      } catch (error) {
        breaker?.releaseWithoutVerdict();
        throw error;
      }
      if (!reservation) {
        breaker?.releaseWithoutVerdict();
        const error = new ProviderBudgetExceededError(provider, model, budget.worstCaseUsd);
        record({ ...base, servedModel: null, status: 'skipped_budget', httpStatus: null, latencyMs: 0, attempt, costUsd: 0, errorCode: error.code, errorMessage: error.message });
        throw error;
      }
    }

    // The call's signal: the job's, or this attempt's deadline (operations finish with the call: no stream outlives it).
    const callAbort = new LinkedAbortController([jobSignal]);
    let deadlineExpired = false;
    const timer = setTimeout(() => {
      deadlineExpired = true;
      callAbort.abort(new CallDeadlineExpired(policy.callTimeoutMs));
    }, policy.callTimeoutMs);
    const { signal } = callAbort;
    const startedAt = performance.now();
    try {
      const success = await options.operation({ signal, attempt });
      clearTimeout(timer);
      callAbort.dispose();
      const latencyMs = Math.round(performance.now() - startedAt);
      breaker?.recordSuccess(latencyMs);
      if (reservation) await budget!.budget.settle(reservation, success.costUsd);
      record({ ...base, servedModel: success.servedModel, status: 'ok', httpStatus: 200, latencyMs, attempt, costUsd: success.costUsd });
      return success.value;
    } catch (caught) {
      clearTimeout(timer);
      callAbort.dispose();
      const error = classifyProviderError(caught, {
        provider,
        model,
        jobAborted: jobSignal?.aborted === true,
        callDeadlineExpired: deadlineExpired,
      });
      // A broken stream may have been billed: count its worst case rather than nothing.
      if (reservation) await budget!.budget.settle(reservation, error instanceof ProviderStreamBrokenError ? reservation.reservedUsd : 0);
      if (error.disposition === 'retry' || error instanceof ProviderStreamBrokenError) breaker?.recordFailure();
      else breaker?.releaseWithoutVerdict();

      const willRetry = error.disposition === 'retry' && attempt < policy.maxAttempts;
      const retryAfterTooLong = error.retryAfterMs !== undefined && error.retryAfterMs > policy.retryAfterMaxMs;
      const status = error instanceof ProviderCallAbortedError ? 'aborted' : error.disposition === 'retry' ? (willRetry && !retryAfterTooLong ? 'retry' : 'fallback') : error.disposition;
      record({
        ...base,
        servedModel: null,
        status,
        httpStatus: error.upstreamStatus ?? null,
        latencyMs: Math.round(performance.now() - startedAt),
        attempt,
        costUsd: 0,
        errorCode: error.code,
        errorMessage: error.message,
      });
      if (error.disposition !== 'retry') throw error;
      lastError = error;
      if (!willRetry || retryAfterTooLong) throw new ProviderRetriesExhaustedError(error, attempt);
      const waitMs = error.retryAfterMs ?? backoffDelayMs(attempt, policy);
      try {
        await sleepUnlessAborted(waitMs, jobSignal);
      } catch (reason) {
        throw new ProviderCallAbortedError(provider, model, reason);
      }
    }
  }
  throw new ProviderRetriesExhaustedError(lastError!, policy.maxAttempts);
}
