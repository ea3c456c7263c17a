import { startOpenAICompatibleStandin, standinEmbedding } from '@lac/standins';
import { standinAroundTests } from '@lac/standins/standin-around-tests';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger.ts';
import { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import { AllModelsFailedError } from '../resilience/provider-errors.ts';
import { createOpenAISdkClient, embeddingBatches, OpenAIEmbedder } from './openai-embedder.ts';

const logger = createLogger({ level: 'silent' });
const standin = standinAroundTests(() => startOpenAICompatibleStandin());

const embedderOf = (batchSize = 4) =>
  new OpenAIEmbedder({
    client: createOpenAISdkClient({ apiKey: 'test-key', baseUrl: standin().baseUrl }),
    model: 'text-embedding-3-small',
    dimensions: 1536,
    batchSize,
    pricePer1kTokensUsd: 0.00002,
    policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, retryAfterMaxMs: 1_000, callTimeoutMs: 1_000 },
    breakers: new CircuitBreakerRegistry({ failureThreshold: 50, openDurationMs: 1_000 }),
    logger,
  });

describe('OpenAIEmbedder through the openai SDK', () => {
  it('embeds in batches, in order, decoding the base64 wire format, with token cost', async () => {
    const texts = Array.from({ length: 10 }, (_, index) => `texte numéro ${index} sur les tunnels de vente`);
    const result = await embedderOf(4).embed(texts);
    expect(standin().requests.map((request) => (request.body as { input: string[] }).input.length)).toEqual([4, 4, 2]);
    expect((standin().requests[0]!.body as { encoding_format?: string; dimensions?: number })).toMatchObject({ encoding_format: 'base64', dimensions: 1536 });
    expect(result.vectors).toHaveLength(10);
    expect(result.vectors[7]).toHaveLength(1536);
    const expected = standinEmbedding(texts[7]!, 1536);
    expect(result.vectors[7]![3]).toBeCloseTo(expected[3]!, 5);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(result.usage.cost_usd).toBeCloseTo((result.usage.prompt_tokens / 1000) * 0.00002, 12);
    expect(result.attempts.filter((attempt) => attempt.status === 'ok')).toHaveLength(3);
  });

  it('retries a 429 then fails with every attempt listed when the API stays down', async () => {
    standin().enqueue({ status: 429, headers: { 'retry-after-ms': '10' } });
    const ok = await embedderOf().embed(['bonjour']);
    expect(ok.attempts.map((attempt) => attempt.status)).toEqual(['retry', 'ok']);

    standin().enqueue({ status: 500, times: 2 });
    const error = await embedderOf().embed(['bonjour']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AllModelsFailedError);
    expect((error as AllModelsFailedError).attempts.map((attempt) => attempt.status)).toEqual(['retry', 'fallback']);
  });

  it('keeps batches within the limits of the API', () => {
    expect(embeddingBatches(Array.from({ length: 5000 }, () => 'x'), 5000).map((batch) => batch.length)).toEqual([2048, 2048, 904]);
    const long = 'y'.repeat(250_000);
    expect(embeddingBatches([long, long, long, long], 100).map((batch) => batch.length)).toEqual([2, 2]);
  });

  it('a body that is not the embeddings wire format is a classified provider error, not a crash', async () => {
    standin().enqueue({ kind: 'embeddings', wrongShapeBody: { object: 'list', data: [{ index: 0 }] }, times: 2 });
    const failure = await embedderOf().embed(['un texte']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AllModelsFailedError);
    expect((failure as AllModelsFailedError).attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      ['retry', 'provider_malformed_response'],
      ['fallback', 'provider_malformed_response'],
    ]);
  });
});
