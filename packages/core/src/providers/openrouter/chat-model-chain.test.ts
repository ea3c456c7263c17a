import { startOpenAICompatibleStandin } from '@lac/standins';
import { standinAroundTests } from '@lac/standins/standin-around-tests';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../../capabilities/capabilities.ts';
import { ExtractiveAnswerer } from '../../local/extractive-answerer.ts';
import { KeywordRouter } from '../../local/keyword-router.ts';
import { createLogger } from '../../logging/logger.ts';
import { ChatPriceTable } from '../budget/provider-prices.ts';
import { AnswererWithOfflineFallback } from '../fallback/answerer-with-offline-fallback.ts';
import { RouterWithLocalFallback } from '../fallback/router-with-local-fallback.ts';
import { CircuitBreakerRegistry } from '../resilience/circuit-breaker.ts';
import { ProviderAttemptLog } from '../resilience/provider-attempt.ts';
import { AllModelsFailedError, ProviderCallAbortedError, ProviderStreamBrokenError } from '../resilience/provider-errors.ts';
import type { RetryPolicy } from '../resilience/retry-loop.ts';
import { ChatModelChain } from './chat-model-chain.ts';
import { HUMAN_HELP_OFFER } from './agent-prompts.ts';
import { NOBODY_HERE_NOTE } from '../../agents/prompt-assembly.ts';
import { createOpenRouterSdkClient } from './openrouter-client.ts';
import { OpenRouterAnswerer } from './openrouter-answerer.ts';
import { OpenRouterRouter } from './openrouter-router.ts';

const logger = createLogger({ level: 'silent' });
const prices = new ChatPriceTable('model-a=3/15,model-b=0.15/0.6', '3/15');
const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, retryAfterMaxMs: 2_000, callTimeoutMs: 400 };
const messages = [{ role: 'user' as const, content: 'Comment automatiser mes emails de bienvenue ?' }];

const standin = standinAroundTests(() => startOpenAICompatibleStandin());
let clock = 0;
let breakers: CircuitBreakerRegistry;

const chainOf = (options: { models?: string[]; policy?: RetryPolicy; role?: string } = {}) =>
  new ChatModelChain({
    client: createOpenRouterSdkClient({ apiKey: 'test-key', baseUrl: standin().baseUrl, httpReferer: 'https://example.test', appTitle: 'LAC test' }),
    role: options.role ?? 'audrey',
    models: options.models ?? ['model-a', 'model-b'],
    policy: options.policy ?? policy,
    breakers,
    prices,
    logger,
  });
const requestsFor = (model: string) => standin().requests.filter((request) => request.model === model);

beforeEach(() => {
  clock = 0;
  breakers = new CircuitBreakerRegistry({ failureThreshold: 100, openDurationMs: 1_000, now: () => clock });
});

