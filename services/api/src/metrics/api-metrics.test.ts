import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createApiMetrics } from './api-metrics.ts';

describe('API metrics', () => {
  it('a scrape still answers while the queue depth cannot be read (Redis away): no depth sample, readable 0', async () => {
    let redisAway = false;
    const queue = {
      name: 'chat',
      async getJobCounts(...states: string[]) {
        if (redisAway) throw new Error('Connection is closed.');
        return Object.fromEntries(states.map((state) => [state, 2]));
      },
    };
    const registry = new Registry();
    createApiMetrics(registry, queue as never);
    const healthy = await registry.metrics();
    expect(healthy).toMatch(/lac_queue_jobs\{queue="chat",state="waiting"\} 2/);
    expect(healthy).toMatch(/lac_queue_jobs_readable\{queue="chat"\} 1/);
    redisAway = true;
    // The two gauges share one read per scrape (250 ms); the next scrape reads again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const away = await registry.metrics();
    expect(away).not.toMatch(/lac_queue_jobs\{/);
    expect(away).toMatch(/lac_queue_jobs_readable\{queue="chat"\} 0/);
    expect(away).toMatch(/# TYPE lac_http_request_duration_seconds histogram/);
  });
});
