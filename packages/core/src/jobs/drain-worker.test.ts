import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { drainWorker, WorkerShuttingDownError } from './drain-worker.ts';

const logger = createLogger({ level: 'silent' });

describe('draining a worker at shutdown', () => {
  it('closes an idle BullMQ worker at once, without forcing it', async () => {
    const connection = createRedisConnection(loadConfig(process.env), { connectionName: 'drain-test', forBullWorker: true, logger });
    const worker = new Worker(`drain-${randomUUID()}`, async () => 'ok', { connection, prefix: `drain-${randomUUID()}` });
    await worker.waitUntilReady();
    const forced: boolean[] = [];
    const watched = { close: (force?: boolean) => (forced.push(force === true), worker.close(force)) };
    const started = Date.now();
    await drainWorker({ worker: watched, graceMs: 20_000, shutdown: new AbortController(), reason: new WorkerShuttingDownError(), logger, activeJobs: () => 0 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(forced).toEqual([false]);
    await connection.quit();
  });

  it('forces a close that hangs with no job running (BullMQ after cluster failovers), instead of waiting out the grace period', async () => {
    // A close that ends only when forced: what BullMQ's did after Redis Cluster failovers.
    const calls: boolean[] = [];
    let forcedClose: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (forcedClose = resolve));
    const worker = { close: (force?: boolean) => (calls.push(force === true), force ? (forcedClose(), Promise.resolve()) : hanging) };
    const started = Date.now();
    await drainWorker({ worker, graceMs: 20_000, shutdown: new AbortController(), reason: new WorkerShuttingDownError(), logger, activeJobs: () => 0, idleCloseMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls).toEqual([false, true]);

    // With a job running, its grace period is kept: the job is aborted only after it.
    const shutdown = new AbortController();
    const busy = { close: (force?: boolean) => (force ? Promise.resolve() : new Promise<void>((resolve) => shutdown.signal.addEventListener('abort', () => resolve()))) };
    const busyStarted = Date.now();
    await drainWorker({ worker: busy, graceMs: 600, shutdown, reason: new WorkerShuttingDownError(), logger, activeJobs: () => 1, idleCloseMs: 100 });
    expect(Date.now() - busyStarted).toBeGreaterThanOrEqual(550);
    expect(shutdown.signal.aborted).toBe(true);
  });
});