describe('chat model chain against the OpenAI-compatible stand-in', () => {
  it('sends OpenRouter headers, reads usage.cost and the served model', async () => {
    standin().enqueue({ text: 'Bonjour !', costUsd: 0.0042, servedModel: 'anthropic/claude-3.5-sonnet-20241022' });
    const log = new ProviderAttemptLog();
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(result.text).toBe('Bonjour !');
    expect(result.usage.cost_usd).toBeCloseTo(0.0042, 10);
    expect(result.servedModel).toBe('anthropic/claude-3.5-sonnet-20241022');
    expect(log.attempts).toMatchObject([{ status: 'ok', requestedModel: 'model-a', servedModel: 'anthropic/claude-3.5-sonnet-20241022', httpStatus: 200, costUsd: 0.0042 }]);
    const headers = standin().requests[0]!.headers;
    expect(headers['http-referer']).toBe('https://example.test');
    expect(headers['x-title']).toBe('LAC test');
    expect(headers['x-stainless-retry-count']).toBe('0');
  });

  it('retries 503 and 429 on the same model, then succeeds', async () => {
    standin().enqueue({ model: 'model-a', status: 503 }, { model: 'model-a', status: 429, headers: { 'retry-after': '0' } });
    const log = new ProviderAttemptLog();
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(result.requestedModel).toBe('model-a');
    expect(log.attempts.map((attempt) => [attempt.status, attempt.httpStatus])).toEqual([
      ['retry', 503],
      ['retry', 429],
      ['ok', 200],
    ]);
    expect(requestsFor('model-b')).toHaveLength(0);
  });

  it('honours Retry-After before the next attempt', async () => {
    standin().enqueue({ model: 'model-a', status: 429, headers: { 'retry-after': '1' } });
    await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, new ProviderAttemptLog());
    const [first, second] = requestsFor('model-a');
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('falls back at once when Retry-After is longer than we wait', async () => {
    standin().enqueue({ model: 'model-a', status: 429, headers: { 'retry-after': '3600' } });
    const log = new ProviderAttemptLog();
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(result.requestedModel).toBe('model-b');
    expect(requestsFor('model-a')).toHaveLength(1);
  });

  it('falls back to the next model when the retries of the first are exhausted', async () => {
    standin().enqueue({ model: 'model-a', status: 500, times: 3 });
    const log = new ProviderAttemptLog();
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(result.requestedModel).toBe('model-b');
    expect(log.attempts.map((attempt) => `${attempt.requestedModel}:${attempt.status}`)).toEqual([
      'model-a:retry',
      'model-a:retry',
      'model-a:fallback',
      'model-b:ok',
    ]);
  });

  it('falls back without retrying when the context is too long', async () => {
    standin().enqueue({ model: 'model-a', status: 400, errorMessage: "This model's maximum context length is 8192 tokens." });
    const log = new ProviderAttemptLog();
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(result.requestedModel).toBe('model-b');
    expect(requestsFor('model-a')).toHaveLength(1);
    expect(log.attempts[0]).toMatchObject({ status: 'fallback', errorCode: 'provider_context_too_long' });
  });

  it.each([400, 401, 402, 403])('stops at once on %i: no retry, no other model', async (status) => {
    standin().enqueue({ model: 'model-a', status });
    const log = new ProviderAttemptLog();
    const error = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AllModelsFailedError);
    expect((error as AllModelsFailedError).disposition).toBe('fatal');
    expect((error as AllModelsFailedError).retryable).toBe(false);
    expect((error as AllModelsFailedError).upstreamStatus).toBe(status);
    expect(standin().requests).toHaveLength(1);
    expect(log.attempts).toMatchObject([{ status: 'fatal', httpStatus: status }]);
  });

  it('gives up on a stalled call at the per-call deadline and retries', async () => {
    standin().enqueue({ model: 'model-a', stall: true });
    const log = new ProviderAttemptLog();
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(result.requestedModel).toBe('model-a');
    expect(log.attempts.map((attempt) => [attempt.status, attempt.errorCode ?? null])).toEqual([
      ['retry', 'provider_timeout'],
      ['ok', null],
    ]);
  });

  it('retries a malformed JSON body', async () => {
    standin().enqueue({ model: 'model-a', malformedJson: true });
    const log = new ProviderAttemptLog();
    await chainOf().complete({ messages, maxTokens: 100, temperature: 0 }, log);
    expect(log.attempts.map((attempt) => attempt.status)).toEqual(['retry', 'ok']);
    expect(log.attempts[0]!.errorCode).toBe('provider_malformed_response');
  });

  it('stops everything when the job signal aborts, without retrying', async () => {
    standin().enqueue({ model: 'model-a', stall: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('job deadline')), 100);
    const error = await chainOf({ policy: { ...policy, callTimeoutMs: 5_000 } })
      .complete({ messages, maxTokens: 100, temperature: 0 }, new ProviderAttemptLog(), controller.signal)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderCallAbortedError);
    expect(standin().requests).toHaveLength(1);
  });

  it('opens the circuit after repeated failures, skips the model, then half-opens and closes again', async () => {
    breakers = new CircuitBreakerRegistry({ failureThreshold: 2, openDurationMs: 1_000, now: () => clock });
    const chain = chainOf({ policy: { ...policy, maxAttempts: 2 } });
    standin().enqueue({ model: 'model-a', status: 502, times: 2 });
    await chain.complete({ messages, maxTokens: 50, temperature: 0 }, new ProviderAttemptLog());
    expect(breakers.get('openrouter', 'model-a').snapshot().state).toBe('open');

    const skipped = new ProviderAttemptLog();
    const whileOpen = await chain.complete({ messages, maxTokens: 50, temperature: 0 }, skipped);
    expect(whileOpen.requestedModel).toBe('model-b');
    expect(skipped.attempts[0]).toMatchObject({ requestedModel: 'model-a', status: 'skipped_circuit_open' });
    expect(requestsFor('model-a')).toHaveLength(2);

    clock += 1_000;
    expect(breakers.get('openrouter', 'model-a').snapshot().state).toBe('half_open');
    const probe = await chain.complete({ messages, maxTokens: 50, temperature: 0 }, new ProviderAttemptLog());
    expect(probe.requestedModel).toBe('model-a');
    expect(breakers.get('openrouter', 'model-a').snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0, openedCount: 1 });
  });

  it('streams deltas and reads usage from the last chunk', async () => {
    standin().enqueue({ model: 'model-a', text: 'Voici une réponse en plusieurs morceaux pour toi.', costUsd: 0.001 });
    const deltas: string[] = [];
    const result = await chainOf().complete({ messages, maxTokens: 100, temperature: 0, onDelta: (delta) => deltas.push(delta) }, new ProviderAttemptLog());
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Voici une réponse en plusieurs morceaux pour toi.');
    expect(result.usage.cost_usd).toBeCloseTo(0.001, 10);
    expect(result.usage.completion_tokens).toBeGreaterThan(0);
    expect((standin().requests[0]!.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
  });

  it('retries a stream that fails before its first token', async () => {
    standin().enqueue({ model: 'model-a', midStreamErrorAfterChunks: 0 });
    const log = new ProviderAttemptLog();
    const deltas: string[] = [];
    await chainOf().complete({ messages, maxTokens: 100, temperature: 0, onDelta: (delta) => deltas.push(delta) }, log);
    expect(log.attempts.map((attempt) => attempt.status)).toEqual(['retry', 'ok']);
  });

  it.each([
    ['an error event', { midStreamErrorAfterChunks: 3 }],
    ['a dropped connection', { dropAfterChunks: 3 }],
    ['a stall past the deadline', { stallAfterChunks: 3 }],
  ])('a stream broken after its first token by %s fails with the partial text, no other model', async (_label, behaviour) => {
    standin().enqueue({ model: 'model-a', text: 'un deux trois quatre cinq six sept huit neuf dix onze douze', ...behaviour });
    const deltas: string[] = [];
    const error = await chainOf()
      .complete({ messages, maxTokens: 100, temperature: 0, onDelta: (delta) => deltas.push(delta) }, new ProviderAttemptLog())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderStreamBrokenError);
    const broken = error as ProviderStreamBrokenError;
    expect(broken.partialText.length).toBeGreaterThan(0);
    expect(broken.partialText).toBe(deltas.join(''));
    expect(broken.attempts.map((attempt) => attempt.status)).toEqual(['fatal']);
    expect(standin().requests).toHaveLength(1);
  });

  it('a body that is not the chat completion wire format is a classified provider error, not a crash', async () => {
    standin().enqueue({ kind: 'chat', wrongShapeBody: { id: 'x', choices: [{ message: { role: 'assistant' } }] }, times: 3 });
    const log = new ProviderAttemptLog();
    const failure = await chainOf({ models: ['model-a'] })
      .complete({ messages, maxTokens: 100, temperature: 0 }, log)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AllModelsFailedError);
    expect(log.attempts.map((attempt) => attempt.errorCode)).toEqual(Array(3).fill('provider_malformed_response'));
  });
});

