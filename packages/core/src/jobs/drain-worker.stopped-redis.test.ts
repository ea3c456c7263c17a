import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { startThrowawayRedisServer } from '../testing/throwaway-redis-server.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { drainWorker, WorkerShuttingDownError } from './drain-worker.ts';

/**
 * A worker stopped (SIGTERM) while its Redis is stopped: BullMQ's close waits for its blocking
 * connection, which ioredis never ends once it was closed while waiting to reconnect, and a forced
 * close after it returns the same waiting promise (BullMQ keeps the first close). The worker
 * process then waited out its whole exit deadline (grace + margin, 35 s by default). The drain must
 * give up on such a close and say so.
 */
describe('draining a worker whose Redis is stopped', () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
  });

  it('gives the close up after the forced wait instead of hanging', async () => {
    const redisServer = await startThrowawayRedisServer();
    server = redisServer.process;
    const connection = createRedisConnection(redisServer.url, { connectionName: 'drain-stopped-redis', forBullWorker: true, logger: captureLogLines('warn').logger });
    const worker = new Worker(`drain-${randomUUID()}`, async () => 'ok', { connection, prefix: `drain-${randomUUID()}` });
    worker.on('error', () => undefined);
    await worker.waitUntilReady();
    await sleep(200);
    server.kill('SIGKILL');
    // Its connections now wait to reconnect (refused).
    await sleep(1_500);
    const { logger, lines } = captureLogLines('warn');
    const started = Date.now();
    const drained = await Promise.race([
      drainWorker({ worker, graceMs: 20_000, shutdown: new AbortController(), reason: new WorkerShuttingDownError(), logger, activeJobs: () => 0, idleCloseMs: 500 }).then(() => 'returned'),
      sleep(10_000).then(() => 'still waiting'),
    ]);
    expect(drained).toBe('returned');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lines.map((line) => line.msg)).toContain('worker close abandoned: it still waits on Redis after being forced');
    connection.disconnect();
  }, 30_000);
});
