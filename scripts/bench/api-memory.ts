/**
 * The API's memory with many concurrent long-poll waiters: starts the real API process
 * (services/api/src/main.ts) against an embedded database and no worker, queues one message per
 * conversation, opens N concurrent `GET /api/v2/chat/jobs/:id?wait=30`, and reads the API
 * process's resident memory (/proc/<pid>/status) before and after.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig, Logger } from '@lac/core';
import { startBenchApiProcess } from './bench-api-process.ts';
import { runWithConcurrency, round } from './statistics.ts';

export async function measureApiMemoryWithWaiters(options: { config: AppConfig; waiters: number; logger: Logger }) {
  const prefix = `bench-mem-${Date.now().toString(36)}`;
  const api = await startBenchApiProcess({
    logger: options.logger,
    env: {
      QUEUE_PREFIX: prefix,
      REDIS_CLUSTER_NODES: options.config.REDIS_CLUSTER_NODES ?? '',
      RATE_LIMIT_MESSAGES: '1000',
      // One benchmark client opens every conversation: per-client windows off.
      RATE_LIMIT_CLIENT_MESSAGES: '0',
      RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '0',
      RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0',
    },
  });
  const { port } = api;
  try {
    const jobIds: string[] = [];
    await runWithConcurrency(options.waiters, 50, async (i) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: `bench-user-${i}`, conversation_id: `bench-mem-${i}`, message: `Message ${i}` }),
      });
      const body = (await response.json()) as { job_id: string };
      jobIds[i] = body.job_id;
    });

    await sleep(1000);
    const rssBefore = api.residentMemoryBytes();
    const heapBefore = await api.heapUsedBytes();

    const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    const waiting: http.ClientRequest[] = [];
    const requests = jobIds.map(
      (jobId) =>
        new Promise<void>((resolve) => {
          const request = http.get({ host: '127.0.0.1', port, path: `/api/v2/chat/jobs/${jobId}?wait=30`, agent }, (response) => {
            response.resume();
            response.on('end', resolve);
          });
          request.on('error', () => resolve());
          waiting.push(request);
        }),
    );
    await sleep(4000);
    const rssAfter = api.residentMemoryBytes();
    const heapAfter = await api.heapUsedBytes();
    for (const request of waiting) request.destroy();
    await Promise.all(requests);
    agent.destroy();

    return {
      waiters: options.waiters,
      rss_before_mb: round(rssBefore / 2 ** 20, 1),
      rss_after_mb: round(rssAfter / 2 ** 20, 1),
      rss_delta_mb: round((rssAfter - rssBefore) / 2 ** 20, 1),
      heap_delta_mb: round((heapAfter - heapBefore) / 2 ** 20, 1),
      bytes_per_waiter: Math.round((rssAfter - rssBefore) / options.waiters),
    };
  } finally {
    await api.stop();
  }
}
