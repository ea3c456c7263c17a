import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/** `METRICS_BEARER_TOKEN`: the metrics show the agency's volumes and spend; with a token, only a scrape bearing it reads them. */
let database: TestDatabase;
let tokenMetricsApi: TestApi;
const METRICS_BEARER_TOKEN = 'jeton-de-scrape-0123456789abcdef';

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  tokenMetricsApi = await startTestApi({ name: 'ops-metrics-token', database, startWorker: false, env: { METRICS_BEARER_TOKEN } });
});

afterAll(async () => {
  await tokenMetricsApi?.close();
  await database?.stop();
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('GET /metrics with METRICS_BEARER_TOKEN', () => {
  it('answers only the scrape bearing the token: 401 with a Bearer challenge otherwise, the figures never shown', async () => {
    const without = await fetch(`${tokenMetricsApi.baseUrl}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const refused = await without.text();
    expect(JSON.parse(refused)).toMatchObject({ error: { code: 'metrics_token_required' } });
    expect(refused).not.toContain('lac_');
    for (const authorization of [`Bearer ${METRICS_BEARER_TOKEN}x`, `Bearer ${METRICS_BEARER_TOKEN.slice(0, -1)}`, basic('admin', METRICS_BEARER_TOKEN), 'Bearer']) {
      const wrong = await fetch(`${tokenMetricsApi.baseUrl}/metrics`, { headers: { authorization } });
      expect(wrong.status, authorization).toBe(401);
      expect(await wrong.text()).not.toContain('lac_');
    }
    const scraped = await fetch(`${tokenMetricsApi.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_BEARER_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/lac_queue_jobs\{queue="chat",state="waiting"\} \d+/);
    // The other probes stay public: a load balancer's health check carries no token.
    expect((await fetch(`${tokenMetricsApi.baseUrl}/health`)).status).toBe(200);
  });
});
