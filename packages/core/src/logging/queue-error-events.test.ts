import { spawn, type ChildProcess } from 'node:child_process';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { findFreePort } from '../testing/free-port.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { logQueueErrorsQuietly } from './queue-error-events.ts';

/** An idle worker's queue errors while its Redis is away, on a private redis-server stopped and started again. */
describe('logQueueErrorsQuietly', () => {
  let server: ChildProcess | undefined;
  let worker: Worker | undefined;
  afterEach(async () => {
    await worker?.close(true).catch(() => undefined);
    server?.kill('SIGKILL');
  });

  const startServer = (port: number) => spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  it('says the queue recovered once Redis is back, without a job to complete', async () => {
    const port = await findFreePort();
    server = startServer(port);
    const connection = new Redis({ port, maxRetriesPerRequest: null, retryStrategy: () => 100 });
    connection.on('error', () => undefined);
    await waitUntil(() => connection.ping().catch(() => 'not yet'), (reply) => reply === 'PONG', 10_000);
    const { logger, lines } = captureLogLines('info');
    worker = new Worker('idle-queue', async () => undefined, { connection, prefix: 'queue-error-events-test' });
    logQueueErrorsQuietly(worker, logger, { component: 'test-worker' });
    await worker.waitUntilReady();

    server.kill('SIGKILL');
    await waitUntil(async () => lines.filter((line) => line.msg === 'queue error').length, (count) => count === 1, 15_000);
    server = startServer(port);
    await waitUntil(async () => lines.filter((line) => line.msg === 'queue recovered').length, (count) => count === 1, 15_000);
    expect(lines.at(-1)).toMatchObject({ msg: 'queue recovered', component: 'test-worker' });
    connection.disconnect();
  });
});
