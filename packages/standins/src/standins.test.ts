import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCohereRerankStandin, type CohereRerankStandin } from './cohere-rerank-standin.ts';
import { startOpenAICompatibleStandin, type OpenAICompatibleStandin } from './openai-compatible-standin.ts';

let openai: OpenAICompatibleStandin;
let cohere: CohereRerankStandin;

beforeAll(async () => {
  openai = await startOpenAICompatibleStandin();
  cohere = await startCohereRerankStandin();
});
afterAll(async () => {
  await Promise.all([openai.close(), cohere.close()]);
});

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('stand-ins over plain HTTP', () => {
  it('are scriptable through the control API', async () => {
    const queued = await post(`${openai.origin}/__control/enqueue`, { behaviours: [{ kind: 'chat', status: 503, headers: { 'retry-after': '2' } }] });
    expect(await queued.json()).toMatchObject({ queued: 1, pending: 1 });
    const failed = await post(`${openai.baseUrl}/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'salut' }] });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(await failed.json()).toMatchObject({ error: { code: 503 } });
    const logged = await (await fetch(`${openai.origin}/__control/requests`)).json();
    expect(logged.requests).toHaveLength(1);
    await post(`${openai.origin}/__control/reset`, {});
    expect(openai.requests).toHaveLength(0);
  });

  it('streams SSE chunks, a usage chunk and [DONE]', async () => {
    const response = await post(`${openai.baseUrl}/chat/completions`, {
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'salut' }],
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    const events = text.split('\n\n').filter((event) => event.startsWith('data: '));
    expect(events.at(-1)).toBe('data: [DONE]');
    const usage = JSON.parse(events.at(-2)!.slice(6));
    expect(usage).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number), cost: expect.any(Number) } });
  });

  it('reranks in the Cohere v2 format', async () => {
    const response = await post(`${cohere.baseUrl}/v2/rerank`, { model: 'rerank-multilingual-v3.0', query: 'reels', documents: ['facture', 'reels instagram'], top_n: 1 });
    expect(await response.json()).toMatchObject({ results: [{ index: 1, relevance_score: expect.any(Number) }], meta: { billed_units: { search_units: 1 } } });
  });
});
