import type { Answerer, Embedder, Reranker, Router } from '../capabilities/capabilities.ts';
import type { AppConfig } from '../config/config.ts';
import type { LocalCapabilities } from '../local/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { DailyBudget } from './budget/daily-budget.ts';
import type { ChatPriceTable } from './budget/provider-prices.ts';
import { createCohereSdkClient, CohereReranker } from './cohere/cohere-reranker.ts';
import { AnswererWithOfflineFallback } from './fallback/answerer-with-offline-fallback.ts';
import { RerankerWithRetrievalOrderFallback } from './fallback/reranker-with-retrieval-order-fallback.ts';
import { RouterWithLocalFallback } from './fallback/router-with-local-fallback.ts';
import { createOpenAISdkClient, OpenAIEmbedder } from './openai/openai-embedder.ts';
import { ChatModelChain } from './openrouter/chat-model-chain.ts';
import { createOpenRouterSdkClient } from './openrouter/openrouter-client.ts';
import { OpenRouterAnswerer } from './openrouter/openrouter-answerer.ts';
import { OpenRouterRouter } from './openrouter/openrouter-router.ts';
import type { CircuitBreakerRegistry } from './resilience/circuit-breaker.ts';
import { modelChainOf } from './resilience/model-chain-of.ts';
import type { RetryPolicy } from './resilience/retry-loop.ts';

/**
 * The live vendors of createCapabilities (create-capabilities.ts), each wrapped with its fallback.
 * Kept apart, and imported only when a key is set, because the vendors' SDKs (`openai`, `cohere-ai`)
 * cost about 0.7 s of start-up to every process and test file that imports `@lac/core` otherwise.
 */
export interface LiveProviderContext {
  config: AppConfig;
  logger: Logger;
  local: LocalCapabilities;
  policy: RetryPolicy;
  breakers: CircuitBreakerRegistry;
  budget: DailyBudget | null;
  prices: ChatPriceTable;
}

/** OPENROUTER_API_KEY: the LLM router (falling back to the local router) and the answerer (falling back to the offline answer). */
export function createOpenRouterProviders(context: LiveProviderContext): { llmRouter: Router; answerer: Answerer; models: string[] } {
  const { config, logger, local, policy, breakers, budget, prices } = context;
  const client = createOpenRouterSdkClient({
    apiKey: config.OPENROUTER_API_KEY!,
    baseUrl: config.OPENROUTER_BASE_URL,
    httpReferer: config.OPENROUTER_HTTP_REFERER,
    appTitle: config.OPENROUTER_APP_TITLE,
  });
  const chain = (role: string, models: string) =>
    new ChatModelChain({ client, role, models: modelChainOf(models, config.FALLBACK_MODEL), policy, breakers, budget: budget ?? undefined, prices, logger });
  const routerChain = chain('router', config.ORCHESTRATOR_MODEL);
  const audreyChain = chain('audrey', config.AUDREY_MODEL);
  const caroleChain = chain('carole', config.CAROLE_MODEL);
  return {
    models: [...new Set([...routerChain.models, ...audreyChain.models, ...caroleChain.models])],
    llmRouter: new RouterWithLocalFallback(new OpenRouterRouter(routerChain, { maxCompletionTokens: config.ROUTER_MAX_COMPLETION_TOKENS }), local.router, logger),
    answerer: new AnswererWithOfflineFallback(
      new OpenRouterAnswerer({ audrey: audreyChain, carole: caroleChain }, { maxCompletionTokens: config.CHAT_MAX_COMPLETION_TOKENS }),
      local.answerer,
      logger,
    ),
  };
}

/** OPENAI_API_KEY: the OpenAI embedder (no fallback: vectors of another model do not compare). */
export function createOpenAIEmbedder(context: LiveProviderContext): Embedder {
  const { config, logger, policy, breakers, budget } = context;
  return new OpenAIEmbedder({
    client: createOpenAISdkClient({ apiKey: config.OPENAI_API_KEY!, baseUrl: config.OPENAI_BASE_URL }),
    model: config.EMBEDDING_MODEL,
    dimensions: config.EMBEDDING_DIMENSIONS,
    batchSize: config.EMBEDDING_BATCH_SIZE,
    pricePer1kTokensUsd: config.EMBEDDING_PRICE_PER_1K_TOKENS_USD,
    policy,
    breakers,
    budget: budget ?? undefined,
    logger,
  });
}

/** COHERE_API_KEY: the Cohere reranker, falling back to the retrieval order. */
export function createCohereReranker(context: LiveProviderContext, models: string[]): Reranker {
  const { config, logger, policy, breakers, budget } = context;
  return new RerankerWithRetrievalOrderFallback(
    new CohereReranker({
      client: createCohereSdkClient({ apiKey: config.COHERE_API_KEY!, baseUrl: config.COHERE_BASE_URL }),
      models,
      pricePerSearchUnitUsd: config.RERANK_PRICE_PER_SEARCH_UNIT_USD,
      policy,
      breakers,
      budget: budget ?? undefined,
      logger,
    }),
    logger,
  );
}