const sources: RetrievedChunk[] = [
  {
    chunkId: 'c1',
    documentId: 'd1',
    title: 'Séquence email de bienvenue',
    section: null,
    content: "Une séquence de bienvenue compte trois à cinq emails. Le premier email livre le cadeau promis et présente ton univers.",
    agentOwner: 'audrey',
    score: 0.8,
  },
];

describe('live answerer and router with their fallbacks', () => {
  const answererOf = () =>
    new AnswererWithOfflineFallback(
      new OpenRouterAnswerer({ audrey: chainOf(), carole: chainOf({ role: 'carole' }) }, { maxCompletionTokens: 300 }),
      new ExtractiveAnswerer(),
      logger,
    );

  it('answers live, streaming, with the attempts on the output', async () => {
    const deltas: string[] = [];
    const output = await answererOf().answer({ agent: 'audrey', message: 'Comment écrire ma séquence de bienvenue ?', history: [], sources }, { onDelta: (delta) => deltas.push(delta) });
    expect(output.offline).toBe(false);
    expect(output.text).toBe(deltas.join(''));
    expect(output.attempts).toMatchObject([{ status: 'ok', role: 'audrey' }]);
    const system = (standin().requests[0]!.body as { messages: Array<{ role: string; content: string }> }).messages[0]!;
    expect(system.content).toContain('Séquence email de bienvenue');
  });

  it('when every model fails, answers offline from the sources with an offer of human help', async () => {
    standin().enqueue({ status: 503, times: 6 });
    const deltas: string[] = [];
    const output = await answererOf().answer({ agent: 'audrey', message: 'Comment écrire ma séquence de bienvenue ?', history: [], sources }, { onDelta: (delta) => deltas.push(delta) });
    expect(output.offline).toBe(true);
    expect(output.text).toContain('Séquence email de bienvenue');
    expect(output.text).toContain("une personne de l'équipe");
    expect(output.text).toBe(deltas.join(''));
    expect(output.attempts).toHaveLength(6);
    expect(output.text.endsWith(HUMAN_HELP_OFFER) || output.text.includes("une personne de l'équipe")).toBe(true);
  });

  it('where no person can answer in this chat, tells the live model to propose none, and the offline answer points to the agency', async () => {
    const input = { agent: 'audrey' as const, message: 'Comment écrire ma séquence de bienvenue ?', history: [], sources, personCanAnswerHere: false };
    await answererOf().answer(input, {});
    const system = (standin().requests[0]!.body as { messages: Array<{ role: string; content: string }> }).messages[0]!;
    expect(system.content).toContain(NOBODY_HERE_NOTE);
    standin().enqueue({ status: 503, times: 6 });
    const offline = await answererOf().answer(input, {});
    expect(offline.offline).toBe(true);
    expect(offline.text).toContain("contacte directement l'agence");
    expect(offline.text).not.toMatch(/une personne de l'équipe|prendra le relais|je veux parler à quelqu'un/);
  });

  it('a broken stream is not replaced by the offline answer: the job fails with the partial text', async () => {
    standin().enqueue({ model: 'model-a', midStreamErrorAfterChunks: 2 });
    const error = await answererOf()
      .answer({ agent: 'audrey', message: 'Et ensuite ?', history: [], sources }, {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderStreamBrokenError);
    expect((error as ProviderStreamBrokenError).partialText.length).toBeGreaterThan(0);
  });

  it('routes through the LLM (JSON mode), and falls back to the local router when it fails', async () => {
    const router = new RouterWithLocalFallback(new OpenRouterRouter(chainOf({ role: 'router' }), { maxCompletionTokens: 100 }), new KeywordRouter(), logger);
    const live = await router.route({ message: 'Comment faire des Reels Instagram qui plaisent ?', history: [] });
    expect(live).toMatchObject({ agent: 'carole', method: 'llm' });
    expect(live.attempts).toHaveLength(1);
    expect((standin().requests[0]!.body as { response_format?: unknown }).response_format).toEqual({ type: 'json_object' });

    standin().enqueue({ status: 500, times: 6 });
    const fallback = await router.route({ message: 'Comment faire des Reels Instagram qui plaisent ?', history: [] });
    expect(fallback.method).toBe('fallback');
    expect(fallback.agent).toBe('carole');
    expect(fallback.attempts).toHaveLength(6);

    standin().enqueue({ text: 'je ne sais pas' });
    const unreadable = await router.route({ message: 'Je veux un remboursement', history: [] });
    expect(unreadable.method).toBe('fallback');
  });
});
