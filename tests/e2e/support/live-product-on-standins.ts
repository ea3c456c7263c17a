/**
 * Test support: the whole product (`scripts/start.ts`: real API and worker processes) in live mode
 * against the vendor stand-ins (packages/standins), on a throwaway PGlite database reached directly
 * (`postgres` mode) or through the PostgREST stand-in (`supabase` mode). The sample knowledge base is
 * embedded through the OpenAI stand-in before start, outside the daily budget, so the budget only
 * counts the calls made for visitors' messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCapabilities, createLogger, createPgStores, loadConfig } from '@lac/core';
import { ingestPaths } from '@lac/core/knowledge';
import {
  createRedisTestContext,
  findFreePort,
  startPostgrestStandin,
  startTemporaryDatabase,
  type PostgrestStandin,
  type RedisTestContext,
  type TemporaryDatabase,
} from '@lac/core/testing';
import {
  liveProviderEnvFor,
  startCohereRerankStandin,
  startOpenAICompatibleStandin,
  type CohereRerankStandin,
  type OpenAICompatibleStandin,
} from '../../../packages/standins/src/index.ts';

export type StoreMode = 'postgres' | 'supabase';

export interface LiveProduct {
  baseUrl: string;
  database: TemporaryDatabase;
  redis: RedisTestContext;
  openai: OpenAICompatibleStandin;
  cohere: CohereRerankStandin;
  /** Stand-in requests recorded before the product started (knowledge-base ingestion). */
  requestsBeforeStart: { openai: number; cohere: number };
  adminAuthorization: string;
  env: Record<string, string>;
  output(): string;
  stop(): Promise<void>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const SERVICE_KEY = 'test-service-key';
const KNOWLEDGE_FILES = ['kajabi-emails-bienvenue.md', 'tunnel-de-vente-ebook.md', 'reel-instagram-engageant.md', 'legendes-et-hashtags.md'];

export async function startLiveProductOnStandins(options: {
  mode: StoreMode;
  name: string;
  env?: Record<string, string>;
}): Promise<LiveProduct> {
  const logger = createLogger({ level: 'silent' });
  const database = await startTemporaryDatabase({ logger });
  const openai = await startOpenAICompatibleStandin();
  const cohere = await startCohereRerankStandin();
  const postgrest: PostgrestStandin | undefined =
    options.mode === 'supabase' ? await startPostgrestStandin({ pool: database.pool, serviceKey: SERVICE_KEY }) : undefined;
  const redis = createRedisTestContext(options.name);
  const port = await findFreePort();
  const adminPassword = 'owner-dashboard-secret';
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redis.redisUrl,
    QUEUE_PREFIX: redis.prefix,
    EMBEDDED_DB_PORT: String(await findFreePort()),
    DATABASE_URL: options.mode === 'postgres' ? database.connectionString : '',
    SUPABASE_URL: postgrest?.url ?? '',
    SUPABASE_SERVICE_KEY: postgrest ? SERVICE_KEY : '',
    SEED_KNOWLEDGE_BASE: 'false',
    ...liveProviderEnvFor(openai, cohere),
    ROUTER_MODE: 'local_only',
    RAG_SIMILARITY_THRESHOLD: '0',
    ESCALATION_WEBHOOK_URL: '',
    ADMIN_USER: 'owner',
    ADMIN_PASSWORD: adminPassword,
    ...options.env,
  };

  const config = loadConfig({ ...env, NODE_ENV: 'test' });
  // A few documents of each agent are enough sources (and keep the start short).
  await ingestPaths(KNOWLEDGE_FILES.map((file) => path.join(repositoryRoot, 'knowledge-base', file)), {
    store: createPgStores(database.pool).knowledge,
    embedder: (await createCapabilities({ config, logger })).embedder,
    logger,
  });
  const requestsBeforeStart = { openai: openai.requests.length, cohere: cohere.requests.length };

  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await postgrest?.close();
    await openai.close();
    await cohere.close();
    await database.stop();
    await redis.cleanup();
  };

  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
      const ready = await fetch(`${baseUrl}/health`).then((response) => response.ok, () => false);
      // The worker publishes its provider status once ready: the dashboard's "workers seen".
      if (ready && (await redis.redis.hlen(`${redis.prefix}:provider-status`)) > 0) break;
      if (Date.now() > deadline) throw new Error(`not ready in time:\n${output}`);
      await sleep(300);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    baseUrl,
    database,
    redis,
    openai,
    cohere,
    requestsBeforeStart,
    adminAuthorization: `Basic ${Buffer.from(`owner:${adminPassword}`).toString('base64')}`,
    env,
    output: () => output,
    stop,
  };
}
