/**
 * The API's own cost of open conversation streams (issue 12): starts the real API process
 * (services/api/src/main.ts, no worker) against an embedded database, opens N visitor streams
 * (`GET /api/v2/conversations/:id/events`, one conversation each, CONVERSATION_ACCESS=open so the
 * bench needs no tokens) from this process, and reads the API process's resident memory
 * (/proc/<pid>/status), its heap (/metrics) and its TCP connections to Redis (`ss`, that pid only:
 * the Redis server is shared) before and after. One Redis subscription per API process means the
 * connection count must not grow with the streams.
 */
import { execSync } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from '@lac/core';
import { deleteKeysWithPrefix } from '@lac/core/testing';
import { startBenchApiProcess } from './bench-api-process.ts';
import { round } from './statistics.ts';

/** Established TCP connections of process `pid` to the Redis port. */
function redisConnectionsOf(pid: number, redisUrl: string): number {
  const port = new URL(redisUrl).port || '6379';
  const lines = execSync(`ss -tnp state established '( dport = :${port} )'`, { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(`pid=${pid},`)).length;
}

export interface ApiStreamsMeasure {
  streams: number;
  rss_before_mb: number;
  rss_after_mb: number;
  heap_before_mb: number;
  heap_after_mb: number;
  kb_per_stream: number;
  redis_connections_before: number;
  redis_connections_after: number;
}

export async function measureApiWithConversationStreams(options: { streams: number; redisUrl: string; logger: Logger }): Promise<ApiStreamsMeasure> {
  const prefix = `bench-streams-${Date.now().toString(36)}`;
  const api = await startBenchApiProcess({
    logger: options.logger,
    env: { REDIS_URL: options.redisUrl, QUEUE_PREFIX: prefix, CONVERSATION_ACCESS: 'open', SEED_KNOWLEDGE_BASE: 'false' },
  });
  const { port } = api;
  const pid = api.process.pid!;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const open: http.ClientRequest[] = [];
  try {
    await sleep(1000);
    const before = { rss: api.residentMemoryBytes(), heap: await api.heapUsedBytes(), redis: redisConnectionsOf(pid, options.redisUrl) };

    // Each stream counts once its first event (the state snapshot) arrived: it is really open.
    for (let index = 0; index < options.streams; index += 100) {
      const batch = Array.from({ length: Math.min(100, options.streams - index) }, (_, offset) =>
        new Promise<void>((resolve, reject) => {
          const request = http.get({ host: '127.0.0.1', port, path: `/api/v2/conversations/${prefix}-${index + offset}/events`, agent }, (response) => {
            if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
            response.once('data', () => resolve());
          });
          request.on('error', reject);
          open.push(request);
        }),
      );
      await Promise.all(batch);
    }
    await sleep(2000);
    const after = { rss: api.residentMemoryBytes(), heap: await api.heapUsedBytes(), redis: redisConnectionsOf(pid, options.redisUrl) };
    return {
      streams: options.streams,
      rss_before_mb: round(before.rss / 2 ** 20, 1),
      rss_after_mb: round(after.rss / 2 ** 20, 1),
      heap_before_mb: round(before.heap / 2 ** 20, 1),
      heap_after_mb: round(after.heap / 2 ** 20, 1),
      kb_per_stream: round((after.rss - before.rss) / 1024 / options.streams, 1),
      redis_connections_before: before.redis,
      redis_connections_after: after.redis,
    };
  } finally {
    for (const request of open) request.destroy();
    agent.destroy();
    await api.stop();
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
    await deleteKeysWithPrefix(redis, prefix).finally(() => redis.disconnect());
  }
}
