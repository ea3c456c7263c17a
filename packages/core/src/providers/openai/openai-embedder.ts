import OpenAI from 'openai';
import type { Embedder, EmbeddingResult } from '../../capabilities/capabilities.ts';
import type { Logger } from '../../logging/logger.ts';
import type { DailyBudget } from '../budget/daily-budget.ts';
import { embeddingCostUsd, estimateTokensFromCharacters } from '../budget/provider-prices.ts';
import type { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import { ProviderAttemptLog, type ProviderAttempt } from '../resilience/provider-attempt.ts';
import { parseVendorBody } from '../resilience/parse-vendor-body.ts';
import { ProviderTransientError } from '../resilience/provider-errors.ts';
import type { RetryPolicy } from '../resilience/retry-loop.ts';
import { runModelChain } from '../resilience/run-model-chain.ts';
import { embeddingsRequestSchema, embeddingsResponseSchema } from './openai-embeddings-api.ts';

export interface LiveEmbeddingResult extends EmbeddingResult {
  attempts: ProviderAttempt[];
}

/** OpenAI client through the official SDK, its own retries OFF. */
export function createOpenAISdkClient(options: { apiKey: string; baseUrl: string }): OpenAI {
  return new OpenAI({ apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: 10 * 60 * 1000 });
}

/** The embeddings API's limits: 2048 inputs per request, 300k tokens per request, 8192 tokens per input. */
export const EMBEDDING_MAX_INPUTS_PER_REQUEST = 2048;
export const EMBEDDING_MAX_TOKENS_PER_REQUEST = 300_000;
const EMBEDDING_MAX_CHARACTERS_PER_INPUT = 8192 * 3;

/** Cuts texts into batches of at most `batchSize` texts and (estimated) `maxTokens` tokens. */
export function embeddingBatches(texts: readonly string[], batchSize: number, maxTokens = EMBEDDING_MAX_TOKENS_PER_REQUEST): string[][] {
  const size = Math.max(1, Math.min(batchSize, EMBEDDING_MAX_INPUTS_PER_REQUEST));
  const batches: string[][] = [];
  let current: string[] = [];
  let currentTokens = 0;
  for (const text of texts) {
    const tokens = estimateTokensFromCharacters(text.length);
    if (current.length > 0 && (current.length >= size || currentTokens + tokens > maxTokens)) {
      batches.push(current);
      current = [];
      currentTokens = 0;
    }
    current.push(text);
    currentTokens += tokens;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Embeddings through the OpenAI API (`text-embedding-3-small`, 1536 dimensions), in batches within the
 * API's limits, each batch a call with the retry loop, breaker and budget. One model only: vectors of
 * another model would not compare with the stored ones, so there is no model fallback; failures throw
 * AllModelsFailedError (with attempts). Cost: tokens × EMBEDDING_PRICE_PER_1K_TOKENS_USD.
 */
export class OpenAIEmbedder implements Embedder {
  constructor(
    private readonly options: {
      client: OpenAI;
      model: string;
      dimensions: number;
      batchSize: number;
      pricePer1kTokensUsd: number;
      policy: RetryPolicy;
      breakers: CircuitBreakerRegistry;
      budget?: DailyBudget;
      logger: Logger;
    },
  ) {}

  get model(): string {
    return this.options.model;
  }

  get dimensions(): number {
    return this.options.dimensions;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<LiveEmbeddingResult> {
    const attemptLog = new ProviderAttemptLog();
    const vectors: number[][] = [];
    let promptTokens = 0;
    let cost = 0;
    const { model, dimensions, pricePer1kTokensUsd } = this.options;
    const sendDimensions = model.startsWith('text-embedding-3');
    for (const batch of embeddingBatches(texts.map((text) => (text.length > EMBEDDING_MAX_CHARACTERS_PER_INPUT ? text.slice(0, EMBEDDING_MAX_CHARACTERS_PER_INPUT) : text || ' ')), this.options.batchSize)) {
      const characters = batch.reduce((sum, text) => sum + text.length, 0);
      const { value } = await runModelChain({
        provider: 'openai',
        role: 'embedding',
        models: [model],
        policy: this.options.policy,
        breakers: this.options.breakers,
        budget: this.options.budget,
        worstCaseUsd: () => embeddingCostUsd(estimateTokensFromCharacters(characters) + batch.length * 16, pricePer1kTokensUsd),
        jobSignal: signal,
        attemptLog,
        logger: this.options.logger,
        operation: async (requestedModel, attemptSignal) => {
          const request = embeddingsRequestSchema.parse({
            model: requestedModel,
            input: batch,
            ...(sendDimensions ? { dimensions } : {}),
            encoding_format: 'base64',
          });
          // The raw body (not the SDK's decoded object): our wire schema reads and decodes it.
          const raw = await this.options.client.embeddings.create(request, { signal: attemptSignal }).asResponse();
          const response = parseVendorBody(embeddingsResponseSchema, await raw.json(), {
            provider: 'openai',
            model: requestedModel,
            what: 'embeddings response',
          });
          const data = [...response.data].sort((left, right) => left.index - right.index);
          if (data.length !== batch.length || data.some((item) => item.embedding.length !== dimensions)) {
            throw new ProviderTransientError({
              provider: 'openai',
              model: requestedModel,
              message: `openai ${requestedModel}: expected ${batch.length} vectors of ${dimensions} dimensions`,
              code: 'provider_malformed_response',
              upstreamStatus: 502,
            });
          }
          const tokens = response.usage?.prompt_tokens ?? 0;
          return {
            value: { vectors: data.map((item) => item.embedding), tokens },
            servedModel: response.model ?? requestedModel,
            costUsd: embeddingCostUsd(tokens, pricePer1kTokensUsd),
          };
        },
      });
      vectors.push(...value.vectors);
      promptTokens += value.tokens;
      cost += embeddingCostUsd(value.tokens, pricePer1kTokensUsd);
    }
    return { vectors, usage: { prompt_tokens: promptTokens, completion_tokens: 0, cost_usd: cost }, attempts: attemptLog.attempts };
  }
}
