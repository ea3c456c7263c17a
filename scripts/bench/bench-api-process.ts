/**
 * The real API process (services/api/src/main.ts, no worker) against an embedded database, for the
 * benchmarks that measure the API's own cost: memory (/proc/<pid>/status), heap (/metrics).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPgPool, runMigrations, startEmbeddedDatabase, type Logger } from '@lac/core';
import { findFreePort } from '@lac/core/testing';

export interface BenchApiProcess {
  port: number;
  process: ChildProcess;
  /** Resident memory of the API process, in bytes. */
  residentMemoryBytes(): number;
  /** The API's V8 heap in use, from its /metrics. */
  heapUsedBytes(): Promise<number>;
  /** Stops the API and the database, removes the database's folder. */
  stop(): Promise<void>;
}

export async function startBenchApiProcess(options: { env: Record<string, string>; logger: Logger }): Promise<BenchApiProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lac-bench-api-db-'));
  const database = await startEmbeddedDatabase({ dataDir, port: 0, logger: options.logger });
  const pool = createPgPool(database.connectionString, { max: 2 });
  await runMigrations(pool, options.logger);
  await pool.end();
  const port = await findFreePort();
  const api = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.connectionString,
      LOG_LEVEL: 'warn',
      // One benchmark client stands for thousands of visitors: the per-address caps are off.
      MAX_CONNECTIONS_PER_ADDRESS: '0',
      MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: '0',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    api.kill('SIGTERM');
    if (api.exitCode === null) await new Promise((resolve) => api.once('exit', resolve));
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt += 1) {
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status < 500, () => false);
      if (healthy) break;
      if (attempt > 300 || api.exitCode !== null) throw new Error('the API did not start');
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    process: api,
    residentMemoryBytes() {
      const status = readFileSync(`/proc/${api.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 'NaN') * 1024;
    },
    async heapUsedBytes() {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const match = /^(?:\w+_)?nodejs_heap_size_used_bytes\S*\s+(\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
      return match ? Number(match[1]) : Number.NaN;
    },
    stop,
  };
}
