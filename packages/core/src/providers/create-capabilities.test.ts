import { randomUUID } from 'node:crypto';
import { startCohereRerankStandin, startOpenAICompatibleStandin, type CohereRerankStandin, type OpenAICompatibleStandin } from '@lac/standins';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { createCapabilities } from './create-capabilities.ts';

const logger = createLogger({ level: 'silent' });
const prefix = `test-capabilities-${randomUUID().slice(0, 8)}`;
let openai: OpenAICompatibleStandin;
let cohere: CohereRerankStandin;
let redis: Redis;

beforeAll(async () => {
  openai = await startOpenAICompatibleStandin();
  cohere = await startCohereRerankStandin();
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  const stale = await redis.keys(`${prefix}:*`);
  if (stale.length > 0) await redis.del(...stale);
  await redis.quit();
  await Promise.all([openai.close(), cohere.close()]);
});

describe('createCapabilities', () => {
  it('is all local without keys', async () => {
    const capabilities = await createCapabilities({ config: loadConfig({}), logger });
    const status = capabilities.providerStatus();
    expect([status.openrouter.mode, status.openai.mode, status.cohere.mode]).toEqual(['local', 'local', 'local']);
    expect(capabilities.budget).toBeNull();
    const output = await capabilities.answerer.answer({ agent: 'audrey', message: 'Bonjour', history: [], sources: [] }, {});
    expect(output.offline).toBe(true);
  });

  it('goes live per capability when its key is set, against the stand-ins, with costs in the daily budget', async () => {
    const config = loadConfig({
      QUEUE_PREFIX: prefix,
      OPENROUTER_API_KEY: 'or-key',
      OPENAI_API_KEY: 'oa-key',
      COHERE_API_KEY: 'co-key',
      OPENROUTER_BASE_URL: openai.baseUrl,
      OPENAI_BASE_URL: openai.baseUrl,
      COHERE_BASE_URL: cohere.baseUrl,
      AUDREY_MODEL: 'anthropic/claude-3.5-sonnet,anthropic/claude-3-haiku',
      PROVIDER_CALL_TIMEOUT_MS: '2000',
      // Every message through the LLM router here (the default, local_first, is tested in agents/local-first-router.test.ts).
      ROUTER_MODE: 'always_llm',
    });
    const capabilities = await createCapabilities({ config, logger, redis });
    const status = capabilities.providerStatus();
    expect([status.openrouter.mode, status.openai.mode, status.cohere.mode]).toEqual(['live', 'live', 'live']);
    expect(status.openrouter.models).toEqual(['anthropic/claude-3-haiku', 'openai/gpt-4o-mini', 'anthropic/claude-3.5-sonnet']);

    const decision = await capabilities.router.route({ message: 'Mes Reels Instagram ne marchent pas', history: [] });
    expect(decision).toMatchObject({ agent: 'carole', method: 'llm' });
    const embedding = await capabilities.embedder.embed(['Reels Instagram']);
    expect(embedding.vectors[0]).toHaveLength(1536);
    expect(capabilities.embedder.model).toBe('text-embedding-3-small');
    const chunk = { chunkId: 'c', documentId: 'd', title: 'Reels', section: null, content: 'Reels Instagram', agentOwner: 'carole' as const, score: 0.5 };
    const reranked = await capabilities.reranker.rerank('Reels', [chunk], 1);
    expect(reranked.model).toBe('rerank-multilingual-v3.0');
    const deltas: string[] = [];
    const answer = await capabilities.answerer.answer({ agent: 'carole', message: 'Des idées de Reels ?', history: [], sources: [chunk] }, { onDelta: (delta) => deltas.push(delta) });
    expect(answer.offline).toBe(false);
    expect(deltas.join('')).toBe(answer.text);

    const report = await capabilities.budget!.report();
    expect(report.byProvider.openrouter!.calls).toBe(2);
    expect(report.byProvider.openai!.calls).toBe(1);
    expect(report.byProvider.cohere!.calls).toBe(1);
    expect(report.spentUsd).toBeGreaterThan(0);
    expect(report.spentUsd).toBeCloseTo(decision.usage.cost_usd + embedding.usage.cost_usd + reranked.usage.cost_usd + answer.usage.cost_usd, 9);

    // A failing router model opens its circuit and /health sees the vendor degraded.
    openai.enqueue({ status: 503, times: 30 });
    for (let index = 0; index < 2; index += 1) {
      const fallback = await capabilities.router.route({ message: 'Je veux un remboursement', history: [] });
      expect(fallback.method).toBe('fallback');
    }
    const degraded = capabilities.providerStatus().openrouter;
    expect(degraded.status).toBe('degraded');
    expect(degraded.circuits.find((circuit) => circuit.name === 'openrouter:anthropic/claude-3-haiku')?.state).toBe('open');
  });
});
