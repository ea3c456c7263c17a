import type { Logger } from '../../logging/logger.ts';
import type { DailyBudget } from '../budget/daily-budget.ts';
import type { CircuitBreakerRegistry } from './circuit-breaker.ts';
import type { ProviderAttemptLog } from './provider-attempt.ts';
import { AllModelsFailedError, ProviderCallAbortedError, ProviderError, ProviderStreamBrokenError, type ProviderName } from './provider-errors.ts';
import { callWithRetries, type AttemptSuccess, type RetryPolicy } from './retry-loop.ts';

/**
 * Tries the models of a chain in order, each through the retry loop (breaker, budget, deadline); moves on
 * when a model ends with a `fallback` disposition; stops on fatal errors, a broken stream or the job's
 * abort. When nothing succeeded: AllModelsFailedError carrying every attempt.
 */
export interface RunModelChainOptions<T> {
  provider: ProviderName;
  role: string;
  models: readonly string[];
  policy: RetryPolicy;
  breakers: CircuitBreakerRegistry;
  budget?: DailyBudget;
  /** Worst case of one call to this model (reserved before it), when a budget is given. */
  worstCaseUsd?: (model: string) => number;
  jobSignal?: AbortSignal;
  attemptLog: ProviderAttemptLog;
  logger: Logger;
  operation: (model: string, signal: AbortSignal) => Promise<AttemptSuccess<T>>;
}

export async function runModelChain<T>(options: RunModelChainOptions<T>): Promise<{ value: T; model: string }> {
  let lastError: ProviderError | undefined;
  for (const model of options.models) {
    try {
      const value = await callWithRetries<T>({
        provider: options.provider,
        role: options.role,
        model,
        policy: options.policy,
        breaker: options.breakers.get(options.provider, model),
        budget: options.budget && options.worstCaseUsd ? { budget: options.budget, worstCaseUsd: options.worstCaseUsd(model) } : undefined,
        jobSignal: options.jobSignal,
        attemptLog: options.attemptLog,
        logger: options.logger,
        operation: ({ signal }) => options.operation(model, signal),
      });
      return { value, model };
    } catch (caught) {
      if (!(caught instanceof ProviderError)) throw caught;
      if (caught instanceof ProviderStreamBrokenError || caught instanceof ProviderCallAbortedError) throw caught;
      lastError = caught;
      if (caught.disposition === 'fatal') break;
      options.logger.warn({ role: options.role, model, error_code: caught.code }, 'model failed, falling back to the next model of the chain');
    }
  }
  throw new AllModelsFailedError({
    provider: options.provider,
    role: options.role,
    models: [...options.models],
    attempts: options.attemptLog.attempts,
    lastError,
  });
}
