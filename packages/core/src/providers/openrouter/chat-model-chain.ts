import type OpenAI from 'openai';
import type { Logger } from '../../logging/logger.ts';
import type { DailyBudget } from '../budget/daily-budget.ts';
import type { ChatPriceTable } from '../budget/provider-prices.ts';
import type { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import type { ProviderAttemptLog } from '../resilience/provider-attempt.ts';
import type { RetryPolicy } from '../resilience/retry-loop.ts';
import { runModelChain } from '../resilience/run-model-chain.ts';
import { completeChatOnce, type ChatCallRequest, type ChatCallResult } from './openrouter-client.ts';

/**
 * A chain of chat models for one role (router, audrey, carole), first choice first, FALLBACK_MODEL last.
 * Each model gets the retry loop (deadline, backoff, Retry-After), its circuit breaker and a budget
 * reservation. The chain moves to the next model when one ends with a `fallback` disposition (retries
 * exhausted, context too long, circuit open, budget refused: budget refusals thus degrade to the cheaper
 * models further down). It stops at once on:
 * - a stream broken after its first token (ProviderStreamBrokenError: never a second answer),
 * - the job's abort (ProviderCallAbortedError),
 * - a fatal error (400, 401/403, 402): thrown as AllModelsFailedError with disposition `fatal`.
 */
export interface ChatModelChainOptions {
  client: OpenAI;
  role: string;
  models: string[];
  policy: RetryPolicy;
  breakers: CircuitBreakerRegistry;
  budget?: DailyBudget;
  prices: ChatPriceTable;
  logger: Logger;
}

export class ChatModelChain {
  constructor(private readonly options: ChatModelChainOptions) {
    if (options.models.length === 0) throw new Error(`chat chain ${options.role}: no model`);
  }

  get models(): readonly string[] {
    return this.options.models;
  }

  async complete(
    request: Omit<ChatCallRequest, 'model'>,
    attemptLog: ProviderAttemptLog,
    signal?: AbortSignal,
  ): Promise<ChatCallResult & { requestedModel: string }> {
    const { client, role, models, policy, breakers, budget, prices, logger } = this.options;
    const promptCharacters = request.messages.reduce(
      (sum, message) => sum + (typeof message.content === 'string' ? message.content.length : JSON.stringify(message.content ?? '').length),
      0,
    );
    const { value, model } = await runModelChain<ChatCallResult>({
      provider: 'openrouter',
      role,
      models,
      policy,
      breakers,
      budget,
      worstCaseUsd: (model) => prices.worstCaseOf(model, promptCharacters, request.maxTokens),
      jobSignal: signal,
      attemptLog,
      logger,
      operation: async (model, attemptSignal) => {
        const result = await completeChatOnce(client, { ...request, model }, attemptSignal, prices, attemptLog.attempts);
        return { value: result, servedModel: result.servedModel, costUsd: result.usage.cost_usd };
      },
    });
    return { ...value, requestedModel: model };
  }
}
