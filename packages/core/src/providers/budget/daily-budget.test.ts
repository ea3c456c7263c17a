import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { startOpenAICompatibleStandin, type OpenAICompatibleStandin } from '@lac/standins';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../../local/extractive-answerer.ts';
import { createLogger } from '../../logging/logger.ts';
import { RedisKeys } from '../../redis/redis-keys.ts';
import { AnswererWithOfflineFallback } from '../fallback/answerer-with-offline-fallback.ts';
import { agentMessages } from '../openrouter/agent-prompts.ts';
import { ChatModelChain } from '../openrouter/chat-model-chain.ts';
import { createOpenRouterSdkClient } from '../openrouter/openrouter-client.ts';
import { OpenRouterAnswerer } from '../openrouter/openrouter-answerer.ts';
import { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import { ProviderAttemptLog } from '../resilience/provider-attempt.ts';
import { DailyBudget } from './daily-budget.ts';
import { ChatPriceTable } from './provider-prices.ts';

const prefix = `test-budget-${randomUUID().slice(0, 8)}`;
const keys = new RedisKeys(prefix);
let redis: Redis;
let standin: OpenAICompatibleStandin;
const warnings: string[] = [];
const logger = createLogger({
  level: 'warn',
  destination: new Writable({
    write(chunk, _encoding, callback) {
      warnings.push(String(chunk));
      callback();
    },
  }),
});
const prices = new ChatPriceTable('model-expensive=3/15,model-cheap=0.15/0.6', '3/15');
const policy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, retryAfterMaxMs: 1_000, callTimeoutMs: 5_000 };
const input = { agent: 'audrey' as const, message: 'Comment automatiser ma séquence email ?', history: [], sources: [] };
const maxTokens = 300;
const promptCharacters = agentMessages(input).reduce((sum, message) => sum + String(message.content).length, 0);

const budgetOf = (capUsd: number, now?: () => number) =>
  new DailyBudget({ redis, keys, capUsd, reservationTtlMs: 60_000, timeZone: 'Europe/Paris', logger, ...(now ? { now } : {}) });
const answererOf = (budget: DailyBudget, models: string[]) => {
  const chain = new ChatModelChain({
    client: createOpenRouterSdkClient({ apiKey: 'k', baseUrl: standin.baseUrl, httpReferer: 'r', appTitle: 't' }),
    role: 'audrey',
    models,
    policy,
    breakers: new CircuitBreakerRegistry({ failureThreshold: 1000, openDurationMs: 1000 }),
    budget,
    prices,
    logger,
  });
  return new AnswererWithOfflineFallback(new OpenRouterAnswerer({ audrey: chain, carole: chain }, { maxCompletionTokens: maxTokens }), new ExtractiveAnswerer(), logger);
};

beforeAll(async () => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  standin = await startOpenAICompatibleStandin({ defaults: { chatLatencyMs: 30, firstTokenLatencyMs: 30 } });
});
afterAll(async () => {
  const stale = await redis.keys(`${prefix}:*`);
  if (stale.length > 0) await redis.del(...stale);
  await redis.quit();
  await standin.close();
});
beforeEach(async () => {
  standin.reset();
  warnings.length = 0;
  const stale = await redis.keys(`${prefix}:*`);
  if (stale.length > 0) await redis.del(...stale);
});

