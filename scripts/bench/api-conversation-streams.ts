/**
 * The API's own cost of open conversation streams (issue 12): starts the real API process
 * (services/api/src/main.ts, no worker) against an embedded database, opens N visitor streams
 * (`GET /api/v2/conversations/:id/events`, one conversation each, CONVERSATION_ACCESS=open so the
 * bench needs no tokens) from this process, and reads the API process's resident memory
 * (/proc/<pid>/status), its heap (/metrics) and its TCP connections to Redis (`ss`, that pid only:
 * the Redis server is shared) before and after. One Redis subscription per API process means the
 * connection count must not grow with the streams.
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createPgPool, runMigrations, startEmbeddedDatabase, type Logger } from '@lac/core';
import { findFreePort } from '@lac/core/testing';
import { round } from './statistics.ts';

function residentMemoryBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 'NaN') * 1024;
}

async function heapUsedBytes(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = /^(?:\w+_)?nodejs_heap_size_used_bytes\S*\s+(\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

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
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lac-bench-streams-db-'));
  const database = await startEmbeddedDatabase({ dataDir, port: 0, logger: options.logger });
  const pool = createPgPool(database.connectionString, { max: 2 });
  await runMigrations(pool, options.logger);
  await pool.end();
  const port = await findFreePort();
  const prefix = `bench-streams-${Date.now().toString(36)}`;
  const api = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.connectionString,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      CONVERSATION_ACCESS: 'open',
      SEED_KNOWLEDGE_BASE: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const open: http.ClientRequest[] = [];
  try {
    for (let attempt = 0; ; attempt += 1) {
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status < 500, () => false);
      if (healthy) break;
      if (attempt > 300 || api.exitCode !== null) throw new Error('the API did not start');
      await sleep(200);
    }
    await sleep(1000);
    const before = { rss: residentMemoryBytes(api.pid!), heap: await heapUsedBytes(port), redis: redisConnectionsOf(api.pid!, options.redisUrl) };

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
    const after = { rss: residentMemoryBytes(api.pid!), heap: await heapUsedBytes(port), redis: redisConnectionsOf(api.pid!, options.redisUrl) };
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
    api.kill('SIGTERM');
    if (api.exitCode === null) await new Promise((resolve) => api.once('exit', resolve));
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteKeys(options.redisUrl, prefix);
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
