import { startCohereRerankStandin } from '@lac/standins';
import { standinAroundTests } from '@lac/standins/standin-around-tests';
import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../../capabilities/capabilities.ts';
import { createLogger } from '../../logging/logger.ts';
import { RerankerWithRetrievalOrderFallback, RETRIEVAL_ORDER_MODEL } from '../fallback/reranker-with-retrieval-order-fallback.ts';
import { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import { AllModelsFailedError } from '../resilience/provider-errors.ts';
import { CohereReranker, createCohereSdkClient } from './cohere-reranker.ts';

const logger = createLogger({ level: 'silent' });
const standin = standinAroundTests(() => startCohereRerankStandin());

const chunk = (id: string, content: string, score: number): RetrievedChunk => ({
  chunkId: id,
  documentId: `doc-${id}`,
  title: `Titre ${id}`,
  section: null,
  content,
  agentOwner: 'shared',
  score,
});
const chunks = [
  chunk('a', 'Les tarifs de la formation et les horaires.', 0.9),
  chunk('b', 'Comment créer des Reels Instagram engageants pour ta communauté.', 0.8),
  chunk('c', 'Choisir ses hashtags Instagram pour les Reels.', 0.7),
];

const rerankerOf = (models = ['rerank-multilingual-v3.0']) =>
  new CohereReranker({
    client: createCohereSdkClient({ apiKey: 'test-key', baseUrl: standin().baseUrl }),
    models,
    pricePerSearchUnitUsd: 0.002,
    policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, retryAfterMaxMs: 1_000, callTimeoutMs: 300 },
    breakers: new CircuitBreakerRegistry({ failureThreshold: 50, openDurationMs: 1_000 }),
    logger,
  });

describe('CohereReranker through the cohere-ai v2 SDK', () => {
  it('reranks best first, with relevance scores and search-unit cost', async () => {
    const result = await rerankerOf().rerank('Reels Instagram', chunks, 2);
    expect(result.chunks.map((item) => item.chunkId)).toEqual(['b', 'c']);
    expect(result.chunks[0]!.score).toBeGreaterThan(0);
    expect(result.usage.cost_usd).toBeCloseTo(0.002, 10);
    expect(result.model).toBe('rerank-multilingual-v3.0');
    expect(result.attempts).toMatchObject([{ provider: 'cohere', status: 'ok' }]);
    expect(standin().requests[0]!.body).toMatchObject({ model: 'rerank-multilingual-v3.0', query: 'Reels Instagram', top_n: 2 });
    expect(standin().requests[0]!.headers.authorization).toBe('Bearer test-key');
  });

  it('retries a 503 and a malformed body, then succeeds', async () => {
    standin().enqueue({ status: 503 });
    const result = await rerankerOf().rerank('Reels Instagram', chunks, 1);
    expect(result.attempts.map((attempt) => attempt.status)).toEqual(['retry', 'ok']);
    standin().enqueue({ malformedJson: true });
    const again = await rerankerOf().rerank('Reels Instagram', chunks, 1);
    expect(again.attempts.map((attempt) => attempt.status)).toEqual(['retry', 'ok']);
  });

  it('falls back to the next rerank model of the chain', async () => {
    standin().enqueue({ model: 'rerank-a', status: 500, times: 2 });
    const result = await rerankerOf(['rerank-a', 'rerank-b']).rerank('Reels Instagram', chunks, 1);
    expect(result.model).toBe('rerank-b');
  });

  it('a 401 is fatal: one request only', async () => {
    standin().enqueue({ status: 401 });
    await expect(rerankerOf().rerank('Reels', chunks, 1)).rejects.toBeInstanceOf(AllModelsFailedError);
    expect(standin().requests).toHaveLength(1);
  });

  it('when rerank fails (stall past the deadline, twice), the retrieval order is used', async () => {
    standin().enqueue({ stall: true, times: 2 });
    const reranker = new RerankerWithRetrievalOrderFallback(rerankerOf(), logger);
    const result = await reranker.rerank('Reels Instagram', chunks, 2);
    expect(result.fellBack).toBe(true);
    expect(result.model).toBe(RETRIEVAL_ORDER_MODEL);
    expect(result.chunks.map((item) => [item.chunkId, item.score])).toEqual([
      ['a', 0.9],
      ['b', 0.8],
    ]);
    expect(result.usage.cost_usd).toBe(0);
    expect(result.attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      ['retry', 'provider_timeout'],
      ['fallback', 'provider_timeout'],
    ]);
  });

  it('a body that is not the rerank wire format is a classified provider error, not a crash', async () => {
    standin().enqueue({ wrongShapeBody: { results: [{ index: 'premier', relevance_score: 0.9 }] }, times: 2 });
    const failure = await rerankerOf().rerank('Reels Instagram', chunks, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AllModelsFailedError);
    expect((failure as AllModelsFailedError).attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      ['retry', 'provider_malformed_response'],
      ['fallback', 'provider_malformed_response'],
    ]);
  });
});
