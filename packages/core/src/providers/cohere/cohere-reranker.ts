import { CohereClientV2 } from 'cohere-ai';
import type { Reranker, RerankResult, RetrievedChunk } from '../../capabilities/capabilities.ts';
import type { Logger } from '../../logging/logger.ts';
import type { DailyBudget } from '../budget/daily-budget.ts';
import { estimateRerankSearchUnits, rerankCostUsd } from '../budget/provider-prices.ts';
import type { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import { ProviderAttemptLog, type ProviderAttempt } from '../resilience/provider-attempt.ts';
import { classifyHttpStatus, parseRetryAfterMs } from '../resilience/classify-provider-error.ts';
import { parseVendorBody } from '../resilience/parse-vendor-body.ts';
import { ProviderTransientError } from '../resilience/provider-errors.ts';
import type { RetryPolicy } from '../resilience/retry-loop.ts';
import { runModelChain } from '../resilience/run-model-chain.ts';
import { RERANK_PATH, rerankErrorBodySchema, rerankRequestSchema, rerankResponseSchema } from './cohere-rerank-api.ts';

export interface LiveRerankResult extends RerankResult {
  attempts: ProviderAttempt[];
}

/** Cohere v2 client through the official SDK, its own retries OFF. */
export function createCohereSdkClient(options: { apiKey: string; baseUrl: string }): CohereClientV2 {
  return new CohereClientV2({ token: options.apiKey, baseUrl: options.baseUrl, maxRetries: 0, timeoutInSeconds: 600 });
}

/**
 * Rerank through Cohere v2 (`rerank-multilingual-v3.0` by default; RERANK_MODEL may be a comma-separated
 * chain). Cost: billed search units × RERANK_PRICE_PER_SEARCH_UNIT_USD. Throws AllModelsFailedError
 * (with attempts) on failure; wrap it in RerankerWithRetrievalOrderFallback.
 */
export class CohereReranker implements Reranker {
  constructor(
    private readonly options: {
      client: CohereClientV2;
      models: string[];
      pricePerSearchUnitUsd: number;
      policy: RetryPolicy;
      breakers: CircuitBreakerRegistry;
      budget?: DailyBudget;
      logger: Logger;
    },
  ) {}

  get model(): string {
    return this.options.models[0] ?? 'rerank';
  }

  async rerank(query: string, chunks: RetrievedChunk[], topN: number, signal?: AbortSignal): Promise<LiveRerankResult> {
    const attemptLog = new ProviderAttemptLog();
    if (chunks.length === 0) return { chunks: [], usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 }, model: this.model, attempts: [] };
    const { pricePerSearchUnitUsd } = this.options;
    const { value, model } = await runModelChain({
      provider: 'cohere',
      role: 'rerank',
      models: this.options.models,
      policy: this.options.policy,
      breakers: this.options.breakers,
      budget: this.options.budget,
      // A search unit is up to 100 documents of 500 tokens; long chunks may split: reserve twice the estimate.
      worstCaseUsd: () => rerankCostUsd(2 * estimateRerankSearchUnits(chunks.length), pricePerSearchUnitUsd),
      jobSignal: signal,
      attemptLog,
      logger: this.options.logger,
      operation: async (model, attemptSignal) => {
        const request = rerankRequestSchema.parse({
          model,
          query,
          documents: chunks.map((chunk) => `${chunk.title}\n${chunk.content}`),
          top_n: Math.min(topN, chunks.length),
        });
        const response = await this.options.client.fetch(
          RERANK_PATH,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) },
          { abortSignal: attemptSignal, maxRetries: 0 },
        );
        if (!response.ok) throw await rerankHttpError(response, model);
        const body = parseVendorBody(rerankResponseSchema, await response.json(), { provider: 'cohere', model, what: 'rerank response' });
        if (body.results.some((result) => result.index >= chunks.length)) {
          throw new ProviderTransientError({ provider: 'cohere', model, message: `cohere ${model}: rerank results out of range`, code: 'provider_malformed_response', upstreamStatus: 502 });
        }
        const searchUnits = body.meta?.billed_units?.search_units ?? estimateRerankSearchUnits(chunks.length);
        return { value: { results: body.results, searchUnits }, servedModel: model, costUsd: rerankCostUsd(searchUnits, pricePerSearchUnitUsd) };
      },
    });
    const reranked = value.results.slice(0, topN).map((result) => ({ ...chunks[result.index]!, score: result.relevance_score }));
    return {
      chunks: reranked,
      usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: rerankCostUsd(value.searchUnits, pricePerSearchUnitUsd) },
      model,
      attempts: attemptLog.attempts,
    };
  }
}

/** A non-2xx answer: its error body (wire schema) classified by status (retry, fallback or fatal). */
async function rerankHttpError(response: Response, model: string) {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    const parsed = rerankErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // not JSON: the text is the message
  }
  return classifyHttpStatus(response.status, body, { provider: 'cohere', model }, parseRetryAfterMs(response.headers), undefined);
}
