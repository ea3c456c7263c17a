import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { startThrowawayRedisServer } from '../testing/throwaway-redis-server.ts';
import { startEscalationDeliveryWorker } from './escalation-delivery-worker.ts';
import type { EscalationStore } from './escalation-store.ts';

/**
 * A worker process stopped (SIGTERM) with its Redis stopped, ESCALATION_WEBHOOK_URL set: the
 * escalation delivery worker's bare BullMQ close waited for ever on its blocking connection (as the
 * chat, retention and hand-over workers' did before drain-worker.ts), and the worker's shutdown with
 * it, all its BullMQ workers draining together, until its exit deadline (35 s, exit 1).
 */
describe('the escalation delivery worker closing with its Redis stopped', () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
  });

  it('closes within a few seconds', async () => {
    const redisServer = await startThrowawayRedisServer();
    server = redisServer.process;
    const { url } = redisServer;
    const { logger } = captureLogLines('warn');
    const config = loadConfig({ REDIS_URL: url, QUEUE_PREFIX: `test-escalation-stopped-${process.pid}`, ESCALATION_WEBHOOK_URL: 'http://127.0.0.1:9/hooks' });
    const delivery = startEscalationDeliveryWorker({ config, store: {} as EscalationStore, logger });
    delivery.worker.on('error', () => undefined);
    await delivery.worker.waitUntilReady();
    await sleep(200);
    server.kill('SIGKILL');
    // Its connections now wait to reconnect (refused).
    await sleep(1_500);
    const started = Date.now();
    const closed = await Promise.race([delivery.close().then(() => 'closed'), sleep(15_000).then(() => 'still waiting')]);
    expect(closed).toBe('closed');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 40_000);
});