describe('DailyBudget', () => {
  it('reserves atomically, settles the actual cost, aggregates per provider', async () => {
    const budget = budgetOf(1);
    const first = await budget.reserve('openrouter', 'm', 0.6);
    expect(first).not.toBeNull();
    expect(await budget.reserve('openrouter', 'm', 0.6)).toBeNull();
    await budget.settle(first!, 0.1);
    const second = await budget.reserve('cohere', 'r', 0.6);
    expect(second).not.toBeNull();
    await budget.settle(second!, 0.002);
    const report = await budget.report();
    expect(report.spentUsd).toBeCloseTo(0.102, 9);
    expect(report.reservedUsd).toBe(0);
    expect(report.byProvider).toEqual({ openrouter: { spentUsd: 0.1, calls: 1 }, cohere: { spentUsd: 0.002, calls: 1 } });
    expect(await redis.ttl(keys.dailySpend(budget.dayOf(Date.now())))).toBeGreaterThan(0);
  });

  it('counts the days of its time zone: the cap starts again at midnight in Paris, winter (UTC+1) and summer (UTC+2)', async () => {
    for (const [beforeMidnight, afterMidnight, day] of [
      ['2026-01-14T22:30:00Z', '2026-01-14T23:30:00Z', '2026-01-15'],
      ['2026-07-14T21:30:00Z', '2026-07-14T23:30:00Z', '2026-07-15'],
    ] as const) {
      const late = await budgetOf(1, () => Date.parse(beforeMidnight)).reserve('openrouter', 'm', 0.9);
      expect(late?.day).not.toBe(day);
      // 00:30 or 01:30 in Paris, the same UTC date: a new day, the cap is whole again.
      const nextDay = budgetOf(1, () => Date.parse(afterMidnight));
      const early = await nextDay.reserve('openrouter', 'm', 0.9);
      expect(early?.day).toBe(day);
      await nextDay.settle(early!, 0.5);
      expect((await nextDay.report()).byProvider).toEqual({ openrouter: { spentUsd: 0.5, calls: 1 } });
    }
  });

  it('an expired reservation (crashed worker) stops counting', async () => {
    const budget = new DailyBudget({ redis, keys, capUsd: 1, reservationTtlMs: 1_000, timeZone: 'Europe/Paris', logger });
    expect(await budget.reserve('openai', 'e', 0.9)).not.toBeNull();
    expect(await budget.reserve('openai', 'e', 0.9)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await budget.reserve('openai', 'e', 0.9)).not.toBeNull();
  });

  it('under 100 concurrent jobs with a cap that allows 10, at most 10 jobs worth is spent', async () => {
    const worstCase = prices.worstCaseOf('model-expensive', promptCharacters, maxTokens);
    const budget = budgetOf(worstCase * 10);
    // The stand-in bills each call its full worst case: the cap must stop the 11th.
    standin.defaults.inputPricePerMillion = 0;
    standin.enqueue({ costUsd: worstCase, times: 1000 });
    const answerer = answererOf(budget, ['model-expensive']);
    const outputs = await Promise.all(Array.from({ length: 100 }, () => answerer.answer(input, {})));
    const live = outputs.filter((output) => !output.offline);
    expect(live).toHaveLength(10);
    expect(standin.requests).toHaveLength(10);
    const report = await budget.report();
    expect(report.spentUsd).toBeLessThanOrEqual(worstCase * 10 + 1e-9);
    expect(report.reservedUsd).toBe(0);
    expect(outputs.filter((output) => output.offline)).toHaveLength(90);
    expect(warnings.filter((line) => line.includes('daily provider budget reached'))).toHaveLength(1);
    standin.defaults.inputPricePerMillion = 3;
  });

  it('when the cap is reached for the expensive model, degrades to the cheaper one, then to local', async () => {
    const expensive = prices.worstCaseOf('model-expensive', promptCharacters, maxTokens);
    const cheap = prices.worstCaseOf('model-cheap', promptCharacters, maxTokens);
    const budget = budgetOf(cheap * 1.5);
    expect(expensive).toBeGreaterThan(cheap * 1.5);
    standin.enqueue({ costUsd: cheap, times: 10 });
    const answerer = answererOf(budget, ['model-expensive', 'model-cheap']);
    const first = await answerer.answer(input, {});
    expect(first.offline).toBe(false);
    expect(first.attempts.map((attempt) => `${attempt.requestedModel}:${attempt.status}`)).toEqual(['model-expensive:skipped_budget', 'model-cheap:ok']);
    const second = await answerer.answer(input, {});
    expect(second.offline).toBe(true);
    expect(standin.requests.map((request) => request.model)).toEqual(['model-cheap']);
  });

  it('a call that fails settles at zero and frees its reservation', async () => {
    const budget = budgetOf(1);
    standin.enqueue({ status: 401 });
    const chain = new ChatModelChain({
      client: createOpenRouterSdkClient({ apiKey: 'k', baseUrl: standin.baseUrl, httpReferer: 'r', appTitle: 't' }),
      role: 'router',
      models: ['model-cheap'],
      policy,
      breakers: new CircuitBreakerRegistry({ failureThreshold: 1000, openDurationMs: 1000 }),
      budget,
      prices,
      logger,
    });
    await expect(chain.complete({ messages: [{ role: 'user', content: 'x' }], maxTokens: 10, temperature: 0 }, new ProviderAttemptLog())).rejects.toThrow();
    const report = await budget.report();
    expect(report).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
  });
});
