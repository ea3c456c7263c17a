import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEventHub } from '../handover/conversation-event-hub.ts';
import { createLogger } from '../logging/logger.ts';
import { ErasedConversations } from '../privacy/erased-conversations.ts';
import { quitOrDisconnect } from '../redis/quit-or-disconnect.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { startThrowawayRedisServer } from '../testing/throwaway-redis-server.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { JobEventHub } from './job-event-hub.ts';

/**
 * What a process closes at SIGTERM, with its Redis gone: stopped (connections refused, ioredis
 * waiting to reconnect) or black-holed (SIGSTOP: the socket open, nothing answers). Each close
 * must end within a few seconds: the API's shutdown waited on the job event hub (stopped Redis)
 * and on the conversation event hub's QUIT (black-holed) until its 20 s backstop, the worker on its
 * connections' QUIT.
 */
const logger = createLogger({ level: 'silent' });
const keys = new RedisKeys(`test-closing-away-${process.pid}`);
const settle = <T>(promise: Promise<T>, ms: number) => Promise.race([promise.then(() => 'closed' as const), sleep(ms, 'still waiting' as const)]);

describe('closing with Redis away', () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    server?.kill('SIGCONT');
    server?.kill('SIGKILL');
  });
  async function startRedis(): Promise<string> {
    const started = await startThrowawayRedisServer();
    server = started.process;
    return started.url;
  }

  it('the job event hub closes with Redis stopped', async () => {
    const url = await startRedis();
    const hub = new JobEventHub({ config: { REDIS_URL: url, REDIS_CLUSTER_NODES: undefined, QUEUE_PREFIX: keys.namespace, CHAT_QUEUE_NAME: 'chat' }, logger } as ConstructorParameters<typeof JobEventHub>[0]);
    await hub.waitUntilReady();
    server!.kill('SIGKILL');
    await sleep(1_000);
    const started = Date.now();
    expect(await settle(hub.close(), 8_000)).toBe('closed');
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 30_000);

  it('the conversation event hub closes with Redis black-holed', async () => {
    const url = await startRedis();
    const reader = createRedisConnection(url, { connectionName: 'closing-away-reader', logger, commandTimeoutMs: 500 });
    const hub = new ConversationEventHub({
      subscriber: createRedisConnection(url, { connectionName: 'closing-away-subscriber', forBullWorker: true, logger }),
      reader,
      keys,
      logger,
      erased: new ErasedConversations(reader, keys),
    });
    await hub.waitUntilReady();
    server!.kill('SIGSTOP');
    const started = Date.now();
    expect(await settle(hub.close(), 8_000)).toBe('closed');
    expect(Date.now() - started).toBeLessThan(1_000);
    reader.disconnect();
  }, 30_000);

  it("a worker connection's QUIT is given up with Redis black-holed", async () => {
    const url = await startRedis();
    const connection = createRedisConnection(url, { connectionName: 'closing-away-worker', forBullWorker: true, logger });
    await connection.ping();
    server!.kill('SIGSTOP');
    const started = Date.now();
    expect(await settle(quitOrDisconnect(connection), 8_000)).toBe('closed');
    expect(Date.now() - started).toBeLessThan(2_000);
    // Dropped at once, not after ioredis's 2 s disconnectTimeout.
    await waitUntil(async () => connection.status, (status) => status === 'end', 500);
  }, 30_000);
});
