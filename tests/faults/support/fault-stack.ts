import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { deleteKeysWithPrefix, findFreePort } from '@lac/core/testing';
import { postMessage, waitForJobEnd } from './chat-traffic.ts';
import { spawnService, startDatabaseProcess, stopProcess, waitHealthy, type ServiceProcess } from './fault-processes.ts';

/**
 * The product started in parts for one fault case: the embedded database in a process of its own,
 * an API and N workers from their entry points, on the machine's Redis under a unique prefix (or a
 * throwaway redis-server given by the case). Everything a stack starts is registered here and
 * stopped by `stopFaultStacks()` (afterAll), its keys and folders removed.
 */

export const sharedRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const started: ServiceProcess[] = [];
const folders: string[] = [];
/** Prefixes written on the shared Redis, deleted at the end. */
const sharedPrefixes: string[] = [];

export interface FaultStack {
  prefix: string;
  baseUrl: string;
  /** The environment every process of the stack got (Redis, prefix, database...). */
  env: Record<string, string>;
  api: ServiceProcess;
  workers: ServiceProcess[];
  database(): ServiceProcess;
  /** Starts the embedded database again on the same port and data (after a kill). */
  restartDatabase(): Promise<void>;
  /** Starts the API again on the same port (after a kill) and waits until it is healthy. */
  restartApi(): Promise<ServiceProcess>;
  /** Starts one more worker process (not waited for). */
  startWorker(): ServiceProcess;
}

/** A temporary folder removed by stopFaultStacks(). */
export function temporaryFolder(name: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), `lac-fault-${name}-`));
  folders.push(folder);
  return folder;
}

/** Registers a process started by a case (a throwaway redis-server) so stopFaultStacks() stops it. */
export function registerProcess(service: ServiceProcess): ServiceProcess {
  started.push(service);
  return service;
}

export async function startFaultStack(options: {
  name: string;
  /** Where the services find Redis: the machine's Redis (under a unique prefix) when absent. */
  redisUrl?: string;
  /** `redisUrl` leads to the machine's Redis (through a proxy): its keys are deleted at the end. Default: only when `redisUrl` is absent. */
  redisIsShared?: boolean;
  /** Where the services find the database, given its port (a proxy in front of it); the database itself when absent. */
  databasePortFor?: (databasePort: number) => Promise<number>;
  /** Added to every process's environment. */
  env?: Record<string, string>;
  workers?: number;
  workerEnv?: Record<string, string>;
  /** Wait until a first message is answered (the workers are up). Default true. */
  warmUp?: boolean;
}): Promise<FaultStack> {
  const prefix = `test-fault-${options.name}-${randomBytes(4).toString('hex')}`;
  if (options.redisIsShared ?? !options.redisUrl) sharedPrefixes.push(prefix);
  const dataDir = temporaryFolder(options.name);
  const databasePort = await findFreePort();
  let database = registerProcess(await startDatabaseProcess(dataDir, databasePort));
  const apiPort = await findFreePort();
  const env = {
    REDIS_URL: options.redisUrl ?? sharedRedisUrl,
    QUEUE_PREFIX: prefix,
    DATABASE_URL: `postgres://postgres@127.0.0.1:${options.databasePortFor ? await options.databasePortFor(databasePort) : databasePort}/postgres`,
    RATE_LIMIT_MESSAGES: '1000',
    STALL_WINDOW_MS: '5000',
    INFRA_RETRY_MAX_MS: '2000',
    ...options.env,
  };
  let workerCount = 0;
  const startWorker = () =>
    registerProcess(spawnService('worker', `${options.name}-worker-${(workerCount += 1)}`, { ...env, WORKER_CONCURRENCY: '8', LOG_LEVEL: 'info', ...options.workerEnv }));
  const workers = Array.from({ length: options.workers ?? 1 }, startWorker);
  const spawnApi = () => registerProcess(spawnService('api', `${options.name}-api`, { ...env, PORT: String(apiPort), HOST: '127.0.0.1' }));
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const stack: FaultStack = {
    prefix,
    baseUrl,
    env,
    api: spawnApi(),
    workers,
    database: () => database,
    async restartDatabase() {
      database = registerProcess(await startDatabaseProcess(dataDir, databasePort));
    },
    async restartApi() {
      stack.api = spawnApi();
      await waitHealthy(baseUrl, stack.api);
      return stack.api;
    },
    startWorker,
  };
  await waitHealthy(baseUrl, stack.api);
  if (options.warmUp ?? true) {
    // Posted again after a 503 as a client would (a loaded machine behind a slow proxy may use up
    // a post's time budget): a first post answered 503 left no job to wait for.
    let warmUp = await postMessage(baseUrl, `${prefix}-warm-up`, 'Bonjour ?');
    for (const startedAt = Date.now(); warmUp.jobId === undefined && Date.now() - startedAt < 60_000; ) {
      await sleep(1_000);
      warmUp = await postMessage(baseUrl, `${prefix}-warm-up`, 'Bonjour ?');
    }
    if (warmUp.jobId === undefined) throw new Error(`the warm-up message was not accepted: ${warmUp.status}`);
    const end = await waitForJobEnd(baseUrl, warmUp.jobId, 180_000);
    if (end.status !== 'completed') throw new Error(`the warm-up message ended ${end.status}:\n${workers.map((worker) => worker.output()).join('\n')}`);
  }
  return stack;
}

/** For afterAll: stops every process started (newest first), deletes the shared Redis keys, removes the folders. */
export async function stopFaultStacks(): Promise<void> {
  for (const service of started.splice(0).reverse()) await stopProcess(service, 10_000);
  if (sharedPrefixes.length > 0) {
    const redis = new Redis(sharedRedisUrl, { maxRetriesPerRequest: 1 });
    for (const prefix of sharedPrefixes.splice(0)) await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
