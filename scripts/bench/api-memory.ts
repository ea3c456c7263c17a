/**
 * The API's memory with many concurrent long-poll waiters: starts the real API process
 * (services/api/src/main.ts) against an embedded database and no worker, queues one message per
 * conversation, opens N concurrent `GET /api/v2/chat/jobs/:id?wait=30`, and reads the API
 * process's resident memory (/proc/<pid>/status) before and after.
 */
import { findFreePort } from '@lac/core/testing';
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AppConfig, type Logger, createPgPool, startEmbeddedDatabase, runMigrations } from '@lac/core';
import { runWithConcurrency, round } from './statistics.ts';


function residentMemoryBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 'NaN');
  return kilobytes * 1024;
}

async function heapUsedBytes(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  const text = await response.text();
  const match = /^(?:\w+_)?nodejs_heap_size_used_bytes\S*\s+(\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

export async function measureApiMemoryWithWaiters(options: { config: AppConfig; waiters: number; logger: Logger }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lac-bench-db-'));
  const database = await startEmbeddedDatabase({ dataDir, port: 0, logger: options.logger });
  const pool = createPgPool(database.connectionString, { max: 2 });
  await runMigrations(pool, options.logger);
  await pool.end();

  const port = await findFreePort();
  const prefix = `bench-mem-${Date.now().toString(36)}`;
  const api = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.connectionString,
      QUEUE_PREFIX: prefix,
      REDIS_CLUSTER_NODES: options.config.REDIS_CLUSTER_NODES ?? '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MESSAGES: '1000',
      // One benchmark client opens every conversation: per-client windows off.
      RATE_LIMIT_CLIENT_MESSAGES: '0',
      RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.status < 500 || attempt > 100) break;
      } catch {
        if (attempt > 100) throw new Error('API did not start');
      }
      await sleep(200);
    }

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
    const rssBefore = residentMemoryBytes(api.pid!);
    const heapBefore = await heapUsedBytes(port);

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
    const rssAfter = residentMemoryBytes(api.pid!);
    const heapAfter = await heapUsedBytes(port);
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
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
