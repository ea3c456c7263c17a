import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { Answerer, Embedder, Reranker, Router } from '../capabilities/capabilities.ts';
import type { AppConfig } from '../config/config.ts';
import { LocalFirstRouter } from '../agents/local-first-router.ts';
import { createLocalCapabilities } from '../local/index.ts';
import type { Logger } from '../logging/logger.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { DailyBudget } from './budget/daily-budget.ts';
import { ChatPriceTable } from './budget/provider-prices.ts';
import type { LiveProviderContext } from './live-providers.ts';
import { CircuitBreakerRegistry, type CircuitSnapshot } from './resilience/circuit-breaker.ts';
import { modelChainOf } from './resilience/model-chain-of.ts';
import type { RetryPolicy } from './resilience/retry-loop.ts';

/**
 * Chooses, per capability, the live vendor when its key is set and the local component otherwise:
 * OPENROUTER_API_KEY → LLM router + answerer, OPENAI_API_KEY → embedder, COHERE_API_KEY → reranker.
 * Live ones are wrapped with their fallback (docs/properties.md, property 3): the router falls back to the local
 * router, the answerer to the offline extractive answer + an offer of human help, the reranker to the
 * retrieval order. The embedder has no fallback (vectors of another model do not compare).
 *
 * The daily budget (DAILY_BUDGET_USD) is enforced when `redis` is given; without it calls are not capped.
 *
 * Attempts: live results carry an extra `attempts: ProviderAttempt[]` field (RouteDecision, AnswerOutput,
 * RerankResult, EmbeddingResult); failures carry it on the error (AllModelsFailedError.attempts,
 * ProviderStreamBrokenError.attempts with `partialText`).
 *
 * Asynchronous: the live vendors (live-providers.ts, with the `openai` and `cohere-ai` SDKs) are imported
 * only when one of the keys is set, so local mode never loads them.
 */
export type ProviderMode = 'live' | 'local';

export interface ProviderStatusEntry {
  mode: ProviderMode;
  /** `up` when live and no circuit is open, `degraded` when one is, `up` in local mode. */
  status: 'up' | 'degraded';
  models: string[];
  circuits: CircuitSnapshot[];
}

export interface ProviderStatus {
  openrouter: ProviderStatusEntry;
  openai: ProviderStatusEntry;
  cohere: ProviderStatusEntry;
}

export interface Capabilities {
  embedder: Embedder;
  reranker: Reranker;
  router: Router;
  answerer: Answerer;
  /** Mode, models and circuit states per vendor, for /health and metrics. */
  providerStatus(): ProviderStatus;
  breakers: CircuitBreakerRegistry;
  budget: DailyBudget | null;
}

export function retryPolicyOf(config: AppConfig): RetryPolicy {
  return {
    maxAttempts: config.PROVIDER_MAX_ATTEMPTS,
    baseDelayMs: config.PROVIDER_RETRY_BASE_MS,
    maxDelayMs: config.PROVIDER_RETRY_MAX_MS,
    retryAfterMaxMs: config.PROVIDER_RETRY_AFTER_MAX_MS,
    callTimeoutMs: config.PROVIDER_CALL_TIMEOUT_MS,
  };
}

export async function createCapabilities(options: { config: AppConfig; logger: Logger; redis?: Redis }): Promise<Capabilities> {
  const { config } = options;
  const logger = options.logger.child({ component: 'providers' });
  const local = createLocalCapabilities();
  const breakers = new CircuitBreakerRegistry({
    failureThreshold: config.CIRCUIT_BREAKER_FAILURE_THRESHOLD,
    openDurationMs: config.CIRCUIT_BREAKER_OPEN_MS,
    onStateChange: (change) => logger.warn(change, 'provider circuit state changed'),
  });
  const budget = options.redis
    ? new DailyBudget({
        redis: options.redis,
        keys: new RedisKeys(config.QUEUE_PREFIX),
        capUsd: config.DAILY_BUDGET_USD,
        reservationTtlMs: config.BUDGET_RESERVATION_TTL_MS,
        timeZone: config.DASHBOARD_TIME_ZONE,
        logger,
      })
    : null;
  const policy = retryPolicyOf(config);
  const prices = new ChatPriceTable(config.CHAT_MODEL_PRICES_USD_PER_MTOK, config.CHAT_DEFAULT_PRICE_USD_PER_MTOK);

  // The live vendors (and their SDKs) are imported only when a key asks for one.
  const live = config.OPENROUTER_API_KEY || config.OPENAI_API_KEY || config.COHERE_API_KEY ? await import('./live-providers.ts') : null;
  const liveContext: LiveProviderContext = { config, logger, local, policy, breakers, budget, prices };

  let llmRouter: Router | null = null;
  let answerer: Answerer = local.answerer;
  let openrouterModels: string[] = [];
  if (live && config.OPENROUTER_API_KEY) {
    const openrouter = live.createOpenRouterProviders(liveContext);
    llmRouter = openrouter.llmRouter;
    answerer = openrouter.answerer;
    openrouterModels = openrouter.models;
  }

  // Routing policy (ROUTER_MODE): local first, the LLM router only when the local one is unsure.
  const router: Router = new LocalFirstRouter(local.router, llmRouter, {
    mode: config.ROUTER_MODE,
    threshold: config.ROUTER_LLM_CONFIDENCE_THRESHOLD,
    logger,
  });

  const embedder: Embedder = live && config.OPENAI_API_KEY ? live.createOpenAIEmbedder(liveContext) : local.embedder;

  const rerankModels = modelChainOf(config.RERANK_MODEL);
  const reranker: Reranker = live && config.COHERE_API_KEY ? live.createCohereReranker(liveContext, rerankModels) : local.reranker;

  const entry = (provider: string, live: boolean, models: string[], localModel: string): ProviderStatusEntry => {
    const circuits = breakers.snapshots().filter((snapshot) => snapshot.name.startsWith(`${provider}:`));
    return {
      mode: live ? 'live' : 'local',
      status: live && circuits.some((circuit) => circuit.state === 'open') ? 'degraded' : 'up',
      models: live ? models : [localModel],
      circuits,
    };
  };

  return {
    embedder,
    reranker,
    router,
    answerer,
    breakers,
    budget,
    providerStatus: () => ({
      openrouter: entry('openrouter', Boolean(config.OPENROUTER_API_KEY), openrouterModels, 'local'),
      openai: entry('openai', Boolean(config.OPENAI_API_KEY), [config.EMBEDDING_MODEL], local.embedder.model),
      cohere: entry('cohere', Boolean(config.COHERE_API_KEY), rerankModels, local.reranker.model),
    }),
  };
}
