import { spawn, type ChildProcess } from 'node:child_process';
import { deleteKeysWithPrefix, findFreePort } from '@lac/core/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/**
 * The whole product in local mode, as `pnpm start` runs it (`tsx scripts/start.ts`),
 * on a free port with a temporary DATA_DIR and a unique QUEUE_PREFIX, for the
 * browser tests. `stop()` sends SIGTERM, waits for the exit, removes the data
 * directory and deletes the test's Redis keys.
 */
export interface LocalProduct {
  baseUrl: string;
  queuePrefix: string;
  /** Last lines the product printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export { findFreePort };

export async function startLocalProduct(options: {
  repositoryRoot: string;
  name: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<LocalProduct> {
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), `lac-${options.name}-data-`));
  const queuePrefix = `test-${options.name}-${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(options.repositoryRoot, 'scripts', 'start.ts')], {
    cwd: options.repositoryRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_DB_PORT: '0',
      QUEUE_PREFIX: queuePrefix,
      REDIS_URL: redisUrl,
      // Local mode: no provider key reaches the product.
      OPENROUTER_API_KEY: '',
      OPENAI_API_KEY: '',
      COHERE_API_KEY: '',
      DATABASE_URL: '',
      SUPABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stop() reaches start.ts and the API and worker it runs.
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // If the test process ends without stop() (a crash, a hook timeout), take the product down with it.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  const remember = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const product: LocalProduct = {
    baseUrl,
    queuePrefix,
    output: () => lines.slice(-40).join('\n'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup('SIGTERM');
        const killer = setTimeout(() => signalGroup('SIGKILL'), 20_000);
        await exited;
        clearTimeout(killer);
      }
      process.removeListener('exit', killOnExit);
      await rm(dataDir, { recursive: true, force: true });
      await deleteProductKeys(redisUrl, queuePrefix);
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await product.stop();
      throw new Error(`the product stopped before it was ready (exit ${child.exitCode ?? child.signalCode}):\n${product.output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return product;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await product.stop();
  throw new Error(`the product was not healthy within the deadline:\n${product.output()}`);
}

/** Deletes the product's keys (every key under `<queuePrefix>:`) through a connection of its own. */
async function deleteProductKeys(redisUrl: string, queuePrefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await deleteKeysWithPrefix(redis, queuePrefix);
  } finally {
    redis.disconnect();
  }
}
