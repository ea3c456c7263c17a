import { afterAll, describe, expect, it } from 'vitest';
import { createChatQueue, DatabaseReadOnlyError, ProviderStatusBoard, type ProviderStatus } from '@lac/core';
import { createRedisTestContext } from '@lac/core/testing';
import { createHealthCheck, healthProbeTimeoutMs, NO_WORKER_DETAIL } from './health-check.ts';

/** GET /health's probe on the real Redis, with the real chat queue and provider status board. */
const context = createRedisTestContext('health-check');
const config = context.config();
const queue = createChatQueue({ connection: context.redis, config });
const board = new ProviderStatusBoard(context.redis, context.prefix);

afterAll(async () => {
  await queue.close();
  await context.cleanup();
});

const localEntry = { mode: 'local', status: 'up', models: [], circuits: [] } as const;
const localStatus = { openrouter: localEntry, openai: localEntry, cohere: localEntry } as unknown as ProviderStatus;

const healthCheck = (withBoard: boolean) =>
  createHealthCheck({
    redis: context.redis,
    pingDatabase: async () => undefined,
    queue,
    config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
    ...(withBoard ? { providerStatusBoard: board } : {}),
  });

describe('GET /health probe', () => {
  it('says degraded, not unhealthy, while the database answers but takes no writes (answers wait), unhealthy when it does not answer', async () => {
    // A board of its own: a worker has reported (the queue is up), the other tests' board stays empty.
    const boardWithWorker = new ProviderStatusBoard(context.redis, `${context.prefix}:read-only`);
    await boardWithWorker.publish('worker-read-only', localStatus);
    const withDatabase = (pingDatabase: () => Promise<void>) =>
      createHealthCheck({ redis: context.redis, pingDatabase, queue, config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined }, providerStatusBoard: boardWithWorker })();
    const readOnly = await withDatabase(async () => {
      throw new DatabaseReadOnlyError();
    });
    expect(readOnly.status).toBe('degraded');
    expect(readOnly.services.database).toMatchObject({ status: 'degraded', detail: expect.stringContaining('read-only') });
    const unreachable = await withDatabase(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    expect(unreachable.status).toBe('unhealthy');
    expect(unreachable.services.database.status).toBe('down');
  });

  it('is degraded while no worker has reported (messages would wait unanswered), healthy once one has, degraded again once it is stale', async () => {
    const noWorker = await healthCheck(true)();
    expect(noWorker.status).toBe('degraded');
    expect(noWorker.services.queue).toMatchObject({ status: 'degraded', detail: expect.stringContaining(NO_WORKER_DETAIL) });

    await board.publish('worker-1', localStatus);
    const withWorker = await healthCheck(true)();
    expect(withWorker.status).toBe('healthy');
    expect(withWorker.services.queue.status).toBe('up');

    await board.publish('worker-1', localStatus, Date.now() - 60_000);
    expect((await healthCheck(true)()).status).toBe('degraded');
  });

  it('gives every service its state, mode and latency (the brief): a live provider the latest call a worker made to it', async () => {
    const local = await healthCheck(true)();
    for (const name of ['redis', 'database', 'queue'] as const) expect(local.services[name]).toMatchObject({ mode: 'live', latency_ms: expect.any(Number) });
    for (const name of ['openrouter', 'openai', 'cohere'] as const) expect(local.services[name]).toMatchObject({ mode: 'local', latency_ms: 0 });

    const circuit = (lastSuccessAt: number | null, lastSuccessLatencyMs: number | null) => ({
      name: 'openrouter:model',
      state: 'closed',
      consecutiveFailures: 0,
      nextProbeAt: null,
      openedCount: 0,
      lastSuccessLatencyMs,
      lastSuccessAt,
    });
    const liveStatus = (circuits: unknown[]) => ({ ...localStatus, openrouter: { mode: 'live', status: 'up', models: ['model'], circuits } }) as unknown as ProviderStatus;
    const live = createHealthCheck({
      redis: context.redis,
      pingDatabase: async () => undefined,
      queue,
      config: { OPENROUTER_API_KEY: 'sk-test', OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
      providerStatusBoard: board,
    });
    // No call yet: no latency to report.
    await board.publish('worker-1', liveStatus([circuit(null, null)]));
    expect((await live()).services.openrouter).toEqual({ status: 'up', mode: 'live' });
    // Two workers: the most recent call wins.
    await board.publish('worker-1', liveStatus([circuit(Date.now() - 5_000, 900)]));
    await board.publish('worker-2', liveStatus([circuit(Date.now() - 1_000, 420)]));
    expect((await live()).services.openrouter).toEqual({ status: 'up', mode: 'live', latency_ms: 420 });
    await board.withdraw('worker-2');
  });

  it('without a status board to read, does not judge the workers', async () => {
    expect((await healthCheck(false)()).status).toBe('healthy');
  });

  it('reports a database slower than 600 ms but within the request deadline up, and one past it down', async () => {
    const slowDatabase = (delayMs: number) =>
      createHealthCheck({
        redis: context.redis,
        pingDatabase: () => new Promise((resolve) => setTimeout(resolve, delayMs)),
        queue,
        config: { OPENROUTER_API_KEY: undefined, OPENAI_API_KEY: undefined, COHERE_API_KEY: undefined },
        timeoutMs: healthProbeTimeoutMs({ API_DEPENDENCY_TIMEOUT_MS: 800 }),
      })();
    expect((await slowDatabase(650)).services.database.status).toBe('up');
    expect((await slowDatabase(900)).services.database).toMatchObject({ status: 'down', detail: 'no answer within 800 ms' });
    expect(healthProbeTimeoutMs({ API_DEPENDENCY_TIMEOUT_MS: 200 })).toBe(600);
  });
});
