import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { findFreePort } from '../testing/free-port.ts';
import { RedisUnreachableError } from './redis-connection.ts';
import { waitForRedis } from './wait-for-redis.ts';

/** A process started while Redis is away (a restart during a Redis failover) waits for it at start. */
describe('waitForRedis', () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
    server = undefined;
  });

  it('returns once a Redis that was not running yet answers, saying it waits meanwhile', async () => {
    const port = await findFreePort();
    const { logger, lines } = captureLogLines('info');
    const waiting = waitForRedis(`redis://127.0.0.1:${port}`, { waitSeconds: 30, logger, checkTimeoutMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await expect(waiting).resolves.toBeUndefined();
    expect(lines.filter((line) => line.msg === 'Redis not reachable yet: waiting for it before starting')).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ msg: 'Redis reachable: starting' });
  });

  it('gives up with the message naming REDIS_URL once the wait is over, at once with no wait', async () => {
    const url = `redis://127.0.0.1:${await findFreePort()}`;
    const startedAt = Date.now();
    await expect(waitForRedis(url, { waitSeconds: 0, checkTimeoutMs: 500 })).rejects.toThrow(/Redis is not reachable at .*REDIS_URL/s);
    const onceMs = Date.now() - startedAt;
    const waitedFrom = Date.now();
    const error = await waitForRedis(url, { waitSeconds: 3, checkTimeoutMs: 500 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisUnreachableError);
    expect(Date.now() - waitedFrom).toBeGreaterThanOrEqual(2_000);
    expect(onceMs).toBeLessThan(Date.now() - waitedFrom);
  });
});
